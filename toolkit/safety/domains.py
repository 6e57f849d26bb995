"""Numeric arguments checked at the door: finite, in range, and named when they are not."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np


def check_finite(name: str, value: float) -> float:
    """Return ``value`` as a float if it is a finite number, else say which argument is wrong.

    Parameters
    ----------
    name : str
        The argument's name, as the caller wrote it.
    value : float
        Its value.

    Returns
    -------
    float
        ``value``.

    Raises
    ------
    ValueError
        If ``value`` is not a number, or is NaN or infinite.

    Examples
    --------
    >>> check_finite("rate", 0.5)
    0.5
    >>> check_finite("rate", float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: rate must be a finite number, got nan
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return number


def check_range(
    name: str,
    value: float,
    *,
    low: float | None = None,
    high: float | None = None,
    what: str = "",
) -> float:
    """Return ``value`` if it is finite and within ``[low, high]``, else name the argument.

    Parameters
    ----------
    name : str
        The argument's name.
    value : float
        Its value.
    low, high : float, optional
        The bounds (inclusive); None for none.
    what : str, optional
        What the value means, added to the message ("a share between 0 and 1").

    Returns
    -------
    float
        ``value``.

    Raises
    ------
    ValueError
        If ``value`` is not finite or out of range.

    Examples
    --------
    >>> check_range("change_failure_rate", -5, low=0, high=1)
    Traceback (most recent call last):
    ...
    ValueError: change_failure_rate must be between 0 and 1, got -5
    """
    number = check_finite(name, value)
    if (low is not None and number < low) or (high is not None and number > high):
        if low is not None and high is not None:
            bound = f"between {low:g} and {high:g}"
        elif low is not None:
            bound = f"at least {low:g}"
        else:
            bound = f"at most {high:g}"
        extra = f" ({what})" if what else ""
        raise ValueError(f"{name} must be {bound}{extra}, got {value!r}")
    return number


def check_all_finite(name: str, values: Iterable[float]) -> np.ndarray:
    """Return ``values`` as a float array if every one is finite, else name the first bad one.

    Raises
    ------
    ValueError
        Naming ``name`` and the position of the first value that is NaN or infinite.
    """
    array = np.asarray(list(values), dtype=float)
    bad = ~np.isfinite(array)
    if bad.any():
        first = int(np.argmax(bad))
        raise ValueError(f"{name} must be finite numbers; value {first + 1} is {array[first]}")
    return array


__all__ = ["check_all_finite", "check_finite", "check_range"]
