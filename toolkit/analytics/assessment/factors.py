"""The critical success factors and the 0-4 scale their answers are scored on."""

from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd

from toolkit.analytics.assessment._common import _check_factors
from toolkit.paths import datasets_dir

#: The 0-4 answer scale: score -> word.
ANSWER_SCALE: dict[int, str] = {0: "no", 1: "started", 2: "partly", 3: "mostly", 4: "yes"}
#: The words accepted as answers and the score each maps to.
WORD_SCORES: dict[str, int] = {"yes": 4, "partly": 2, "no": 0}
#: The highest score on the scale.
MAX_SCORE = 4

_FACTORS_FILE = "critical_success_factors.csv"


def load_critical_success_factors() -> pd.DataFrame:
    """Return the critical success factors for an improvement initiative.

    Returns
    -------
    pandas.DataFrame
        One row per factor with columns ``id``, ``name``, ``theme``, ``question`` (the
        self-assessment question) and ``explanation`` (why it matters), in teaching order.

    Examples
    --------
    >>> factors = load_critical_success_factors()
    >>> factors.loc[factors["id"] == "baseline", "theme"].item()
    'Measurement'
    """
    frame = pd.read_csv(datasets_dir() / _FACTORS_FILE, dtype=str, keep_default_na=False)
    _check_factors(frame)
    return frame


def answer_score(answer: object, *, factor: str = "answer") -> float | None:
    """Return the 0-4 score of one answer, or None when it was left unanswered.

    Parameters
    ----------
    answer : int, float, str or None
        A number from 0 to 4, or ``"yes"``/``"partly"``/``"no"`` (any case); None or NaN
        means not answered.
    factor : str
        The factor's id, used in the error message.

    Returns
    -------
    float or None

    Raises
    ------
    ValueError
        If the answer is a word other than yes/partly/no, a number outside 0-4, or a bool.

    Examples
    --------
    >>> answer_score("Partly"), answer_score(3), answer_score(None)
    (2.0, 3.0, None)
    """
    expected = "a number from 0 to 4 or one of 'yes', 'partly', 'no'"
    if answer is None:
        return None
    if isinstance(answer, bool | np.bool_):
        raise ValueError(f"answer for {factor!r} is {answer!r}: expected {expected}, not a bool")
    if isinstance(answer, str):
        word = answer.strip().lower()
        if word in WORD_SCORES:
            return float(WORD_SCORES[word])
        raise ValueError(f"answer for {factor!r} is {answer!r}: expected {expected}")
    if isinstance(answer, numbers.Real):
        value = float(answer)
        if math.isnan(value):
            return None
        if not 0 <= value <= MAX_SCORE:
            raise ValueError(
                f"answer for {factor!r} is {answer!r}, out of range: expected {expected}"
            )
        return value
    raise ValueError(f"answer for {factor!r} is {answer!r}: expected {expected}")


_READINESS_SAMPLE_FILE = "readiness_sample.csv"


def load_readiness_sample() -> pd.DataFrame:
    """Return lesson 06's worked example: one organisation's answers in January and April.

    Returns
    -------
    pandas.DataFrame
        Indexed by factor ``id`` (as in :func:`load_critical_success_factors`), with the
        factor's ``name`` and one column of answers per assessment, ``january`` and
        ``april``: a score from 0 to 4 (as a number) or ``"yes"``, ``"partly"`` or ``"no"``.
        Each column can be passed to :func:`~toolkit.analytics.assessment.csf_assessment`.

    Raises
    ------
    ValueError
        If the file names a factor that is not in the shipped list.

    Examples
    --------
    >>> sample = load_readiness_sample()
    >>> sample.loc["baseline", ["january", "april"]].tolist()
    ['no', 3]
    """
    raw = pd.read_csv(datasets_dir() / _READINESS_SAMPLE_FILE, dtype=str, keep_default_na=False)
    names = load_critical_success_factors().set_index("id")["name"]
    unknown = sorted(set(raw["id"]) - set(names.index))
    if unknown:
        raise ValueError(f"{_READINESS_SAMPLE_FILE}: unknown factor id(s) {unknown}")
    frame = raw.set_index("id")
    for column in ("january", "april"):
        frame[column] = [int(value) if value.isdigit() else value for value in frame[column]]
        frame[column] = frame[column].astype(object)
    frame.insert(0, "name", names.reindex(frame.index))
    return frame
