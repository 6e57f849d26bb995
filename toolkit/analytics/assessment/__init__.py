"""Start where you are: critical success factors, readiness, baselines and the tribal audit.

Before an improvement initiative starts, two questions decide much of its fate: is the
organisation ready (the critical success factors, scored as a self-assessment and kept as a
dated baseline), and who will have to work together (the "tribal audit" of groups, their
preferred tools and methods, and how open they are to collaborating).

The answer scale
----------------
Every factor is answered on a 0-4 scale, or in words that map onto it:

=====  ==========  ===========================================================
score  word        meaning
=====  ==========  ===========================================================
0      ``no``      not in place
1      started     first steps only
2      ``partly``  in place for some of the organisation or some of the time
3      mostly      in place with known exceptions
4      ``yes``     fully in place and working
=====  ==========  ===========================================================

So ``"yes"``, ``"partly"`` and ``"no"`` (any case) score 4, 2 and 0. Numbers between the
steps (2.5, say, the mean of a team's answers) are accepted.

The code lives in themed modules, re-exported here: :mod:`toolkit.analytics.assessment.factors`
(the factors and the answer scale), :mod:`toolkit.analytics.assessment.readiness` (scoring,
baselines and comparing with them) and :mod:`toolkit.analytics.assessment.tribal` (the tribal
audit).
"""

from __future__ import annotations

from toolkit.analytics.assessment.factors import (
    ANSWER_SCALE,
    MAX_SCORE,
    WORD_SCORES,
    answer_score,
    load_critical_success_factors,
    load_readiness_sample,
)
from toolkit.analytics.assessment.readiness import (
    BaselineComparison,
    CSFAssessment,
    compare_to_baseline,
    csf_assessment,
    load_baseline,
    save_baseline,
)
from toolkit.analytics.assessment.tribal import (
    OPENNESS_SCALE,
    TribalAudit,
    load_tribal_audit_sample,
    tribal_audit,
)

__all__ = [
    "ANSWER_SCALE",
    "MAX_SCORE",
    "OPENNESS_SCALE",
    "WORD_SCORES",
    "BaselineComparison",
    "CSFAssessment",
    "TribalAudit",
    "answer_score",
    "compare_to_baseline",
    "csf_assessment",
    "load_baseline",
    "load_critical_success_factors",
    "load_readiness_sample",
    "load_tribal_audit_sample",
    "save_baseline",
    "tribal_audit",
]
