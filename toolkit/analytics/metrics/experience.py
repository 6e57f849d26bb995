"""Experience measures: happiness, NPS and CSAT, with a minimum sample size.

* **Happiness** (0-10 "how happy were you with the experience?"): the share of 9-10 minus the
  share of 0-6, from -100 to +100. 76% happy and 24% unhappy give +52.
* **NPS** (0-10 "how likely are you to recommend?"): the same arithmetic on the recommend
  question (promoters 9-10 minus detractors 0-6), from -100 to +100.
* **CSAT** (1-5 satisfaction): the share answering 4 or 5, from 0 to 100.

A score from a handful of answers is mostly noise: with 30 answers the standard error of an
NPS-style score can still be about 18 points (a 95% interval some 70 points wide when opinion
is split). Below ``min_responses`` the
functions therefore report **no score** (NaN) and say why, instead of a number that pretends.
With no grouping they return a :class:`Score`: a float that also carries ``n``,
``insufficient`` and, for teaching, the ``raw`` value it would have been. Grouped results are
DataFrames with ``responses``, ``score`` (NaN when insufficient) and ``insufficient``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from toolkit.analytics._frames import check_columns, count_and_sum, group_keys, read_frame
from toolkit.analytics._native import give_back

#: Below this many responses a score is reported as missing (NaN) and flagged insufficient.
MIN_RESPONSES = 30

_LABELS = {"happiness": "Happiness", "nps": "NPS", "csat": "CSAT"}


class Score(float):
    """An experience score that knows how many responses it rests on.

    It is a ``float`` (so it compares, formats and plots like one), whose value is NaN when
    there were fewer than ``minimum`` responses. The value it would have had is kept in
    ``raw`` so a lesson can show how far a tiny sample can swing.

    Attributes
    ----------
    measure : str
        ``"happiness"``, ``"nps"`` or ``"csat"``.
    n : int
        Responses the score rests on.
    minimum : int
        The minimum sample size that was asked for.
    raw : float
        The score computed from the ``n`` responses regardless of the minimum.
    """

    measure: str
    n: int
    minimum: int
    raw: float

    def __new__(cls, raw: float, *, measure: str, n: int, minimum: int) -> Score:
        enough = n > 0 and n >= minimum
        score = super().__new__(cls, raw if enough else math.nan)
        score.measure = measure
        score.n = int(n)
        score.minimum = int(minimum)
        score.raw = float(raw)
        return score

    @property
    def insufficient(self) -> bool:
        """True when the score rests on fewer responses than the minimum (or none)."""
        return self.n == 0 or self.n < self.minimum

    def __getnewargs_ex__(self) -> tuple[tuple[Any, ...], dict[str, Any]]:
        return (self.raw,), {"measure": self.measure, "n": self.n, "minimum": self.minimum}

    def __repr__(self) -> str:
        label = _LABELS.get(self.measure, self.measure)
        if self.insufficient:
            return f"{label}: not enough responses ({self.n} < {self.minimum}), no score reported"
        sign = "+" if self.measure != "csat" else ""
        return f"{label} {float(self):{sign}.1f} (n={self.n})"

    __str__ = __repr__


def _scores(
    data: pd.DataFrame, func: str, argument: str, column: str, low: int, high: int
) -> pd.Series:
    """The answers as floats after checking they are whole numbers from low to high."""
    check_columns(data, func, {argument: (column, "number")})
    values = pd.Series(
        data[column].to_numpy(dtype="float64", na_value=np.nan), index=data.index, name=column
    )
    known = values.dropna()
    bad = known[(known < low) | (known > high) | (known != np.floor(known))]
    if len(bad):
        examples = sorted({float(value) for value in bad.head(50)})[:5]
        raise ValueError(
            f"{func}: column {column!r} (argument {argument}=) has {len(bad)} value(s) that are "
            f"not whole numbers from {low} to {high}, e.g. {examples}"
        )
    return values


def _experience(
    data: object,
    func: str,
    *,
    measure: str,
    argument: str,
    column: str,
    low: int,
    high: int,
    points: Any,
    time: str,
    by: str | Sequence[str] | None,
    freq: str | None,
    min_responses: int,
) -> Any:
    frame, source = read_frame(data, func)
    if isinstance(min_responses, bool) or not isinstance(min_responses, int) or min_responses < 0:
        raise ValueError(
            f"{func}: min_responses= must be a whole number >= 0, got {min_responses!r}"
        )
    values = _scores(frame, func, argument, column, low, high)
    per_response = points(values)
    if by is None and freq is None:
        known = per_response.dropna()
        raw = float(known.mean()) * 100.0 if len(known) else math.nan
        return Score(raw, measure=measure, n=len(known), minimum=min_responses)
    keys, periods = group_keys(frame, func, by=by, freq=freq, time=time)
    table = count_and_sum(per_response, keys, periods)
    insufficient = (table["count"] < min_responses) | (table["count"] == 0)
    scores = 100.0 * table["sum"] / table["count"].where(table["count"] > 0)
    result = pd.DataFrame(
        {
            "responses": table["count"],
            "score": scores.where(~insufficient),
            "insufficient": insufficient.astype(bool),
        }
    )
    return give_back(result, source)


def _net(values: pd.Series) -> pd.Series:
    """+1 for 9-10, -1 for 0-6, 0 for 7-8 (NaN stays NaN)."""
    points = np.where(values >= 9, 1.0, np.where(values <= 6, -1.0, 0.0))
    return pd.Series(np.where(values.isna(), np.nan, points), index=values.index)


def happiness(
    data: Any,
    *,
    score: str = "happiness",
    time: str = "responded_at",
    by: str | Sequence[str] | None = None,
    freq: str | None = None,
    min_responses: int = MIN_RESPONSES,
) -> Any:
    """Happiness: share of 9-10 answers minus share of 0-6 answers, from -100 to +100.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per survey response (the shipped ``survey.csv``).
    score : str, default "happiness"
        Numeric column of whole-number answers from 0 to 10 (missing = not answered, left out).
    time : str, default "responded_at"
        Datetime column forming the periods with ``freq``.
    by : str or list of str, optional
        Column(s) to group by, e.g. ``"service_id"`` or ``"moment"``.
    freq : str, optional
        Period alias (``"M"``, ``"Q"``...).
    min_responses : int, default 30
        Below this many answers no score is reported (see the module notes).

    Returns
    -------
    Score or pandas.DataFrame
        With no grouping a :class:`Score` (a float from -100 to 100, NaN when insufficient).
        Grouped: a DataFrame with ``responses``, ``score`` and ``insufficient``.

    Raises
    ------
    ValueError
        Empty frame, missing or mistyped column, answers outside 0-10 or not whole, unknown
        group, bad ``freq`` or ``min_responses``.

    Examples
    --------
    >>> import pandas as pd
    >>> answers = pd.DataFrame({"happiness": [10] * 76 + [3] * 24})
    >>> happiness(answers)
    Happiness +52.0 (n=100)
    >>> happiness(answers.head(10))
    Happiness: not enough responses (10 < 30), no score reported

    Answers of 7 and 8 are the neutral band: they count among the responses but in neither
    share, so they pull the score towards 0. Sixty happy (9-10), twenty neutral (7-8) and
    twenty unhappy (0-6) answers give 60% - 20% = +40:

    >>> mixed = pd.DataFrame({"happiness": [10] * 40 + [9] * 20 + [8] * 12 + [7] * 8 + [5] * 20})
    >>> happiness(mixed)
    Happiness +40.0 (n=100)
    """
    return _experience(
        data, "happiness", measure="happiness", argument="score", column=score, low=0, high=10,
        points=_net, time=time, by=by, freq=freq, min_responses=min_responses,
    )  # fmt: skip


def nps(
    data: Any,
    *,
    score: str = "recommend",
    time: str = "responded_at",
    by: str | Sequence[str] | None = None,
    freq: str | None = None,
    min_responses: int = MIN_RESPONSES,
) -> Any:
    """Net Promoter Score: % promoters (9-10) minus % detractors (0-6), from -100 to +100.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per survey response.
    score : str, default "recommend"
        Numeric column of whole-number answers from 0 to 10 to "how likely are you to
        recommend...?".
    time, by, freq, min_responses
        As in :func:`happiness`.

    Returns
    -------
    Score or pandas.DataFrame
        As :func:`happiness`.

    Raises
    ------
    ValueError
        As :func:`happiness`.

    Examples
    --------
    >>> import pandas as pd
    >>> answers = pd.DataFrame({"recommend": [10] * 100 + [7] * 30 + [2] * 80})
    >>> round(nps(answers), 2)
    9.52
    """
    return _experience(
        data, "nps", measure="nps", argument="score", column=score, low=0, high=10,
        points=_net, time=time, by=by, freq=freq, min_responses=min_responses,
    )  # fmt: skip


def csat(
    data: Any,
    *,
    score: str = "csat",
    scale: int = 5,
    satisfied: int = 4,
    time: str = "responded_at",
    by: str | Sequence[str] | None = None,
    freq: str | None = None,
    min_responses: int = MIN_RESPONSES,
) -> Any:
    """Customer satisfaction: the share of answers at ``satisfied`` or above, from 0 to 100.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per survey response.
    score : str, default "csat"
        Numeric column of whole-number answers from 1 to ``scale``.
    scale : int, default 5
        The top of the scale.
    satisfied : int, default 4
        The lowest answer that counts as satisfied (4 and 5 on a 1-5 scale).
    time, by, freq, min_responses
        As in :func:`happiness`.

    Returns
    -------
    Score or pandas.DataFrame
        A :class:`Score` from 0 to 100 (NaN when insufficient); grouped, a DataFrame with
        ``responses``, ``score`` and ``insufficient``.

    Raises
    ------
    ValueError
        As :func:`happiness`, or ``satisfied`` outside 1..``scale``.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = {5: 42, 4: 32, 3: 10, 2: 9, 1: 14}
    >>> answers = pd.DataFrame({"csat": [k for k, n in counts.items() for _ in range(n)]})
    >>> round(csat(answers), 2)
    69.16
    """
    func = "csat"
    if isinstance(scale, bool) or not isinstance(scale, int) or scale < 2:
        raise ValueError(f"{func}: scale= must be a whole number >= 2, got {scale!r}")
    if isinstance(satisfied, bool) or not isinstance(satisfied, int) or not 1 <= satisfied <= scale:
        raise ValueError(
            f"{func}: satisfied={satisfied!r} must be a whole number from 1 to {scale}"
        )

    def points(values: pd.Series) -> pd.Series:
        return (values >= satisfied).astype("float64").where(values.notna())

    return _experience(
        data, func, measure="csat", argument="score", column=score, low=1, high=scale,
        points=points, time=time, by=by, freq=freq, min_responses=min_responses,
    )  # fmt: skip
