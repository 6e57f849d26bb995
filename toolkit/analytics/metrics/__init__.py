"""Service measures on DataFrames: change, SLA and flow, DORA, experience, watermelons.

Every measure takes the table as its one positional argument, ``data``, and names its columns
with keyword-only arguments whose defaults match the shipped datasets (see
``datasets/README.md``), the way seaborn does::

    change_success_rate(changes, outcome="outcome", freq="M")

With neither ``by=`` nor ``freq=`` a rate or score comes back as a single float; with either
it comes back as a DataFrame (or a Series for :func:`backlog`) indexed by the group column(s)
and/or ``period`` (each period's start). Grouped by period, every period from the first to the
last gets a row, so a month with no data shows as empty rather than vanishing.

Ranges, so a number is never read on the wrong scale:

* rates (change success and failure, SLA compliance, reopen, first-contact resolution,
  change failure in DORA) are shares from **0 to 1**;
* time to resolve and DORA lead/restore times are in **hours**; deployment frequency is the
  median of deployment **days per week** (fourkeys' measure);
* happiness and NPS run from **-100 to +100**; CSAT from **0 to 100** (a percentage);
* below a minimum sample size (``min_responses``, default 30) an experience score is NaN and
  flagged ``insufficient``: see :class:`~toolkit.analytics.metrics.experience.Score`.

Any dataframe narwhals supports is accepted: pandas, polars, pyarrow, and lazy polars or DuckDB
frames (collected first); a table comes back in the caller's kind (a polars frame in, a polars
frame out; pandas keeps its index, other kinds get the index as leading columns), and a single
number is always a Python float. Durations are taken between instants and calendars are read
in a zone the caller names (``tz=``), by default the data's own: see
:mod:`toolkit.analytics._times`.

Bad input (not a dataframe, an empty frame, a missing column, a column of the wrong dtype, an
unknown group column, an impossible argument) raises ``ValueError`` naming the function, the
argument, the column, the frame's columns and what was expected.

The code lives in themed modules, re-exported here: :mod:`toolkit.analytics.metrics.change`,
:mod:`toolkit.analytics.metrics.service_levels`, :mod:`toolkit.analytics.metrics.dora`,
:mod:`toolkit.analytics.metrics.dora_keys`,
:mod:`toolkit.analytics.metrics.experience` and :mod:`toolkit.analytics.metrics.sla_experience`.
"""

from __future__ import annotations

from toolkit.analytics.metrics.change import (
    CHANGE_SUCCESS_TARGET,
    change_failure_rate,
    change_success_rate,
)
from toolkit.analytics.metrics.dora import KEYS as DORA_KEYS
from toolkit.analytics.metrics.dora import LEVELS as DORA_LEVELS
from toolkit.analytics.metrics.dora import dora_bands, dora_level
from toolkit.analytics.metrics.dora_clusters import dora_closest_cluster, dora_closest_clusters
from toolkit.analytics.metrics.dora_keys import dora_four_keys
from toolkit.analytics.metrics.experience import MIN_RESPONSES, Score, csat, happiness, nps
from toolkit.analytics.metrics.moment_gap import happiness_gap, moment_label
from toolkit.analytics.metrics.service_levels import (
    backlog,
    first_contact_resolution,
    reopen_rate,
    sla_compliance,
    time_to_resolve,
)
from toolkit.analytics.metrics.sla_experience import QUADRANTS, SLA_TARGET, watermelon

__all__ = [
    "CHANGE_SUCCESS_TARGET",
    "DORA_KEYS",
    "DORA_LEVELS",
    "MIN_RESPONSES",
    "QUADRANTS",
    "SLA_TARGET",
    "Score",
    "backlog",
    "change_failure_rate",
    "change_success_rate",
    "csat",
    "dora_bands",
    "dora_closest_cluster",
    "dora_closest_clusters",
    "dora_four_keys",
    "dora_level",
    "first_contact_resolution",
    "happiness",
    "happiness_gap",
    "moment_label",
    "nps",
    "reopen_rate",
    "sla_compliance",
    "time_to_resolve",
    "watermelon",
]
