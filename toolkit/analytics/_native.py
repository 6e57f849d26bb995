"""Any dataframe in, the caller's kind out (private to the toolkit).

The service measures accept any table narwhals understands: pandas, polars (eager or lazy),
pyarrow, and lazy relations such as DuckDB's. :func:`read` turns it into a narwhals frame (lazy
frames are collected, since every measure needs all of its rows) and remembers what it came
as; :func:`give_back` turns a result table into that same kind, so a polars frame in gives a
polars frame out. Numbers stay Python floats whatever came in.

pandas results keep their index (the group columns and ``period``), as they always have; for
other kinds, which have no index, those become ordinary leading columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import narwhals as nw
import pandas as pd


@dataclass(frozen=True)
class Source:
    """What a caller passed: its library and whether it was lazy."""

    implementation: nw.Implementation
    lazy: bool

    @property
    def is_pandas(self) -> bool:
        """True when the caller passed a pandas DataFrame."""
        return self.implementation is nw.Implementation.PANDAS and not self.lazy


def _describe(data: object) -> str:
    kind = type(data)
    return f"{kind.__module__.split('.')[0]}.{kind.__name__}"


def read(data: object, func: str, argument: str = "data") -> tuple[nw.DataFrame[Any], Source]:
    """Return ``data`` as an eager narwhals frame and where it came from.

    Raises
    ------
    ValueError
        If ``data`` is not a dataframe narwhals supports, naming ``func`` and ``argument``.
    """
    if isinstance(data, nw.DataFrame | nw.LazyFrame):
        data = data.to_native()
    try:
        frame: Any = nw.from_native(cast(Any, data))
    except TypeError:
        raise ValueError(
            f"{func}: {argument}= must be a dataframe (pandas, polars, pyarrow, or a lazy "
            f"polars/DuckDB frame), got {_describe(data)}"
        ) from None
    source = Source(frame.implementation, lazy=isinstance(frame, nw.LazyFrame))
    eager: nw.DataFrame[Any] = frame.collect() if source.lazy else frame
    decimals = [name for name, dtype in eager.schema.items() if dtype == nw.Decimal]
    if decimals:  # SQL engines hand numbers back as decimals: measure them as floats
        eager = eager.with_columns(nw.col(*decimals).cast(nw.Float64))
    return eager, source


def to_pandas(frame: nw.DataFrame[Any]) -> pd.DataFrame:
    """The frame as pandas (no copy when it already is pandas)."""
    if frame.implementation is nw.Implementation.PANDAS:
        native: pd.DataFrame = frame.to_native()
        return native
    return frame.to_pandas()


def read_pandas(data: object, func: str, argument: str = "data") -> tuple[pd.DataFrame, Source]:
    """:func:`read`, then pandas: for measures whose arithmetic is written in pandas."""
    frame, source = read(data, func, argument)
    return to_pandas(frame), source


def give_back(table: pd.DataFrame | pd.Series, source: Source) -> Any:
    """Return a pandas result as the caller's kind of table (pandas stays as it is)."""
    if source.is_pandas:
        return table
    flat = table.to_frame() if isinstance(table, pd.Series) else table
    if any(name is not None for name in flat.index.names):
        flat = flat.reset_index()
    else:
        flat = flat.reset_index(drop=True)
    flat.columns = [str(column) for column in flat.columns]
    for column in flat.columns:
        if isinstance(flat[column].dtype, pd.CategoricalDtype):
            flat[column] = flat[column].astype("string")
    frame = nw.from_native(flat, eager_only=True)
    implementation = source.implementation
    if implementation is nw.Implementation.POLARS:
        result = frame.to_polars()
        return result.lazy() if source.lazy else result
    if implementation is nw.Implementation.PYARROW:
        return frame.to_arrow()
    if source.lazy:
        return frame.lazy(backend=cast(Any, implementation)).to_native()
    return frame.to_native()
