"""``table(frame)``: a data frame as a learner reads it, not as pandas prints it.

pandas shows six-decimal floats, ``True``/``False``, ``NaN``, ``<NA>``, dicts, tuples and
snake_case column names, in a table whose cells do not wrap. :func:`format_table` turns each
cell into the words a reader expects (percentages, units, "yes"/"no", a dash for "no
value") and each column name into plain words; :class:`Table` shows the result as an HTML
table whose text wraps, with its look written into the table itself so it is the same in
JupyterLab, Voila and exported pages.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

import pandas as pd

#: What an empty cell (``None``, ``NaN``, ``NaT``, ``<NA>``) reads as.
MISSING = "–"

_TABLE = "border-collapse:collapse;table-layout:auto;max-width:100%;margin:0.5em 0"
_CELL = (
    "white-space:normal;overflow-wrap:anywhere;vertical-align:top;padding:0.3em 0.7em;"
    "border-bottom:1px solid #ccc;max-width:40em"
)
_TEXT = _CELL + ";text-align:left"
_NUMBER = _CELL + ";text-align:right;font-variant-numeric:tabular-nums"


def readable_name(name: object) -> str:
    """Return a column or index name as plain words: ``"sla_compliance"`` -> ``"SLA compliance"``.

    Parameters
    ----------
    name : object
        The name (tuples from a MultiIndex are joined with a space).

    Returns
    -------
    str
        The name with underscores as spaces and the first letter capitalised; known
        abbreviations (SLA, NPS, CSAT, WSJF, DORA, ID) in capitals.

    Examples
    --------
    >>> readable_name("sla_compliance"), readable_name("p50"), readable_name("service_id")
    ('SLA compliance', 'P50', 'Service ID')
    """
    if isinstance(name, tuple):
        name = " ".join(str(part) for part in name if str(part))
    words = str(name).replace("_", " ").split()
    upper = {"sla", "nps", "csat", "wsjf", "dora", "id", "xla", "it", "hr"}
    words = [w.upper() if w.lower() in upper else w for w in words]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _is_real(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def format_value(value: Any, *, decimals: int = 1, percent: bool = False, unit: str = "") -> str:
    """Return one cell as a reader would write it.

    Parameters
    ----------
    value : object
        The cell.
    decimals : int, default 1
        Decimal places for a number that is not whole. A negative value ``-(d + 1)`` gives
        every number ``d`` places, whole or not (how a column with fractions is shown).
    percent : bool, default False
        Whether a number is a share (0.98) to show as a percentage ("98.0%").
    unit : str, default ""
        A unit written after a number ("h", "%", " days").

    Returns
    -------
    str
        The text: "yes"/"no" for booleans, :data:`MISSING` for no value, numbers rounded
        with thousands separators, dates as "12 Jan 2026", periods as "Q1 2026" or
        "Jan 2026", mappings as "key: value; ...", sequences joined with commas.

    Examples
    --------
    >>> format_value(0.98765, percent=True), format_value(True), format_value(float("nan"))
    ('98.8%', 'yes', '–')
    >>> format_value(12345.0), format_value(3.14159, decimals=2, unit=" h")
    ('12,345', '3.14 h')
    """
    if isinstance(value, Mapping):
        return "; ".join(f"{readable_name(k)}: {format_value(v)}" for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(format_value(v, decimals=decimals) for v in value)
    if _is_missing(value):
        return MISSING
    if isinstance(value, bool) or (hasattr(value, "dtype") and str(value.dtype) == "bool"):
        return "yes" if bool(value) else "no"
    if isinstance(value, pd.Period):
        if value.freqstr.startswith("Q"):
            return f"Q{value.quarter} {value.year}"
        if value.freqstr.startswith("M"):
            return value.strftime("%b %Y")
        return str(value)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%d %b %Y").lstrip("0")
    if isinstance(value, numbers.Number) and not isinstance(value, complex):
        number = float(value)  # type: ignore[arg-type]
        if percent:
            number *= 100
            unit = unit or "%"
        if decimals < 0:  # the column holds fractions: every number gets the same places
            places = -decimals - 1
        else:
            places = 0 if float(number).is_integer() and not percent else decimals
        return f"{number:,.{places}f}{unit}"
    return str(value)


def format_table(
    frame: pd.DataFrame | pd.Series,
    *,
    columns: Mapping[str, str] | None = None,
    percent: Iterable[str] = (),
    units: Mapping[str, str] | None = None,
    decimals: int | Mapping[str, int] = 1,
    index: bool | None = None,
) -> pd.DataFrame:
    """Return ``frame`` with every cell as text and every column name in plain words.

    Parameters
    ----------
    frame : pandas.DataFrame or pandas.Series
        The data.
    columns : mapping, optional
        Column names to use instead of the automatic ones (original name -> shown name).
    percent : iterable of str, optional
        Columns holding shares (0-1) to show as percentages.
    units : mapping, optional
        Column -> unit written after each number (e.g. ``{"p50": " h"}``).
    decimals : int or mapping, default 1
        Decimal places, for every column or per column (others get 1).
    index : bool, optional
        Whether the index becomes leading columns. Default: unless it is a plain 0, 1, 2...

    Returns
    -------
    pandas.DataFrame
        Strings only, with a plain 0..n-1 index.

    Raises
    ------
    ValueError
        If ``percent``, ``units``, ``decimals`` or ``columns`` name a column the frame does
        not have, or ``decimals`` is not a whole number from -16 to 15.

    Examples
    --------
    >>> frame = pd.DataFrame({"sla_compliance": [0.912, None], "met": [True, False]})
    >>> format_table(frame, percent=["sla_compliance"]).to_dict("records")
    [{'SLA compliance': '91.2%', 'Met': 'yes'}, {'SLA compliance': '–', 'Met': 'no'}]
    """
    data = frame.to_frame() if isinstance(frame, pd.Series) else frame
    if index is None:
        index = not isinstance(data.index, pd.RangeIndex)
    if index:
        names = [str(n) if n is not None else "" for n in data.index.names]
        if len(names) == 1 and names[0] == "":
            names = ["index"] if "index" not in data.columns else ["item"]
            data = data.copy()
            data.index.name = names[0]
        data = data.reset_index()
        blank = {n: "" for n in names if n in ("index", "item")}
    else:
        data = data.reset_index(drop=True)
        blank = {}
    shares = set(percent)
    unit_of = dict(units or {})
    places = dict(decimals) if isinstance(decimals, Mapping) else {}
    for name, count in [("decimals", decimals)] if not places else places.items():
        if isinstance(count, bool) or not isinstance(count, int) or not -16 <= count <= 15:
            raise ValueError(
                f"decimals must be a whole number from -16 to 15 (negative: the column holds "
                f"fractions), got {count!r}" + ("" if name == "decimals" else f" for {name!r}")
            )
    default_places = decimals if isinstance(decimals, int) else 1
    names_given = dict(columns or {})
    for option, wanted in (
        ("percent", shares),
        ("units", unit_of),
        ("decimals", places),
        ("columns", names_given),
    ):
        unknown = [c for c in wanted if c not in data.columns]
        if unknown:
            raise ValueError(
                f"{option} names column {unknown[0]!r}, which the table does not have; "
                f"its columns are {[str(c) for c in data.columns]}"
            )
    shown = pd.DataFrame(index=range(len(data)))
    for column in data.columns:
        values = data[column].tolist()
        column_places = places.get(column, default_places)
        numbers_in = [v for v in values if _is_real(v) and not _is_missing(v)]
        if (
            numbers_in
            and column not in shares
            and any(not float(v).is_integer() for v in numbers_in)
        ):
            column_places = -column_places - 1  # one column, one number of decimals
        cells = [
            format_value(
                value,
                decimals=column_places,
                percent=column in shares,
                unit=unit_of.get(column, ""),
            )
            for value in values
        ]
        name = names_given.get(column, blank.get(column, readable_name(column)))
        shown[name] = cells
    return shown


class Table:
    """A formatted table: HTML that wraps in a notebook, plain text in a terminal.

    Parameters
    ----------
    shown : pandas.DataFrame
        The cells as text (see :func:`format_table`).
    numeric : set of str
        Shown column names whose cells are numbers (right-aligned).
    caption : str, optional
        A sentence above the table saying what it shows.

    Examples
    --------
    >>> t = table(pd.DataFrame({"rate": [0.5]}), percent=["rate"])
    >>> "50.0%" in t._repr_html_(), str(t).split()
    (True, ['Rate', '50.0%'])
    """

    def __init__(self, shown: pd.DataFrame, numeric: set[str], caption: str | None = None):
        self.shown = shown
        self.numeric = numeric
        self.caption = caption

    def __str__(self) -> str:
        return self.shown.to_string(index=False)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        head = "".join(
            f'<th scope="col" style="{_NUMBER if c in self.numeric else _TEXT}">'
            f"{escape(str(c))}</th>"
            for c in self.shown.columns
        )
        rows = []
        for record in self.shown.itertuples(index=False):
            cells = "".join(
                f'<td style="{_NUMBER if c in self.numeric else _TEXT}">{escape(v)}</td>'
                for c, v in zip(self.shown.columns, record, strict=True)
            )
            rows.append(f"<tr>{cells}</tr>")
        caption = (
            f'<caption style="text-align:left;caption-side:top">{escape(self.caption)}</caption>'
            if self.caption
            else ""
        )
        return (
            f'<div class="smlab-table" style="overflow-x:auto;max-width:100%">'
            f'<table style="{_TABLE}">{caption}<thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )


def table(
    frame: pd.DataFrame | pd.Series,
    *,
    columns: Mapping[str, str] | None = None,
    percent: Iterable[str] = (),
    units: Mapping[str, str] | None = None,
    decimals: int | Mapping[str, int] = 1,
    index: bool | None = None,
    caption: str | None = None,
) -> Table:
    """Return ``frame`` as a table for learners: readable names and values, text that wraps.

    Shown when it is the last line of a notebook cell. Parameters are those of
    :func:`format_table`, plus ``caption``.

    Parameters
    ----------
    frame : pandas.DataFrame or pandas.Series
        The data.
    columns, percent, units, decimals, index
        See :func:`format_table`.
    caption : str, optional
        A sentence shown above the table.

    Returns
    -------
    Table
        The table (HTML in a notebook, text elsewhere).

    Raises
    ------
    ValueError
        If an option names a column the frame does not have.

    Examples
    --------
    >>> print(table(pd.Series({"a_b": 0.25}, name="share"), percent=["share"]))
        Share
    a_b 25.0%
    """
    shown = format_table(
        frame, columns=columns, percent=percent, units=units, decimals=decimals, index=index
    )
    data = frame.to_frame() if isinstance(frame, pd.Series) else frame
    numeric_source = {
        str(c) for c in data.columns if pd.api.types.is_numeric_dtype(data[c].dtype)
    } - {str(c) for c in data.columns if pd.api.types.is_bool_dtype(data[c].dtype)}
    mapping = dict(columns or {})
    numeric = {mapping.get(c, readable_name(c)) for c in numeric_source}
    return Table(shown, numeric, caption)
