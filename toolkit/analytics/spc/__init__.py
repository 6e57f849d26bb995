"""Is it really better? XmR process behaviour charts and run-chart rules.

A measure that moves from one month to the next has not necessarily changed: every process
wobbles. This module tells a signal from that noise the way NHS England's "Making Data Count"
made standard:

* :func:`xmr` draws the limits of an XmR (individuals and moving range) chart, applies four
  rules for special-cause variation in order of precedence, and names each point's type
  (improvement, concern, neutral high or low, or common cause);
* :func:`xmr_summary` reads the chart as a whole: the variation verdict from the latest point
  and the assurance verdict against a target;
* :func:`run_chart` applies Anhøj's two run-chart rules (an unusually long run, unusually few
  crossings of the median), and :func:`anhoej_thresholds` gives their published thresholds.

Everything is vectorised with numpy, so a chart of a million points takes well under a second.

The code lives in themed modules, re-exported here: :mod:`toolkit.analytics.spc.inputs` (the
checks on a chart's input, and the warnings), :mod:`toolkit.analytics.spc.rules` (the
special-cause rules and their constants), :mod:`toolkit.analytics.spc.xmr_chart`,
:mod:`toolkit.analytics.spc.summary` and :mod:`toolkit.analytics.spc.run_charts`.
"""

from __future__ import annotations

from toolkit.analytics.spc.inputs import IrregularDatesWarning, TrialLimitsWarning
from toolkit.analytics.spc.rules import POINT_TYPES, RULES
from toolkit.analytics.spc.run_charts import RunChart, anhoej_thresholds, run_chart
from toolkit.analytics.spc.summary import RULE_TEXT, XmrSummary, xmr_signals, xmr_summary
from toolkit.analytics.spc.xmr_chart import xmr

__all__ = [
    "POINT_TYPES",
    "RULES",
    "RULE_TEXT",
    "IrregularDatesWarning",
    "RunChart",
    "TrialLimitsWarning",
    "XmrSummary",
    "anhoej_thresholds",
    "run_chart",
    "xmr",
    "xmr_signals",
    "xmr_summary",
]
