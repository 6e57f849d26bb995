"""A journey: its moments in order, the experience curve, pain points and moments of truth."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, get_args

import pandas as pd

from toolkit.analytics.journey._common import _check_count, _check_number, _check_text
from toolkit.analytics.journey.moments import TOUCH_POINT_KINDS, Moment

MomentOfTruthMethod = Literal["auto", "marked", "drop", "impact"]


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
        """The first moments to fix (the name this method had first; see :meth:`first_to_fix`).

        Kept so that existing code works. Carlzon's *moments of truth* are every contact a
        user has with the organisation, so every moment of a journey is one; what this
        method picks is the moment to fix first.
        """
        return self.first_to_fix(n=n, by=by)

    def first_to_fix(self, *, n: int = 1, by: MomentOfTruthMethod = "auto") -> tuple[Moment, ...]:
        """The first moments to fix: marked ones, the biggest impact, or the sharpest drops.

        Parameters
        ----------
        n : int, default 1
            How many to pick by drop or impact (marked moments are all returned).
        by : {"auto", "marked", "drop", "impact"}, default "auto"
            ``"marked"``: the moments marked ``moment_of_truth=True`` (what users said
            matters most, e.g. the peak or the end they remember).
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
        >>> [m.name for m in trip.first_to_fix()]
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
        """Return a copy of the journey with the named moments marked as the first to fix.

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
            text), ``responses``, ``pain_point`` and ``first_to_fix`` (by the ``"auto"``
            rule of :meth:`first_to_fix`).

        Examples
        --------
        >>> Journey("Fix", [Moment("a", 8), Moment("b", 4)]).curve()["change"].tolist()
        [nan, -4.0]
        """
        pains = {moment.name for moment in self.pain_points(threshold)}
        truths = {moment.name for moment in self.first_to_fix()}
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
                "first_to_fix": pd.Series([m.name in truths for m in self.moments], dtype=bool),
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
