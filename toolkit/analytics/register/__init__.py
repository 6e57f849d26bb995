"""A continual improvement register: record, track and prioritise improvement ideas.

Each improvement moves through the seven steps of the continual improvement model. The
register stores the step as a short status code:

============  ====  ====================================================
status        step  question
============  ====  ====================================================
``vision``    1     What is the vision?
``assess``    2     Where are we now? (the baseline)
``aim``       3     Where do we want to be? (the target)
``plan``      4     How do we get there?
``act``       5     Take action
``check``     6     Did we get there?
``sustain``   7     How do we keep the momentum going?
``closed``    end   Done: the outcome is recorded
``rejected``  end   Not pursued: the reason is recorded as the outcome
============  ====  ====================================================

Prioritising uses Weighted Shortest Job First: the cost of delay (business value + time
criticality + risk reduction) divided by the job size, highest first. The value/effort
quadrant sorts ideas into quick wins, major projects, fill-ins and thankless tasks.

The code lives in themed modules, re-exported here: :mod:`toolkit.analytics.register.steps`
(the status codes), :mod:`toolkit.analytics.register.prioritisation` (WSJF and the value/effort
quadrant), :mod:`toolkit.analytics.register.records` (the schema and one validated record) and
:mod:`toolkit.analytics.register.improvement_register` (the register kept as a CSV file).
"""

from __future__ import annotations

from toolkit.analytics.register.improvement_register import ImprovementRegister
from toolkit.analytics.register.prioritisation import (
    NOT_SCORED,
    QUADRANTS,
    prioritise_wsjf,
    quadrant_splits,
    value_effort_quadrants,
    wsjf,
)
from toolkit.analytics.register.records import (
    COLUMNS,
    SCHEMA,
    FieldSpec,
    Improvement,
    make_improvement,
)
from toolkit.analytics.register.steps import FINISHED, SEVEN_STEPS, STATUSES, improvement_steps

__all__ = [
    "COLUMNS",
    "FINISHED",
    "NOT_SCORED",
    "QUADRANTS",
    "SCHEMA",
    "SEVEN_STEPS",
    "STATUSES",
    "FieldSpec",
    "Improvement",
    "ImprovementRegister",
    "improvement_steps",
    "make_improvement",
    "prioritise_wsjf",
    "quadrant_splits",
    "value_effort_quadrants",
    "wsjf",
]
