"""The course's service data: typed loaders with schema checks, and the seeded generator.

``datasets/`` ships two years (2024-2025) of a small organisation's service data as CSV files,
made by :func:`generate` with :data:`SHIPPED_SEED`. Each loader reads one table, checks every
column the course relies on and returns a typed DataFrame: datetimes parsed, categories as
pandas categoricals, gaps only where a column may have them. Point a loader at your own CSV
with the same columns (extra columns are kept) to reuse every metric on your own data.

The built-in stories are named by constants: :data:`WATERMELON_SERVICE`,
:data:`IMPROVEMENT_SERVICE` and :data:`IMPROVEMENT_DATE` (see ``datasets/README.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from toolkit.data.synthetic import (
    CATEGORIES,
    CHANGE_TYPES,
    CHANNELS,
    CRITICALITIES,
    IMPROVEMENT_DATE,
    IMPROVEMENT_SERVICE,
    MOMENTS,
    OUTCOMES,
    PRIORITIES,
    SHIPPED_INCIDENTS,
    SHIPPED_SEED,
    TABLES,
    WATERMELON_SERVICE,
    generate,
    write_tables,
)
from toolkit.paths import datasets_dir
from toolkit.safety.reader import check_file

__all__ = [
    "IMPROVEMENT_DATE",
    "IMPROVEMENT_SERVICE",
    "SCHEMAS",
    "SHIPPED_INCIDENTS",
    "SHIPPED_SEED",
    "TABLES",
    "WATERMELON_SERVICE",
    "Column",
    "conform_table",
    "generate",
    "load_changes",
    "load_commits",
    "load_deployments",
    "load_incidents",
    "load_services",
    "load_survey",
    "load_table",
    "write_tables",
]

Kind = Literal["str", "int", "float", "bool", "datetime", "category"]


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, kind, meaning and what values it may hold.

    ``categories`` lists the known values of a category column in their order; with
    ``closed=True`` no other value is allowed (the metrics depend on these exact words), else
    unknown values are kept and appended in sorted order. ``low``/``high`` bound numbers.
    """

    name: str
    kind: Kind
    meaning: str
    unit: str = ""
    nullable: bool = False
    categories: tuple[str, ...] = ()
    closed: bool = False
    ordered: bool = False
    low: float | None = None
    high: float | None = None

    def expected(self) -> str:
        """Describe in words what the column must hold, for error messages."""
        if self.kind == "category" and self.closed:
            text = "one of " + ", ".join(self.categories)
        else:
            text = {
                "str": "text",
                "int": "whole numbers",
                "float": "numbers",
                "bool": "True or False",
                "datetime": "datetimes like 2024-01-31 09:30:00",
                "category": "labels (text)",
            }[self.kind]
        if self.low is not None and self.high is not None:
            text += f" from {self.low:g} to {self.high:g}"
        elif self.low is not None:
            text += f" of at least {self.low:g}"
        return text + (" or empty" if self.nullable else "")


def _c(name: str, kind: Kind, meaning: str, **options: object) -> Column:
    return Column(name, kind, meaning, **options)  # type: ignore[arg-type]


