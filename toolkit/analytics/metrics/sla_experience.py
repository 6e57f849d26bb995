"""Watermelons: services whose SLAs are green outside while their users are red inside.

:func:`watermelon` puts each service's SLA compliance (an output the provider reports) beside
an experience score from its users (the outcome they feel), and labels every service (and
period) by quadrant:

=====================  ==============  ===================
quadrant               SLA             experience
=====================  ==============  ===================
``healthy``            at/above target at/above target
``watermelon``         at/above target below target
``reverse watermelon`` below target    at/above target
``failing``            below target    below target
``not enough data``    unknown         too few responses
=====================  ==============  ===================
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, cast

import numpy as np
import pandas as pd

from toolkit.analytics._frames import check_scalar, group_columns, read_frame
from toolkit.analytics._native import give_back
from toolkit.analytics.metrics.experience import MIN_RESPONSES, csat, happiness, nps
from toolkit.analytics.metrics.service_levels import sla_compliance

#: The quadrant labels, in the order charts and legends use them.
QUADRANTS: tuple[str, ...] = (
    "healthy",
    "watermelon",
    "reverse watermelon",
    "failing",
    "not enough data",
)

#: Default SLA bar: the shipped watermelon service stays above 95% every month.
SLA_TARGET = 0.95

_DEFAULT_TARGETS = {"happiness": 0.0, "nps": 0.0, "csat": 80.0}
_DEFAULT_COLUMNS = {"happiness": "happiness", "nps": "recommend", "csat": "csat"}


def watermelon(
    data: Any,
    *,
    survey: Any,
    by: str | Sequence[str] = "service_id",
    freq: str | None = None,
    measure: Literal["happiness", "nps", "csat"] = "happiness",
    score: str | None = None,
    sla_target: float = SLA_TARGET,
    experience_target: float | None = None,
    min_responses: int = MIN_RESPONSES,
    hours: str = "resolve_hours",
    target: str | float = "sla_target_hours",
    opened: str = "opened_at",
    responded: str = "responded_at",
) -> Any:
    """SLA compliance against experience per service (and period), labelled by quadrant.

    Parameters
    ----------
    data : pandas.DataFrame
        Incidents, one row each (the shipped ``incidents.csv``).
    survey : pandas.DataFrame
        Survey responses, one row each (the shipped ``survey.csv``).
    by : str or list of str, default "service_id"
        Column(s), present in both frames, naming what is compared.
    freq : str, optional
        Period alias (``"M"``, ``"Q"``...): one row per group and period; incidents are placed
        by ``opened``, responses by ``responded``.
    measure : {"happiness", "nps", "csat"}, default "happiness"
        Which experience score to use.
    score : str, optional
        The survey column for ``measure``; default ``"happiness"``, ``"recommend"`` or
        ``"csat"``.
    sla_target : float, default 0.95
        SLA compliance (0-1) at or above which the SLA counts as green.
    experience_target : float, optional
        Score at or above which experience counts as green; default 0 for happiness and
        NPS (more happy than unhappy), 80 for CSAT.
    min_responses : int, default 30
        Fewer responses than this leave the experience unknown: ``not enough data``.
    hours, target, opened : str
        Passed to :func:`toolkit.analytics.metrics.service_levels.sla_compliance`.
    responded : str, default "responded_at"
        Datetime column of ``survey`` forming periods with ``freq``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``by`` (and ``period``), with columns ``sla_compliance`` (0-1),
        ``incidents`` (judged against the SLA), ``experience`` (the score, NaN when
        insufficient), ``responses``, ``sla_green``, ``experience_green`` (nullable booleans)
        and ``quadrant`` (categorical, one of :data:`QUADRANTS`). ``attrs`` records the
        measure and both targets.

    Raises
    ------
    ValueError
        If either frame is empty, lacks a column or has one of the wrong dtype, ``by`` is not
        in both frames, ``measure`` is unknown or a target is out of range.

    Examples
    --------
    >>> import pandas as pd
    >>> incidents = pd.DataFrame({"service_id": ["HR"] * 4,
    ...                           "resolve_hours": [1.0, 2.0, 3.0, 4.0],
    ...                           "sla_target_hours": [8.0] * 4})
    >>> survey = pd.DataFrame({"service_id": ["HR"] * 40, "happiness": [2] * 30 + [10] * 10})
    >>> watermelon(incidents, survey=survey)["quadrant"].tolist()
    ['watermelon']
    """
    func = "watermelon"
    incidents, source = read_frame(data, func)
    responses, _ = read_frame(survey, func, "survey")
    if measure not in _DEFAULT_TARGETS:
        raise ValueError(
            f"{func}: unknown measure={measure!r}; expected one of {sorted(_DEFAULT_TARGETS)}"
        )
    names = group_columns(incidents, func, by)
    group_columns(responses, f"{func} (survey=)", by)
    sla_bar = check_scalar(func, "sla_target", sla_target, 0.0, 1.0)
    low, high = (0.0, 100.0) if measure == "csat" else (-100.0, 100.0)
    goal = _DEFAULT_TARGETS[measure] if experience_target is None else experience_target
    experience_bar = check_scalar(func, "experience_target", goal, low, high)

    # Grouped measures always return frames.
    sla = cast(
        pd.DataFrame,
        sla_compliance(incidents, hours=hours, target=target, opened=opened, by=names, freq=freq),
    )
    scorer = {"happiness": happiness, "nps": nps, "csat": csat}[measure]
    experience = cast(
        pd.DataFrame,
        scorer(
            responses,
            score=score or _DEFAULT_COLUMNS[measure],
            time=responded,
            by=names,
            freq=freq,
            min_responses=min_responses,
        ),
    )
    table = pd.concat(
        [
            sla[["rate", "incidents"]].rename(columns={"rate": "sla_compliance"}),
            experience[["score", "responses"]].rename(columns={"score": "experience"}),
        ],
        axis=1,
        join="outer",
    ).sort_index()
    table["incidents"] = table["incidents"].fillna(0).astype("int64")
    table["responses"] = table["responses"].fillna(0).astype("int64")
    sla_known = table["sla_compliance"].notna()
    experience_known = table["experience"].notna()
    sla_green = table["sla_compliance"] >= sla_bar
    experience_green = table["experience"] >= experience_bar
    table["sla_green"] = sla_green.where(sla_known).astype("boolean")
    table["experience_green"] = experience_green.where(experience_known).astype("boolean")
    labels = np.select(
        [
            ~(sla_known & experience_known),
            sla_green & experience_green,
            sla_green & ~experience_green,
            ~sla_green & experience_green,
        ],
        [QUADRANTS[4], QUADRANTS[0], QUADRANTS[1], QUADRANTS[2]],
        default=QUADRANTS[3],
    )
    table["quadrant"] = pd.Categorical(labels, categories=list(QUADRANTS))
    table.attrs.update(
        {"measure": measure, "sla_target": sla_bar, "experience_target": experience_bar}
    )
    return give_back(table, source)
