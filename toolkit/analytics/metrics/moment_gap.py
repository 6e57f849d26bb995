"""Happiness at each moment of the journey: one service against all, in words a learner reads."""

from __future__ import annotations

import pandas as pd

from toolkit.analytics.metrics.experience import MIN_RESPONSES, happiness


def moment_label(moment: str) -> str:
    """Return a moment's name as words: ``"kept_updated"`` -> ``"Kept updated"``.

    Parameters
    ----------
    moment : str
        A moment as the survey table names it.

    Returns
    -------
    str
        The name with spaces for underscores and a capital first letter.

    Examples
    --------
    >>> moment_label("follow_up")
    'Follow up'
    """
    text = str(moment).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def happiness_gap(
    data: pd.DataFrame,
    *,
    service: str,
    service_col: str = "service_id",
    moment: str = "moment",
    score: str = "happiness",
    min_responses: int = MIN_RESPONSES,
) -> pd.DataFrame:
    """Happiness at each moment for every service and for one, and the gap between them.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per survey response (the shipped survey table).
    service : str
        The service to compare with all services (a value of ``service_col``).
    service_col : str, default "service_id"
        Column naming each response's service.
    moment : str, default "moment"
        Column naming the journey moment each response is about.
    score : str, default "happiness"
        Column of 0-10 answers.
    min_responses : int, default 30
        Below this many answers a moment's score is left empty.

    Returns
    -------
    pandas.DataFrame
        Indexed by moment (as words, in the survey's order), with columns ``all services``,
        the service, and ``gap`` (the service minus all services), each from -100 to +100.

    Raises
    ------
    ValueError
        If ``service_col`` is not a column, or no response is for ``service``; the message
        names the services there are.

    Examples
    --------
    >>> import toolkit
    >>> gap = happiness_gap(toolkit.load_survey(), service="SVC-HR")
    >>> list(gap.columns), gap.index[0]
    (['all services', 'SVC-HR', 'gap'], 'Find help')
    """
    if service_col not in data.columns:
        raise ValueError(
            f"happiness_gap: no column {service_col!r} (service_col=); the columns are "
            f"{', '.join(map(str, data.columns))}"
        )
    mine = data[data[service_col] == service]
    if mine.empty:
        known = ", ".join(sorted(map(str, data[service_col].dropna().unique())))
        raise ValueError(f"happiness_gap: no responses for service={service!r}; there are {known}")
    everyone = happiness(data, score=score, by=moment, min_responses=min_responses)["score"]
    theirs = happiness(mine, score=score, by=moment, min_responses=min_responses)["score"]
    table = pd.DataFrame({"all services": everyone, service: theirs.reindex(everyone.index)})
    table["gap"] = table[service] - table["all services"]
    table.index = pd.Index([moment_label(str(name)) for name in table.index], name="moment")
    return table