#: Every table's columns, in file order: the contract every metric and plot relies on.
SCHEMAS: dict[str, tuple[Column, ...]] = {
    "services": (
        _c("service_id", "str", "service key, e.g. SVC-EMAIL"),
        _c("name", "str", "the service's name as users know it"),
        _c("owner_team", "category", "the team that runs the service"),
        _c("criticality", "category", "business criticality", categories=CRITICALITIES,
           closed=True, ordered=True),
        _c("users", "int", "people who rely on the service", unit="people", low=0),
    ),
    "incidents": (
        _c("incident_id", "str", "ticket number, e.g. INC0000001"),
        _c("service_id", "str", "the affected service (services.service_id)"),
        _c("opened_at", "datetime", "when the ticket was logged"),
        _c("resolved_at", "datetime", "first time it was marked resolved; empty = still open",
           nullable=True),
        _c("impact", "int", "how widely it hurts: 1 = high, 3 = low", low=1, high=3),
        _c("urgency", "int", "how soon it hurts: 1 = high, 3 = low", low=1, high=3),
        _c("priority", "category", "from the impact x urgency matrix; P1 = critical",
           categories=PRIORITIES, closed=True, ordered=True),
        _c("category", "category", "what kind of fault", categories=CATEGORIES),
        _c("channel", "category", "how the user got in touch", categories=CHANNELS),
        _c("reassignments", "int", "hand-offs between support groups", unit="count", low=0),
        _c("reopened", "bool", "the user reopened it after it was resolved"),
        _c("first_contact_resolution", "bool", "fixed at the first contact, no hand-off"),
        _c("sla_target_hours", "float", "resolution target for the priority", unit="hours",
           low=0),
        _c("resolve_hours", "float", "resolved_at - opened_at; empty = still open",
           unit="hours", nullable=True, low=0),
        _c("sla_met", "bool", "resolve_hours <= sla_target_hours; empty = still open",
           nullable=True),
    ),
    "changes": (
        _c("change_id", "str", "change number, e.g. CHG0000001"),
        _c("service_id", "str", "the service changed (services.service_id)"),
        _c("change_type", "category", "standard (pre-approved), normal or emergency",
           categories=CHANGE_TYPES, closed=True),
        _c("requested_at", "datetime", "when the change was raised"),
        _c("implemented_at", "datetime", "when it was carried out"),
        _c("outcome", "category", "successful or failed", categories=OUTCOMES, closed=True),
        _c("linked_incidents", "int", "incidents the change caused", unit="count", low=0),
    ),
    "deployments": (
        _c("deployment_id", "str", "deployment number, e.g. DEP0000001"),
        _c("service_id", "str", "the service deployed to (services.service_id)"),
        _c("committed_at", "datetime", "first commit of the change deployed"),
        _c("deployed_at", "datetime", "when it reached production"),
        _c("failed", "bool", "it caused a failure in production"),
        _c("restored_at", "datetime", "service restored after a failed deployment; else empty",
           nullable=True),
    ),
    "commits": (
        _c("change_id", "str", "commit number, e.g. CMT0000001"),
        _c("service_id", "str", "the service it changed (services.service_id)"),
        _c("committed_at", "datetime", "when the change was committed"),
        _c("deployment_id", "str", "the deployment that carried it (deployments.deployment_id)"),
    ),
    "survey": (
        _c("response_id", "str", "survey answer number, e.g. RSP0000001"),
        _c("incident_id", "str", "the ticket it follows (incidents.incident_id)"),
        _c("service_id", "str", "the ticket's service (services.service_id)"),
        _c("responded_at", "datetime", "when the user answered"),
        _c("moment", "category", "the journey moment asked about", categories=MOMENTS,
           closed=True),
        _c("happiness", "int", "how happy with the experience, 0-10", unit="score", low=0,
           high=10),
        _c("csat", "int", "satisfaction, 1 (very unhappy) to 5 (very happy)", unit="score",
           low=1, high=5),
        _c("recommend", "int", "likelihood to recommend, 0-10 (for NPS)", unit="score", low=0,
           high=10),
    ),
}  # fmt: skip

_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"false", "0", "no"})


def _problem(source: str, column: Column, detail: str) -> ValueError:
    return ValueError(f"{source}: column {column.name!r} should hold {column.expected()}, {detail}")


def _first_bad(values: pd.Series, bad: np.ndarray, source: str, column: Column) -> ValueError:
    """Return the error for the first row flagged in ``bad``, quoting its line and value."""
    position = int(np.flatnonzero(bad)[0])
    where = f"line {position + 2}" if source.endswith(".csv") else f"row {values.index[position]}"
    value = values.iloc[position]
    if isinstance(value, np.generic):
        value = value.item()
    found = "is empty" if pd.isna(value) else f"has {value!r}"
    return _problem(source, column, f"but {where} {found}")


