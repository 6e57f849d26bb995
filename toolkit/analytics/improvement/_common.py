"""The checks every improvement model shares: numbers, rates, periods, probabilities.

Each raises ``ValueError`` naming the argument and what was expected.
"""

from __future__ import annotations

import math
from numbers import Integral, Real

import numpy as np
import numpy.typing as npt
import pandas as pd

FloatArray = npt.NDArray[np.float64]


def _number(value: object, name: str) -> float:
    """Return ``value`` as a float (not NaN; inf allowed), or raise naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"{name} must be a number; got {value!r} ({type(value).__name__})")
    number = float(value)
    if math.isnan(number):
        raise ValueError(f"{name} must be a number; got NaN")
    return number


def _rate(value: object, name: str = "rate") -> float:
    rate = _number(value, name)
    if not math.isfinite(rate) or rate <= -1:
        raise ValueError(
            f"{name} must be a finite number greater than -1 (a change per period of "
            f"-100% or worse is impossible); got {value!r}"
        )
    return rate


def _positive(value: object, name: str, *, allow_inf: bool = False) -> float:
    number = _number(value, name)
    if number <= 0 or (math.isinf(number) and not allow_inf):
        expected = "a positive number" + (" (inf allowed)" if allow_inf else "")
        raise ValueError(f"{name} must be {expected}; got {value!r}")
    return number


def _finite(value: object, name: str) -> float:
    number = _number(value, name)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number; got {value!r}")
    return number


def _periods(value: object, name: str = "periods", *, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(f"{name} must be a whole number; got {value!r} ({type(value).__name__})")
    if int(value) < minimum:
        what = "negative" if minimum == 0 else f"below {minimum}"
        raise ValueError(f"{name} must be a whole number >= {minimum}; got {value!r} ({what})")
    return int(value)


def _probability(value: object, name: str) -> float:
    number = _number(value, name)
    if not 0.0 <= number <= 1.0:
        raise ValueError(f"{name} must be a probability between 0 and 1; got {value!r}")
    return number


def _period_index(periods: int) -> pd.RangeIndex:
    return pd.RangeIndex(periods + 1, name="period")
