"""A journey built from survey responses: one moment per value of the moment column."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Literal, get_args

import pandas as pd

from toolkit.analytics.journey._common import _check_count, _check_text
from toolkit.analytics.journey.journey_map import Journey
from toolkit.analytics.journey.moments import Moment, TouchPoint, touch_points
from toolkit.data.synthetic import MOMENTS

#: The journey moments the shipped survey asks about, in the order a user lives them (the
#: survey table's ``moment`` categories, defined once with the data).
SURVEY_MOMENTS: tuple[str, ...] = MOMENTS

SurveyStatistic = Literal["mean", "median", "net"]


#: How the shipped survey's moments look to a user of a typical service desk: label, channel
#: and touch points. Used by :func:`journey_from_survey` for any of these moments.
_SURVEY_MOMENT_DETAILS: dict[str, tuple[str, str, tuple[TouchPoint, ...]]] = {
    "find_help": (
        "Find help",
        "intranet",
        touch_points(people="A colleague", tool="Intranet search", place="Own desk"),
    ),
    "report": (
        "Report",
        "portal",
        touch_points(process="Logging the incident", tool="Self-service portal"),
    ),
    "acknowledged": (
        "Acknowledged",
        "email",
        touch_points(process="Triage and priority", tool="Automatic notification"),
    ),
    "kept_updated": (
        "Kept updated",
        "email",
        touch_points(people="Resolver group", process="Status updates"),
    ),
    "resolved": (
        "Resolved",
        "phone",
        touch_points(people="Engineer", tool="Remote support", place="Own desk"),
    ),
    "follow_up": (
        "Follow-up",
        "email",
        touch_points(process="Closure check", tool="Survey form"),
    ),
}


def _columns_text(data: pd.DataFrame) -> str:
    return ", ".join(repr(str(column)) for column in data.columns)


def _check_keys(mapping: Mapping[str, object], order: Sequence[str], what: str) -> None:
    unknown = [key for key in mapping if key not in order]
    if unknown:
        raise ValueError(
            f"{what} names moments not in the journey: {', '.join(map(repr, unknown))}; "
            f"the journey's moments are {', '.join(order)}"
        )


def journey_from_survey(
    data: pd.DataFrame,
    *,
    moment: str = "moment",
    score: str = "happiness",
    order: Sequence[str] = SURVEY_MOMENTS,
    min_responses: int = 30,
    statistic: SurveyStatistic = "mean",
    name: str = "Service desk journey (survey)",
    labels: Mapping[str, str] | None = None,
    channels: Mapping[str, str] | None = None,
    touch_points: Mapping[str, Sequence[TouchPoint]] | None = None,
    moments_of_truth: Iterable[str] = (),
    pain_threshold: float | None = None,
) -> Journey:
    """Build a journey from survey responses, one moment per value of the moment column.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per response, such as ``toolkit.load_survey()``.
    moment : str, default "moment"
        The column naming the journey moment each response is about.
    score : str, default "happiness"
        The numeric column holding the score (0-10 in the shipped survey). Missing scores are
        left out.
    order : sequence of str, default SURVEY_MOMENTS
        The moments of the journey, in the order a user lives them. Responses about other
        moments are left out.
    min_responses : int, default 30
        The fewest scored responses a moment needs; fewer is an error rather than a score
        that pretends to be reliable.
    statistic : {"mean", "median", "net"}, default "mean"
        How a moment's responses become its score: their mean or median on the 0-10 scale,
        or net happiness, the share of 9-10 minus the share of 0-6 in percentage points
        (-100 to 100).
    name : str, default "Service desk journey (survey)"
        The journey's name.
    labels, channels : mapping of str to str, optional
        The chart label and channel of moments; the shipped survey's moments have defaults.
    touch_points : mapping of str to sequence of TouchPoint, optional
        The touch points of moments; the shipped survey's moments have defaults.
    moments_of_truth : iterable of str, optional
        Moments to mark as moments of truth.
    pain_threshold : float, optional
        Passed to :class:`Journey` (the middle of the scale when omitted).

    Returns
    -------
    Journey
        Scale 0-10 (or -100 to 100 for ``"net"``); each moment carries its ``responses``.

    Raises
    ------
    ValueError
        If ``data`` is not a DataFrame or is empty, a column is missing or not numeric, a
        score lies outside 0-10, ``order`` is empty or repeats a moment, a moment has fewer
        than ``min_responses`` scored responses, a mapping names a moment not in ``order``,
        or ``statistic`` is unknown.

    Examples
    --------
    >>> survey = pd.DataFrame({"moment": ["report"] * 3 + ["resolved"] * 3,
    ...                        "happiness": [4, 5, 6, 9, 10, 8]})
    >>> trip = journey_from_survey(survey, order=["report", "resolved"], min_responses=3)
    >>> [(m.name, m.score, m.responses) for m in trip.moments]
    [('report', 5.0, 3), ('resolved', 9.0, 3)]
    """
    if not isinstance(data, pd.DataFrame):
        raise ValueError(f"data must be a pandas DataFrame, got {type(data).__name__}")
    for role, column in (("moment", moment), ("score", score)):
        if column not in data.columns:
            raise ValueError(
                f"{role} column {column!r} is not in the data; its columns are "
                f"{_columns_text(data)}; pass {role}=<the column holding the "
                f"{'journey moment' if role == 'moment' else 'experience score'}>"
            )
    if data.empty:
        raise ValueError(
            f"data is empty: a journey needs survey responses in columns {moment!r} and {score!r}"
        )
    statistics = get_args(SurveyStatistic)
    if statistic not in statistics:
        raise ValueError(f"statistic must be one of {', '.join(statistics)}, got {statistic!r}")
    _check_count(min_responses, "min_responses", 1)
    if isinstance(order, str):
        raise ValueError(f"order must be a sequence of moment names, not the string {order!r}")
    names = list(order)
    if not names:
        raise ValueError("order must name at least one moment, got none")
    for moment_name in names:
        _check_text(moment_name, "every name in order")
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValueError(f"order names a moment more than once: {', '.join(repeated)}")
    labels = dict(labels or {})
    channels = dict(channels or {})
    points = dict(touch_points or {})
    truths = [moments_of_truth] if isinstance(moments_of_truth, str) else list(moments_of_truth)
    _check_keys(labels, names, "labels")
    _check_keys(channels, names, "channels")
    _check_keys(points, names, "touch_points")
    _check_keys(dict.fromkeys(truths), names, "moments_of_truth")

    values = data[score]
    if pd.api.types.is_bool_dtype(values.dtype) or not pd.api.types.is_numeric_dtype(values.dtype):
        raise ValueError(
            f"score column {score!r} must be numeric (0-10), got dtype {values.dtype}; "
            f"the data's columns are {_columns_text(data)}"
        )
    scored = pd.DataFrame(
        {
            "moment": data[moment].astype("string"),
            "score": values.astype("Float64"),
        }
    ).dropna()
    outside = scored[(scored["score"] < 0) | (scored["score"] > 10)]
    if not outside.empty:
        raise ValueError(
            f"score column {score!r} must hold scores from 0 to 10; {len(outside)} responses lie "
            f"outside, for example {outside['score'].iloc[0]:g}"
        )
    groups = {str(key): group["score"] for key, group in scored.groupby("moment", sort=False)}
    present = ", ".join(sorted(groups)) or "nothing"
    moments: list[Moment] = []
    for moment_name in names:
        responses = groups.get(moment_name)
        count = 0 if responses is None else len(responses)
        if responses is None or count < min_responses:
            holds = "" if count else f"; the {moment!r} column holds: {present}"
            raise ValueError(
                f"moment {moment_name!r} has {count} scored responses in column {score!r}, "
                f"fewer than min_responses={min_responses}{holds}. Use more data, lower "
                "min_responses, or leave the moment out of order"
            )
        scores = responses.astype("float64")
        if statistic == "mean":
            value = float(scores.mean())
        elif statistic == "median":
            value = float(scores.median())
        else:
            value = 100.0 * (float((scores >= 9).mean()) - float((scores <= 6).mean()))
        default_label, default_channel, default_points = _SURVEY_MOMENT_DETAILS.get(
            moment_name, ("", None, ())
        )
        moments.append(
            Moment(
                moment_name,
                value,
                label=labels.get(moment_name, default_label),
                channel=channels.get(moment_name, default_channel),
                touch_points=tuple(points.get(moment_name, default_points)),
                moment_of_truth=moment_name in truths,
                responses=count,
            )
        )
    measure = {
        "mean": f"Mean {score}",
        "median": f"Median {score}",
        "net": f"Net {score}, % 9-10 minus % 0-6",
    }[statistic]
    scale = (-100.0, 100.0) if statistic == "net" else (0.0, 10.0)
    return Journey(name, moments, scale=scale, pain_threshold=pain_threshold, measure=measure)
