"""What an XmR chart says as a whole: the variation and assurance verdicts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from toolkit.analytics.spc.inputs import Direction, _check_frame, _check_improvement, _check_target
from toolkit.analytics.spc.rules import MIN_POINTS

_VARIATION_TEXT = {
    "special_cause_improvement": "special cause variation: improvement",
    "special_cause_concern": "special cause variation: concern",
    "special_cause_neutral_high": "special cause variation: unusually high (neutral)",
    "special_cause_neutral_low": "special cause variation: unusually low (neutral)",
    "common_cause": "common cause variation: no signal, the process is only wobbling",
}
_ASSURANCE_TEXT = {
    "consistent_pass": "will reliably hit the target",
    "consistent_fail": "will reliably miss the target",
    "inconsistent": "will hit and miss the target at random",
}


@dataclass(frozen=True)
class XmrSummary:
    """What an XmR chart says as a whole, as the "Making Data Count" icons show it.

    Attributes
    ----------
    variation : str
        The latest point's type (one of :data:`POINT_TYPES`).
    assurance : str or None
        ``"consistent_pass"`` (the whole range between the process limits meets the target),
        ``"consistent_fail"`` (none of it does), ``"inconsistent"`` (the target lies between
        the limits), or None without a target or when improvement is neutral.
    improvement : str
        Which direction is good.
    target : float or None
        The target judged against.
    latest : float
        The latest value.
    mean, lpl, upl : float
        The latest segment's mean and process limits.
    trial_limits : bool
        True when the limits rest on fewer than 12 points.
    """

    variation: str
    assurance: str | None
    improvement: str
    target: float | None
    latest: float
    mean: float
    lpl: float
    upl: float
    trial_limits: bool

    @property
    def variation_text(self) -> str:
        """The variation verdict in words."""
        return _VARIATION_TEXT[self.variation]

    @property
    def assurance_text(self) -> str:
        """The assurance verdict in words (says so when there is none)."""
        if self.assurance is None:
            if self.target is None:
                return "no target, so no assurance"
            return "no assurance: with a neutral measure, neither side of the target is better"
        return _ASSURANCE_TEXT[self.assurance]

    def __str__(self) -> str:
        text = f"Variation: {self.variation_text}. Assurance: {self.assurance_text}"
        if self.assurance is not None:
            text += f" (target {self.target:g}; process limits {self.lpl:.4g} to {self.upl:.4g})"
        text += "."
        if self.trial_limits:
            text += " Trial limits: fewer than 12 points."
        return text


def _assurance(improvement: str, target: float | None, lpl: float, upl: float) -> str | None:
    if target is None or improvement == "neutral":
        return None
    if improvement == "increase":
        if lpl >= target:
            return "consistent_pass"
        if upl < target:
            return "consistent_fail"
    else:
        if upl <= target:
            return "consistent_pass"
        if lpl > target:
            return "consistent_fail"
    return "inconsistent"


def xmr_summary(
    chart: Any,
    *,
    improvement: Direction | None = None,
    target: float | None = None,
) -> XmrSummary:
    """Give the variation and assurance verdicts of a chart made by :func:`xmr`.

    The variation verdict is the latest point's type. The assurance verdict compares the
    target with the latest segment's process limits: when improvement means an increase, a
    lower process limit at or above the target means the process will reliably hit it, an
    upper limit below it means it will reliably miss it, and a target between the limits
    means hit and miss at random (mirrored when a decrease is good).

    Parameters
    ----------
    chart : DataFrame
        The frame returned by :func:`xmr` (pandas, polars or pyarrow).
    improvement : {"increase", "decrease", "neutral"}, optional
        Overrides the direction the chart was made with. Needed with a target for a polars
        or pyarrow chart, which cannot carry xmr's settings.
    target : float, optional
        Overrides the chart's target.

    Returns
    -------
    XmrSummary
        The verdicts; ``str()`` of it reads them as a sentence.

    Raises
    ------
    ValueError
        If ``chart`` does not have the columns :func:`xmr` makes, or an argument is impossible.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.analytics.spc import xmr
    >>> frame = pd.DataFrame({"rate": [97.0, 98, 99, 98, 97, 98, 99, 98, 97, 98, 99, 98]})
    >>> summary = xmr_summary(xmr(frame, value="rate", target=90))
    >>> summary.variation, summary.assurance
    ('common_cause', 'consistent_pass')
    """
    needed = ("value", "mean", "lpl", "upl", "point_type", "segment")
    frame = _check_frame(chart, "xmr_summary", needed)
    missing = [name for name in needed[:-1] if name not in frame.columns]
    if missing:
        raise ValueError(
            f"chart lacks the column(s) {missing}; it has columns {frame.columns}; "
            "expected the frame returned by toolkit.xmr"
        )
    # Only a pandas chart carries xmr's settings (in .attrs); polars and pyarrow have no room.
    attrs = frame.pandas.attrs if frame.kind is None else {}
    goal = _check_target(attrs.get("target") if target is None else target)
    if improvement is None and "improvement" not in attrs and goal is not None:
        raise ValueError(
            "this chart does not carry the settings xmr was called with (only a pandas chart "
            "keeps them): pass improvement='increase', 'decrease' or 'neutral' with the target"
        )
    chosen = attrs.get("improvement", "increase") if improvement is None else improvement
    chosen = _check_improvement(chosen)
    chart = frame.pandas
    if "trial_limits" in attrs:
        trial = bool(attrs["trial_limits"])
    elif "segment" in chart.columns:
        trial = int((chart["segment"] == chart["segment"].iloc[-1]).sum()) < MIN_POINTS
    else:
        trial = len(chart) < MIN_POINTS
    last = chart.iloc[-1]
    lpl, upl = float(last["lpl"]), float(last["upl"])
    return XmrSummary(
        variation=str(last["point_type"]),
        assurance=_assurance(chosen, goal, lpl, upl),
        improvement=chosen,
        target=goal,
        latest=float(last["value"]),
        mean=float(last["mean"]),
        lpl=lpl,
        upl=upl,
        trial_limits=trial,
    )


#: Each special-cause rule in the words lesson 05 uses.
RULE_TEXT: dict[str, str] = {
    "outside_limits": "a point beyond a process limit",
    "trend": "a run of six points going one way",
    "two_in_three": "two of three points near a limit",
    "shift": "a run of eight or more points on one side of the mean",
}
_READING = {
    "special_cause_improvement": "improvement",
    "special_cause_concern": "concern",
    "special_cause_neutral_high": "unusually high",
    "special_cause_neutral_low": "unusually low",
}


def xmr_signals(chart: pd.DataFrame) -> pd.DataFrame:
    """List the signals on a chart made by :func:`xmr`: each run of special-cause points.

    Consecutive special-cause points with the same meaning (improvement, concern, or
    unusually high or low) are one signal, with every rule they broke, so a shift of twelve
    points is one row, not twelve.

    Parameters
    ----------
    chart : pandas.DataFrame
        The frame returned by :func:`xmr`.

    Returns
    -------
    pandas.DataFrame
        One row per signal, in time order, with columns ``start`` and ``end`` (the dates, or
        point numbers from 1 when the chart has no dates), ``points``, ``reading``
        (``improvement``, ``concern``, ``unusually high`` or ``unusually low``) and
        ``rules`` (the rules broken, in words from :data:`RULE_TEXT`, joined by "; "). Empty
        when the process shows only common cause.

    Raises
    ------
    ValueError
        If ``chart`` lacks the ``rule`` and ``point_type`` columns :func:`xmr` makes.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.analytics.spc import xmr
    >>> frame = pd.DataFrame({"v": [10.0, 11, 10, 9, 10, 11, 30, 10, 9, 10, 11, 10, 9]})
    >>> xmr_signals(xmr(frame, value="v")).values.tolist()
    [[7, 7, 1, 'improvement', 'a point beyond a process limit']]
    """
    missing = [name for name in ("rule", "point_type") if name not in chart.columns]
    if missing:
        raise ValueError(
            f"chart lacks the column(s) {missing}; it has columns {list(chart.columns)}; "
            "expected the frame returned by toolkit.xmr"
        )
    when = chart["date"] if "date" in chart.columns else pd.Series(range(1, len(chart) + 1))
    when = when.reset_index(drop=True)
    kinds = chart["point_type"].astype("string").to_numpy()
    rules = chart["rule"].astype("string").fillna("").to_numpy()
    runs: list[tuple[int, int, str, set[str]]] = []
    for position, kind in enumerate(kinds):
        if kind == "common_cause":
            continue
        if runs and runs[-1][1] == position - 1 and runs[-1][2] == kind:
            first, _, _, broken = runs[-1]
            runs[-1] = (first, position, kind, broken | {str(rules[position])})
        else:
            runs.append((position, position, str(kind), {str(rules[position])}))
    rows = [
        {
            "start": when.iloc[first],
            "end": when.iloc[last],
            "points": last - first + 1,
            "reading": _READING.get(kind, kind),
            "rules": "; ".join(RULE_TEXT[rule] for rule in RULE_TEXT if rule in broken),
        }
        for first, last, kind, broken in runs
    ]
    return pd.DataFrame(rows, columns=["start", "end", "points", "reading", "rules"])
