"""Service journeys: ordered moments, their touch points, the experience curve and its low points.

Service design thinking looks at a service the way its user lives it: a *journey* made of
*moments* (finding help, reporting, hearing back, getting it fixed), each met through *touch
points* (people, process, tools and places) over a *channel*. Scoring the experience at every
moment draws the journey curve; the moments below a threshold are *pain points*, and the few
that decide what the user remembers are *moments of truth*.

A journey is entered by hand (:class:`Journey`, :class:`Moment`, :func:`touch_points`) or built
from survey responses (:func:`journey_from_survey`). Plots live in :mod:`toolkit.plots.journey`.
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, get_args

import pandas as pd

from toolkit.data.synthetic import MOMENTS

__all__ = [
    "SURVEY_MOMENTS",
    "TOUCH_POINT_KINDS",
    "Journey",
    "Moment",
    "TouchPoint",
    "journey_from_survey",
    "touch_points",
]

TouchPointKind = Literal["people", "process", "tool", "place"]
#: The four kinds of touch point: who, how, with what and where the user meets the service.
TOUCH_POINT_KINDS: tuple[TouchPointKind, ...] = get_args(TouchPointKind)

#: The journey moments the shipped survey asks about, in the order a user lives them (the
#: survey table's ``moment`` categories, defined once with the data).
SURVEY_MOMENTS: tuple[str, ...] = MOMENTS

MomentOfTruthMethod = Literal["auto", "marked", "drop", "impact"]
SurveyStatistic = Literal["mean", "median", "net"]


def _check_text(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what} must be a non-empty string, got {value!r}")
    return value


def _check_count(value: object, what: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{what} must be a whole number, {minimum} or more, got {value!r}")
    return int(value)


def _check_number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{what} must be a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{what} must be a finite number, got {value!r}")
    return number


@dataclass(frozen=True)
class TouchPoint:
    """Something the user meets at a moment of the journey.

    Parameters
    ----------
    name : str
        What it is, in the user's words: ``"Service desk analyst"``, ``"Self-service portal"``.
    kind : {"people", "process", "tool", "place"}
        Who, how, with what, or where.

    Raises
    ------
    ValueError
        If the name is empty or the kind is not one of :data:`TOUCH_POINT_KINDS`.

    Examples
    --------
    >>> TouchPoint("Self-service portal", "tool")
    TouchPoint(name='Self-service portal', kind='tool')
    """

    name: str
    kind: TouchPointKind

    def __post_init__(self) -> None:
        _check_text(self.name, "a touch point's name")
        if self.kind not in TOUCH_POINT_KINDS:
            raise ValueError(
                f"touch point {self.name!r}: kind {self.kind!r} is not one of "
                f"{', '.join(TOUCH_POINT_KINDS)}"
            )

    def __str__(self) -> str:
        return f"{self.kind}: {self.name}"


def touch_points(
    *,
    people: str | Iterable[str] = (),
    process: str | Iterable[str] = (),
    tool: str | Iterable[str] = (),
    place: str | Iterable[str] = (),
) -> tuple[TouchPoint, ...]:
    """Make the touch points of a moment from names grouped by kind.

    Parameters
    ----------
    people, process, tool, place : str or iterable of str, optional
        The names of the touch points of each kind; one name or several.

    Returns
    -------
    tuple of TouchPoint
        In the order people, process, tool, place, each kind in the order given.

    Raises
    ------
    ValueError
        If a name is empty.

    Examples
    --------
    >>> touch_points(people="Service desk analyst", tool=["Portal", "Email"])[0]
    TouchPoint(name='Service desk analyst', kind='people')
    """
    made: list[TouchPoint] = []
    groups: dict[TouchPointKind, str | Iterable[str]] = {
        "people": people,
        "process": process,
        "tool": tool,
        "place": place,
    }
    for kind, names in groups.items():
        for name in (names,) if isinstance(names, str) else names:
            made.append(TouchPoint(name, kind))
    return tuple(made)


@dataclass(frozen=True)
class Moment:
    """One moment of a service journey and how it felt.

    Parameters
    ----------
    name : str
        A short identifier, unique in its journey: ``"report"``.
    score : float
        The experience score at this moment, on the journey's scale (0-10 by default).
    label : str, optional
        The name shown on charts; ``name`` in sentence case when omitted.
    channel : str, optional
        How the user meets the service here: ``"portal"``, ``"phone"``, ``"walk-in"``...
    touch_points : sequence of TouchPoint, optional
        What the user meets here; see :func:`touch_points`.
    moment_of_truth : bool, default False
        Marks a moment that decides what the user remembers of the whole service.
    responses : int, optional
        How many survey responses the score rests on (None when entered by hand).
    impact : float, optional
        How strongly this moment drives the overall opinion (for example a driver analysis'
        coefficient); used by ``Journey.moments_of_truth(by="impact")``.

    Raises
    ------
    ValueError
        If the name is empty, the score is not a finite number, a touch point is not a
        :class:`TouchPoint`, or ``responses`` is negative.

    Examples
    --------
    >>> Moment("report", 6.5, channel="portal").label
    'Report'
    """

    name: str
    score: float
    label: str = ""
    channel: str | None = None
    touch_points: Sequence[TouchPoint] = ()
    moment_of_truth: bool = False
    responses: int | None = None
    impact: float | None = None

    def __post_init__(self) -> None:
        _check_text(self.name, "a moment's name")
        object.__setattr__(self, "score", _check_number(self.score, f"moment {self.name!r}: score"))
        if not self.label:
            object.__setattr__(self, "label", self.name.replace("_", " ").capitalize())
        if self.channel is not None:
            _check_text(self.channel, f"moment {self.name!r}: channel")
        points = tuple(self.touch_points)
        for point in points:
            if not isinstance(point, TouchPoint):
                raise ValueError(
                    f"moment {self.name!r}: touch point {point!r} is not a TouchPoint; make them "
                    "with touch_points(people=..., process=..., tool=..., place=...)"
                )
        object.__setattr__(self, "touch_points", points)
        if not isinstance(self.moment_of_truth, bool):
            raise ValueError(
                f"moment {self.name!r}: moment_of_truth must be True or False, "
                f"got {self.moment_of_truth!r}"
            )
        if self.responses is not None:
            _check_count(self.responses, f"moment {self.name!r}: responses", 0)
        if self.impact is not None:
            object.__setattr__(
                self, "impact", _check_number(self.impact, f"moment {self.name!r}: impact")
            )


@dataclass(frozen=True)
class Journey:
    """A service journey: moments in the order the user lives them.

    Parameters
    ----------
    name : str
        What the journey is: ``"Getting a broken laptop fixed"``.
    moments : sequence of Moment
        At least one, with unique names, in order.
    scale : tuple of (float, float), default (0, 10)
        The lowest and highest possible score; every moment's score must lie within it.
    pain_threshold : float, optional
        Scores strictly below it are pain points; the middle of the scale when omitted.
    measure : str, default "Experience score"
        What the score is, for chart labels: ``"Mean happiness"``.

    Raises
    ------
    ValueError
        If there are no moments, two share a name, the scale is empty, or a score or the
        threshold lies outside the scale.

    Examples
    --------
    >>> trip = Journey("Laptop fix", [Moment("report", 4), Moment("resolved", 8)])
    >>> [m.name for m in trip.pain_points()]
    ['report']
    """

    name: str
    moments: Sequence[Moment]
    scale: tuple[float, float] = (0.0, 10.0)
    pain_threshold: float | None = None
    measure: str = "Experience score"
    _index: dict[str, int] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        _check_text(self.name, "a journey's name")
        _check_text(self.measure, f"journey {self.name!r}: measure")
        moments = tuple(self.moments)
        if not moments:
            raise ValueError(f"journey {self.name!r} needs at least one moment, got none")
        for moment in moments:
            if not isinstance(moment, Moment):
                raise ValueError(f"journey {self.name!r}: {moment!r} is not a Moment")
        index: dict[str, int] = {}
        for position, moment in enumerate(moments):
            if moment.name in index:
                raise ValueError(
                    f"journey {self.name!r}: moment {moment.name!r} appears twice "
                    f"(positions {index[moment.name] + 1} and {position + 1}); names must be unique"
                )
            index[moment.name] = position
        if len(self.scale) != 2:
            raise ValueError(f"journey {self.name!r}: scale must be (lowest, highest)")
        low = _check_number(self.scale[0], f"journey {self.name!r}: scale's lowest score")
        high = _check_number(self.scale[1], f"journey {self.name!r}: scale's highest score")
        if not low < high:
            raise ValueError(
                f"journey {self.name!r}: scale must run from low to high, got {self.scale!r}"
            )
        for moment in moments:
            if not low <= moment.score <= high:
                raise ValueError(
                    f"journey {self.name!r}: moment {moment.name!r} has score {moment.score:g}, "
                    f"outside the scale {low:g} to {high:g}"
                )
        if self.pain_threshold is not None:
            threshold = _check_number(self.pain_threshold, f"journey {self.name!r}: pain_threshold")
            if not low <= threshold <= high:
                raise ValueError(
                    f"journey {self.name!r}: pain_threshold {threshold:g} lies outside the "
                    f"scale {low:g} to {high:g}"
                )
            object.__setattr__(self, "pain_threshold", threshold)
        object.__setattr__(self, "moments", moments)
        object.__setattr__(self, "scale", (low, high))
        object.__setattr__(self, "_index", index)

    @property
    def names(self) -> tuple[str, ...]:
        """The moments' names, in journey order."""
        return tuple(moment.name for moment in self.moments)

    @property
    def threshold(self) -> float:
        """The pain threshold in use: ``pain_threshold``, or the middle of the scale."""
        if self.pain_threshold is not None:
            return self.pain_threshold
        return (self.scale[0] + self.scale[1]) / 2

    def moment(self, name: str) -> Moment:
        """Return the moment called ``name``.

        Raises
        ------
        ValueError
            If the journey has no such moment (the message lists the ones it has).
        """
        if name not in self._index:
            raise ValueError(
                f"journey {self.name!r} has no moment {name!r}; its moments are "
                f"{', '.join(self.names)}"
            )
        return self.moments[self._index[name]]

    def changes(self) -> list[float | None]:
        """The change in score from the previous moment (None for the first moment)."""
        scores = [moment.score for moment in self.moments]
        return [None, *(after - before for before, after in itertools.pairwise(scores))]

    def pain_points(self, threshold: float | None = None) -> tuple[Moment, ...]:
        """The moments whose score lies strictly below the threshold.

        Parameters
        ----------
        threshold : float, optional
            Defaults to :attr:`threshold` (``pain_threshold`` or the middle of the scale).

        Returns
        -------
        tuple of Moment
            In journey order; empty when nothing hurts.

        Raises
        ------
        ValueError
            If ``threshold`` is not a number.

        Examples
        --------
        >>> trip = Journey("Fix", [Moment("report", 6), Moment("wait", 3)], pain_threshold=5)
        >>> [m.name for m in trip.pain_points()], [m.name for m in trip.pain_points(7)]
        (['wait'], ['report', 'wait'])
        """
        limit = self.threshold if threshold is None else _check_number(threshold, "threshold")
        return tuple(moment for moment in self.moments if moment.score < limit)

    def moments_of_truth(
        self, *, n: int = 1, by: MomentOfTruthMethod = "auto"
    ) -> tuple[Moment, ...]:
        """The moments that decide what the user remembers.

        Parameters
        ----------
        n : int, default 1
            How many to pick by drop or impact (marked moments are all returned).
        by : {"auto", "marked", "drop", "impact"}, default "auto"
            ``"marked"``: the moments marked ``moment_of_truth=True``.
            ``"drop"``: the ``n`` largest falls in score from the previous moment (only real
            falls count, so a journey that never falls has none).
            ``"impact"``: the ``n`` moments with the largest ``impact`` (every moment needs one).
            ``"auto"``: marked moments if any are marked, else impact if every moment has one,
            else drop.

        Returns
        -------
        tuple of Moment
            In journey order. Ties are broken in favour of the earlier moment.

        Raises
        ------
        ValueError
            If ``n`` is below 1, ``by`` is unknown, or ``by="impact"`` and a moment has no
            impact.

        Examples
        --------
        >>> trip = Journey("Fix", [Moment("a", 8), Moment("b", 4), Moment("c", 3)])
        >>> [m.name for m in trip.moments_of_truth()]
        ['b']
        """
        count = _check_count(n, "n (how many moments)", 1)
        methods = get_args(MomentOfTruthMethod)
        if by not in methods:
            raise ValueError(f"by must be one of {', '.join(methods)}, got {by!r}")
        method = by
        if method == "auto":
            if any(moment.moment_of_truth for moment in self.moments):
                method = "marked"
            elif all(moment.impact is not None for moment in self.moments):
                method = "impact"
            else:
                method = "drop"
        if method == "marked":
            return tuple(moment for moment in self.moments if moment.moment_of_truth)
        if method == "impact":
            missing = [moment.name for moment in self.moments if moment.impact is None]
            if missing:
                raise ValueError(
                    f"journey {self.name!r}: by='impact' needs an impact on every moment; "
                    f"missing on {', '.join(missing)}"
                )
            ranked = sorted(
                range(len(self.moments)),
                key=lambda i: (-(self.moments[i].impact or 0.0), i),
            )
        else:
            falls = [
                (-change, i)
                for i, change in enumerate(self.changes())
                if change is not None and change < 0
            ]
            ranked = [i for _, i in sorted(falls, key=lambda pair: (-pair[0], pair[1]))]
        chosen = sorted(ranked[:count])
        return tuple(self.moments[i] for i in chosen)

    def marked(self, *names: str) -> Journey:
        """Return a copy of the journey with the named moments marked as moments of truth.

        Raises
        ------
        ValueError
            If a name is not a moment of this journey.
        """
        for name in names:
            self.moment(name)
        moments = [
            replace(moment, moment_of_truth=moment.moment_of_truth or moment.name in names)
            for moment in self.moments
        ]
        return replace(self, moments=moments)

    def curve(self, *, threshold: float | None = None) -> pd.DataFrame:
        """The journey curve as a table, one row per moment in order.

        Parameters
        ----------
        threshold : float, optional
            The pain threshold; :attr:`threshold` when omitted.

        Returns
        -------
        pandas.DataFrame
            Columns ``step`` (1, 2, ...), ``moment``, ``label``, ``score``, ``change`` (from
            the previous moment; missing for the first), ``channel``, ``touch_points`` (as
            text), ``responses``, ``pain_point`` and ``moment_of_truth`` (by the ``"auto"``
            rule of :meth:`moments_of_truth`).

        Examples
        --------
        >>> Journey("Fix", [Moment("a", 8), Moment("b", 4)]).curve()["change"].tolist()
        [nan, -4.0]
        """
        pains = {moment.name for moment in self.pain_points(threshold)}
        truths = {moment.name for moment in self.moments_of_truth()}
        changes = [math.nan if change is None else change for change in self.changes()]
        return pd.DataFrame(
            {
                "step": pd.Series(range(1, len(self.moments) + 1), dtype="int64"),
                "moment": pd.Series(self.names, dtype="string"),
                "label": pd.Series([m.label for m in self.moments], dtype="string"),
                "score": pd.Series([m.score for m in self.moments], dtype="float64"),
                "change": pd.Series(changes, dtype="float64"),
                "channel": pd.Series([m.channel for m in self.moments], dtype="string"),
                "touch_points": pd.Series(
                    ["; ".join(str(p) for p in m.touch_points) for m in self.moments],
                    dtype="string",
                ),
                "responses": pd.Series([m.responses for m in self.moments], dtype="Int64"),
                "pain_point": pd.Series([m.name in pains for m in self.moments], dtype=bool),
                "moment_of_truth": pd.Series([m.name in truths for m in self.moments], dtype=bool),
            }
        )

    def touch_point_table(self) -> pd.DataFrame:
        """Every touch point of the journey, one row each.

        Returns
        -------
        pandas.DataFrame
            Columns ``step``, ``moment``, ``label``, ``kind`` and ``touch_point``.
        """
        rows = [
            (step, moment.name, moment.label, point.kind, point.name)
            for step, moment in enumerate(self.moments, start=1)
            for point in moment.touch_points
        ]
        table = pd.DataFrame(rows, columns=["step", "moment", "label", "kind", "touch_point"])
        return table.astype(
            {
                "step": "int64",
                "moment": "string",
                "label": "string",
                "kind": pd.CategoricalDtype(list(TOUCH_POINT_KINDS)),
                "touch_point": "string",
            }
        )


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
