"""Checks shared by the assessment modules: the factors table and non-blank text."""

from __future__ import annotations

import pandas as pd

_FACTOR_COLUMNS = ("id", "name", "theme")


def _check_factors(factors: pd.DataFrame) -> None:
    """Raise ValueError unless ``factors`` has unique, non-empty ids, names and themes."""
    if not isinstance(factors, pd.DataFrame):
        raise ValueError(f"factors must be a pandas DataFrame, got {type(factors).__name__}")
    missing = [c for c in _FACTOR_COLUMNS if c not in factors.columns]
    if missing:
        raise ValueError(
            f"factors has no column {missing[0]!r}; it has {list(factors.columns)} and needs "
            f"{list(_FACTOR_COLUMNS)}"
        )
    if factors.empty:
        raise ValueError("factors is empty: there is nothing to assess")
    for column in _FACTOR_COLUMNS:
        blank = [i for i, v in zip(factors.index, factors[column], strict=True) if not _text(v)]
        if blank:
            raise ValueError(f"factors column {column!r} is blank in row {blank[0]!r}")
    duplicated = factors["id"][factors["id"].duplicated()].tolist()
    if duplicated:
        raise ValueError(f"factors has duplicate id {duplicated[0]!r}; every id must be unique")


def _text(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""