def _convert(values: pd.Series, column: Column, source: str) -> pd.Series:
    """Return ``values`` as the column's dtype, or raise a ValueError naming what is wrong."""
    missing = values.isna().to_numpy()
    if missing.any() and not column.nullable:
        raise _first_bad(values, missing, source, column)
    if column.kind == "str":
        return values.astype("str")
    if column.kind == "category":
        text = values.astype("str")
        present = pd.unique(text[~missing].to_numpy())
        extra = sorted(set(present) - set(column.categories))
        if extra and column.closed:
            bad = text.isin(extra).to_numpy()
            raise _first_bad(values, bad, source, column)
        categories = [*column.categories, *extra]
        return pd.Series(pd.Categorical(text, categories, ordered=column.ordered), values.index)
    if column.kind == "datetime":
        if pd.api.types.is_datetime64_any_dtype(values.dtype):
            parsed = values
        else:
            parsed = pd.to_datetime(values.astype("str"), format="ISO8601", errors="coerce")
        if isinstance(parsed.dtype, pd.DatetimeTZDtype):
            raise _problem(source, column, "without a time zone, but it has one")
        unreadable = parsed.isna().to_numpy() & ~missing
        if unreadable.any():
            raise _first_bad(values, unreadable, source, column)
        return parsed.astype("datetime64[us]")
    if column.kind == "bool":
        if pd.api.types.is_bool_dtype(values.dtype):
            flags = values.astype("boolean")
        else:
            text = values.astype("str")
            truth = (text == "True").to_numpy(dtype=bool, na_value=False)
            known = truth | (text == "False").to_numpy(dtype=bool, na_value=False) | missing
            if not known.all():  # other spellings: true, 1, yes, ...
                words = text.str.strip().str.lower()
                truth = words.isin(_TRUE).to_numpy(dtype=bool)
                known = truth | words.isin(_FALSE).to_numpy(dtype=bool) | missing
            if not known.all():
                raise _first_bad(values, ~known, source, column)
            flags = pd.Series(pd.arrays.BooleanArray(truth, missing), values.index)
        return flags if column.nullable else flags.astype(bool)
    numbers = pd.to_numeric(values, errors="coerce")
    if pd.api.types.is_bool_dtype(values.dtype):
        numbers = pd.Series(np.nan, values.index)
    unreadable = numbers.isna().to_numpy() & ~missing
    if column.kind == "int":
        unreadable |= ~missing & (numbers.fillna(0) % 1 != 0).to_numpy()
    if unreadable.any():
        raise _first_bad(values, unreadable, source, column)
    out_of_range = np.zeros(len(values), dtype=bool)
    if column.low is not None:
        out_of_range |= (numbers < column.low).to_numpy()
    if column.high is not None:
        out_of_range |= (numbers > column.high).to_numpy()
    if out_of_range.any():
        raise _first_bad(values, out_of_range, source, column)
    return numbers.astype("int64" if column.kind == "int" else "float64")


def conform_table(data: pd.DataFrame, *, table: str, source: str = "data") -> pd.DataFrame:
    """Check ``data`` against a table's schema and return a typed copy.

    Parameters
    ----------
    data : pandas.DataFrame
        The table, as read from a CSV (text) or already typed.
    table : str
        Which schema: one of :data:`TABLES`.
    source : str, default "data"
        How to name the data in error messages (the loaders pass the file's path).

    Returns
    -------
    pandas.DataFrame
        The schema's columns in order, typed (datetime64[us], categoricals, int64, float64,
        bool or nullable boolean), followed by any extra columns unchanged.

    Raises
    ------
    ValueError
        If ``table`` is unknown, a column is missing, or a column holds a value of the wrong
        kind, out of range, outside its categories, or a gap where none is allowed. The message
        names the source, the column, what was expected and the first offending line.

    Examples
    --------
    >>> frame = pd.DataFrame({"service_id": ["SVC-X"], "name": ["X"], "owner_team": ["Ops"],
    ...                       "criticality": ["high"], "users": ["120"]})
    >>> conform_table(frame, table="services").dtypes["users"]
    dtype('int64')
    """
    if table not in SCHEMAS:
        raise ValueError(f"unknown table {table!r}: expected one of {', '.join(TABLES)}")
    schema = SCHEMAS[table]
    absent = [column for column in schema if column.name not in data.columns]
    if absent:
        column = absent[0]
        raise ValueError(
            f"{source}: missing column {column.name!r} ({column.meaning}; expected "
            f"{column.expected()}); the {table} table needs {[c.name for c in schema]} "
            f"and has {list(map(str, data.columns))}"
        )
    typed = {column.name: _convert(data[column.name], column, source) for column in schema}
    names = {column.name for column in schema}
    extras = {name: data[name] for name in data.columns if name not in names}
    return pd.DataFrame({**typed, **extras}).reset_index(drop=True)


