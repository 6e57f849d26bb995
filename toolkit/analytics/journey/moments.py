"""The moments of a journey and the touch points the user meets at each."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from toolkit.analytics.journey._common import _check_count, _check_number, _check_text

TouchPointKind = Literal["people", "process", "tool", "place"]
#: The four kinds of touch point: who, how, with what and where the user meets the service.
TOUCH_POINT_KINDS: tuple[TouchPointKind, ...] = get_args(TouchPointKind)


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