def load_table(table: str, path: str | Path | None = None) -> pd.DataFrame:
    """Read one table from a CSV file and check it against its schema.

    Parameters
    ----------
    table : str
        One of :data:`TABLES`.
    path : str or pathlib.Path, optional
        A CSV file; default the shipped ``<table>.csv`` in :func:`toolkit.paths.datasets_dir`.

    Returns
    -------
    pandas.DataFrame
        The typed table (see :func:`conform_table`).

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    ValueError
        If the table is unknown, the file is empty or not CSV, or a column is missing or
        mistyped (the message names the file, the column and what was expected).
    """
    if table not in SCHEMAS:
        raise ValueError(f"unknown table {table!r}: expected one of {', '.join(TABLES)}")
    source = Path(path) if path is not None else datasets_dir() / f"{table}.csv"
    if not source.exists():
        raise FileNotFoundError(f"no {table} file at {source}")
    check_file(source, kind="dataset")  # a regular file (not a FIFO or a folder), not too big
    # Text and true/false columns are read as text and converted here, where a bad value can
    # be reported by column and line (and a boolean column with gaps never comes back mixed).
    text_columns = {c.name: "str" for c in SCHEMAS[table] if c.kind in ("str", "category", "bool")}
    try:
        raw = pd.read_csv(
            source, dtype=text_columns, keep_default_na=False, na_values=[""], low_memory=False
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise ValueError(
            f"{source}: cannot read it as a CSV table ({exc}): save it as UTF-8 CSV"
        ) from exc
    return conform_table(raw, table=table, source=str(source))


def load_services(path: str | Path | None = None) -> pd.DataFrame:
    """Load the services table: one row per service, with its owner, criticality and users.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        A CSV file with the same columns; default the shipped ``datasets/services.csv``.

    Returns
    -------
    pandas.DataFrame
        ``service_id``, ``name`` (str), ``owner_team`` (category), ``criticality`` (ordered
        category low < medium < high), ``users`` (int64).

    Raises
    ------
    ValueError
        If a column is missing or mistyped; the message names the file and the column.

    Examples
    --------
    >>> load_services()["service_id"].tolist()[:2]
    ['SVC-EMAIL', 'SVC-HR']
    """
    return load_table("services", path)


def load_incidents(path: str | Path | None = None) -> pd.DataFrame:
    """Load the incidents table: one row per ticket, open or resolved.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        A CSV file with the same columns; default the shipped ``datasets/incidents.csv``.

    Returns
    -------
    pandas.DataFrame
        Datetimes ``opened_at``/``resolved_at`` (NaT = still open), ``priority`` as an ordered
        category P1 < P2 < P3 < P4 (P1 = critical), ``sla_met`` as nullable boolean; see
        ``datasets/README.md`` for every column.

    Raises
    ------
    ValueError
        If a column is missing or mistyped; the message names the file and the column.

    Examples
    --------
    >>> incidents = load_incidents()
    >>> str(incidents["opened_at"].dtype), list(incidents["priority"].cat.categories)
    ('datetime64[us]', ['P1', 'P2', 'P3', 'P4'])
    """
    return load_table("incidents", path)


def load_changes(path: str | Path | None = None) -> pd.DataFrame:
    """Load the changes table: one row per change, its type and outcome.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        A CSV file with the same columns; default the shipped ``datasets/changes.csv``.

    Returns
    -------
    pandas.DataFrame
        ``change_type`` (standard/normal/emergency) and ``outcome`` (successful/failed) as
        categories, ``requested_at``/``implemented_at`` datetimes, ``linked_incidents`` int64.

    Raises
    ------
    ValueError
        If a column is missing or mistyped; the message names the file and the column.

    Examples
    --------
    >>> list(load_changes()["outcome"].cat.categories)
    ['successful', 'failed']
    """
    return load_table("changes", path)


def load_deployments(path: str | Path | None = None) -> pd.DataFrame:
    """Load the deployments table (for the DORA four keys).

    Parameters
    ----------
    path : str or pathlib.Path, optional
        A CSV file with the same columns; default the shipped ``datasets/deployments.csv``.

    Returns
    -------
    pandas.DataFrame
        ``committed_at``, ``deployed_at`` and ``restored_at`` (NaT unless a failure was
        restored) datetimes, ``failed`` bool.

    Raises
    ------
    ValueError
        If a column is missing or mistyped; the message names the file and the column.

    Examples
    --------
    >>> load_deployments()["failed"].dtype
    dtype('bool')
    """
    return load_table("deployments", path)


def load_commits(path: str | Path | None = None) -> pd.DataFrame:
    """Load the commits table: one row per change and the deployment that carried it.

    This is the change-level input for DORA lead time:
    ``dora_four_keys(load_deployments(), changes=load_commits())`` takes the median over
    changes, as DORA and fourkeys define it.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        A CSV file with the same columns; default the shipped ``datasets/commits.csv``.

    Returns
    -------
    pandas.DataFrame
        ``change_id``, ``service_id``, ``committed_at`` (datetime) and ``deployment_id``.

    Raises
    ------
    ValueError
        If a column is missing or mistyped; the message names the file and the column.

    Examples
    --------
    >>> load_commits()["change_id"].iloc[0]
    'CMT0000001'
    """
    return load_table("commits", path)


def load_survey(path: str | Path | None = None) -> pd.DataFrame:
    """Load the experience survey: answers that follow resolved tickets.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        A CSV file with the same columns; default the shipped ``datasets/survey.csv``.

    Returns
    -------
    pandas.DataFrame
        ``moment`` (journey moment) as a category; ``happiness`` 0-10, ``csat`` 1-5 and
        ``recommend`` 0-10 as int64.

    Raises
    ------
    ValueError
        If a column is missing or mistyped; the message names the file and the column.

    Examples
    --------
    >>> int(load_survey()["csat"].max())
    5
    """
    return load_table("survey", path)
