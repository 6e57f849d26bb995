"""A continual improvement register: record, track and prioritise improvement ideas.

Each improvement moves through the seven steps of the continual improvement model. The
register stores the step as a short status code:

============  ====  ====================================================
status        step  question
============  ====  ====================================================
``vision``    1     What is the vision?
``assess``    2     Where are we now? (the baseline)
``aim``       3     Where do we want to be? (the target)
``plan``      4     How do we get there?
``act``       5     Take action
``check``     6     Did we get there?
``sustain``   7     How do we keep the momentum going?
``closed``    end   Done: the outcome is recorded
``rejected``  end   Not pursued: the reason is recorded as the outcome
============  ====  ====================================================

Prioritising uses Weighted Shortest Job First: the cost of delay (business value + time
criticality + risk reduction) divided by the job size, highest first. The value/effort
quadrant sorts ideas into quick wins, major projects, fill-ins and thankless tasks.
"""

from __future__ import annotations

import csv
import math
import numbers
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

#: Status code -> the step of the seven-step improvement model it stands for.
STATUSES: dict[str, str] = {
    "vision": "1. What is the vision?",
    "assess": "2. Where are we now?",
    "aim": "3. Where do we want to be?",
    "plan": "4. How do we get there?",
    "act": "5. Take action",
    "check": "6. Did we get there?",
    "sustain": "7. How do we keep the momentum going?",
    "closed": "done: the outcome is recorded",
    "rejected": "not pursued: the reason is recorded as the outcome",
}
#: The seven steps, in order.
SEVEN_STEPS: tuple[str, ...] = ("vision", "assess", "aim", "plan", "act", "check", "sustain")
#: Statuses that end an improvement; both need an ``outcome``.
FINISHED: tuple[str, ...] = ("closed", "rejected")
#: Quadrant -> what to do with the ideas in it, in the order they are worked.
QUADRANTS: dict[str, str] = {
    "quick win": "high value, low effort: do these first",
    "major project": "high value, high effort: plan them as projects",
    "fill-in": "low value, low effort: do them when there is slack",
    "thankless task": "low value, high effort: avoid or rethink",
}
NOT_SCORED = "not scored"

_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class FieldSpec:
    """One column of the register: its name, kind, whether it is required, and meaning."""

    name: str
    kind: str
    required: bool
    description: str


#: The register's schema, in column order.
SCHEMA: tuple[FieldSpec, ...] = (
    FieldSpec("id", "text", True, "unique id, e.g. CI-001 (letters, digits, '-', '_', '.')"),
    FieldSpec("raised", "date", True, "date the idea was raised (YYYY-MM-DD)"),
    FieldSpec("source", "text", False, "where it came from: survey, incident review, staff..."),
    FieldSpec("description", "text", True, "what should improve"),
    FieldSpec("service", "text", False, "the service or practice it improves"),
    FieldSpec("owner", "text", True, "the person who sees it through"),
    FieldSpec("status", "status", True, "step of the seven-step model: see STATUSES"),
    FieldSpec("baseline", "text", False, "the measure now, e.g. 'change success 91%'"),
    FieldSpec("target", "text", False, "the measure wanted, e.g. 'change success 98%'"),
    FieldSpec("expected_benefit", "text", False, "the benefit in words"),
    FieldSpec("effort", "number", False, "estimated effort in person-days (>= 0)"),
    FieldSpec("business_value", "number", False, "relative value to users and business (>= 0)"),
    FieldSpec("time_criticality", "number", False, "how fast the value decays (>= 0)"),
    FieldSpec("risk_reduction", "number", False, "risk reduced or opportunity enabled (>= 0)"),
    FieldSpec("job_size", "number", False, "relative size of the work (> 0)"),
    FieldSpec("priority_score", "number", False, "WSJF, computed; never entered"),
    FieldSpec("due", "date", False, "date it should be done by (not before raised)"),
    FieldSpec("outcome", "text", False, "what happened; required once closed or rejected"),
)
COLUMNS: tuple[str, ...] = tuple(spec.name for spec in SCHEMA)
_SPEC = {spec.name: spec for spec in SCHEMA}
_WSJF_PARTS = ("business_value", "time_criticality", "risk_reduction", "job_size")


def improvement_steps() -> pd.DataFrame:
    """Return the register's status codes with the step and question each stands for.

    Returns
    -------
    pandas.DataFrame
        Columns ``status``, ``step`` (1-7, or NA for ``closed`` and ``rejected``) and
        ``question``, in order.

    Examples
    --------
    >>> improvement_steps().loc[1, ["status", "question"]].tolist()
    ['assess', 'Where are we now?']
    """
    rows = []
    for code, text in STATUSES.items():
        number, _, question = text.partition(". ")
        is_step = code in SEVEN_STEPS
        rows.append(
            {
                "status": code,
                "step": int(number) if is_step else pd.NA,
                "question": question if is_step else text[0].upper() + text[1:],
            }
        )
    frame = pd.DataFrame(rows)
    frame["step"] = frame["step"].astype("Int64")
    return frame


# --------------------------------------------------------------------------- WSJF


def wsjf(
    business_value: float, time_criticality: float, risk_reduction: float, job_size: float
) -> float:
    """Weighted Shortest Job First: cost of delay divided by job size.

    Parameters
    ----------
    business_value, time_criticality, risk_reduction : float
        The three parts of the cost of delay, each a relative score >= 0.
    job_size : float
        The relative size of the work, > 0.

    Returns
    -------
    float
        ``(business_value + time_criticality + risk_reduction) / job_size``; do the
        highest first.

    Raises
    ------
    ValueError
        If a part is negative or not a finite number, or ``job_size`` is not positive.

    Examples
    --------
    >>> wsjf(80, 50, 40, 10), wsjf(50, 40, 30, 5)
    (17.0, 24.0)
    """
    parts: dict[str, object] = {
        "business_value": business_value,
        "time_criticality": time_criticality,
        "risk_reduction": risk_reduction,
        "job_size": job_size,
    }
    for name, value in parts.items():
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise ValueError(f"{name} is {value!r}: expected a number")
        if not math.isfinite(value):
            raise ValueError(f"{name} is {value!r}: expected a finite number")
        if value < 0:
            raise ValueError(f"{name} is {value!r}: expected a number >= 0")
    if job_size <= 0:
        raise ValueError(f"job_size is {job_size!r}: expected a number > 0 (it is the divisor)")
    return float((business_value + time_criticality + risk_reduction) / job_size)


def _numeric_column(data: pd.DataFrame, column: str, role: str) -> pd.Series:
    if column not in data.columns:
        raise ValueError(
            f"column {column!r} ({role}) is not in data; its columns are {list(data.columns)}; "
            f"pass {role}=<column name>"
        )
    values = data[column]
    if not (pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)):
        raise ValueError(f"column {column!r} ({role}) has dtype {values.dtype}: expected numbers")
    return values.astype(float)


def prioritise_wsjf(
    data: pd.DataFrame,
    *,
    business_value: str = "business_value",
    time_criticality: str = "time_criticality",
    risk_reduction: str = "risk_reduction",
    job_size: str = "job_size",
) -> pd.DataFrame:
    """Rank rows by WSJF, highest first.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per candidate improvement.
    business_value, time_criticality, risk_reduction, job_size : str
        The columns holding the WSJF parts.

    Returns
    -------
    pandas.DataFrame
        A copy with ``cost_of_delay``, ``wsjf`` and ``rank`` (1 = do first) columns, sorted
        by ``wsjf`` descending; ties keep their input order; rows missing a part come last
        with no rank.

    Raises
    ------
    ValueError
        If a column is missing or not numeric, a part is negative, or a job size is not
        positive.

    Examples
    --------
    >>> items = pd.DataFrame({"id": ["A", "B"], "business_value": [80, 50],
    ...     "time_criticality": [50, 40], "risk_reduction": [40, 30], "job_size": [10, 5]})
    >>> prioritise_wsjf(items)[["id", "wsjf", "rank"]].to_numpy().tolist()
    [['B', 24.0, 1], ['A', 17.0, 2]]
    """
    if not isinstance(data, pd.DataFrame):
        raise ValueError(f"data must be a pandas DataFrame, got {type(data).__name__}")
    roles = {
        "business_value": business_value,
        "time_criticality": time_criticality,
        "risk_reduction": risk_reduction,
        "job_size": job_size,
    }
    parts = {role: _numeric_column(data, column, role) for role, column in roles.items()}
    for role, values in parts.items():
        negative = values[values < 0]
        if not negative.empty:
            raise ValueError(
                f"column {roles[role]!r} ({role}) is negative in row {negative.index[0]!r}: "
                "expected numbers >= 0"
            )
    size = parts["job_size"]
    zero = size[size == 0]
    if not zero.empty:
        raise ValueError(
            f"column {job_size!r} (job_size) is 0 in row {zero.index[0]!r}: expected > 0"
        )
    result = data.copy()
    cost = parts["business_value"] + parts["time_criticality"] + parts["risk_reduction"]
    result["cost_of_delay"] = cost
    result["wsjf"] = cost / size
    result = result.sort_values("wsjf", ascending=False, kind="stable", na_position="last")
    ranks = np.arange(1, len(result) + 1)
    result["rank"] = pd.array(
        [
            int(r) if not math.isnan(w) else pd.NA
            for r, w in zip(ranks, result["wsjf"], strict=True)
        ],
        dtype="Int64",
    )
    return result


# --------------------------------------------------------------------------- quadrants


def quadrant_splits(
    data: pd.DataFrame,
    *,
    value: str = "business_value",
    effort: str = "effort",
    value_split: float | None = None,
    effort_split: float | None = None,
) -> tuple[float, float]:
    """Return the (value, effort) thresholds that divide the quadrant.

    Parameters
    ----------
    data : pandas.DataFrame
        The candidates.
    value, effort : str
        Columns holding value and effort.
    value_split, effort_split : float, optional
        Fixed thresholds; the median of the scored rows when None.

    Returns
    -------
    tuple of float

    Raises
    ------
    ValueError
        If a column is missing or not numeric, or no row has both value and effort when a
        median is needed.
    """
    values = _numeric_column(data, value, "value")
    efforts = _numeric_column(data, effort, "effort")
    scored = values.notna() & efforts.notna()
    if (value_split is None or effort_split is None) and not scored.any():
        raise ValueError(
            f"no row has both {value!r} and {effort!r}: score some ideas, or pass "
            "value_split and effort_split"
        )
    v = float(values[scored].median()) if value_split is None else float(value_split)
    e = float(efforts[scored].median()) if effort_split is None else float(effort_split)
    return v, e


def value_effort_quadrants(
    data: pd.DataFrame,
    *,
    value: str = "business_value",
    effort: str = "effort",
    value_split: float | None = None,
    effort_split: float | None = None,
) -> pd.DataFrame:
    """Sort ideas into quick wins, major projects, fill-ins and thankless tasks.

    A row is high value when ``value >= value_split`` and high effort when
    ``effort > effort_split``: a row exactly on a line counts on the side of doing it.

    Parameters
    ----------
    data : pandas.DataFrame
        The candidates.
    value, effort : str
        Columns holding value (higher is better) and effort (e.g. person-days).
    value_split, effort_split : float, optional
        Thresholds; the median of the scored rows when None.

    Returns
    -------
    pandas.DataFrame
        A copy with a ``quadrant`` column (a key of :data:`QUADRANTS`, or ``"not scored"``
        when value or effort is missing), sorted by quadrant in :data:`QUADRANTS` order,
        then by value per effort descending.

    Raises
    ------
    ValueError
        If a column is missing or not numeric, or nothing is scored.

    Examples
    --------
    >>> ideas = pd.DataFrame({"id": list("ABCD"), "business_value": [8, 8, 2, 2],
    ...     "effort": [2, 20, 2, 20]})
    >>> value_effort_quadrants(ideas, value_split=5, effort_split=10)["quadrant"].tolist()
    ['quick win', 'major project', 'fill-in', 'thankless task']
    """
    if not isinstance(data, pd.DataFrame):
        raise ValueError(f"data must be a pandas DataFrame, got {type(data).__name__}")
    v_split, e_split = quadrant_splits(
        data, value=value, effort=effort, value_split=value_split, effort_split=effort_split
    )
    values = data[value].astype(float)
    efforts = data[effort].astype(float)
    labels = []
    for v, e in zip(values, efforts, strict=True):
        if math.isnan(v) or math.isnan(e):
            labels.append(NOT_SCORED)
        elif v >= v_split:
            labels.append("major project" if e > e_split else "quick win")
        else:
            labels.append("thankless task" if e > e_split else "fill-in")
    result = data.copy()
    result["quadrant"] = labels
    order = {name: i for i, name in enumerate([*QUADRANTS, NOT_SCORED])}
    ratio = values / efforts.where(efforts > 0, np.nan)
    key = pd.DataFrame(
        {"q": [order[q] for q in labels], "r": (-ratio.fillna(-np.inf)).to_numpy()},
        index=result.index,
    )
    return result.loc[key.sort_values(["q", "r"], kind="stable").index]


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Improvement:
    """One record of the register; build it with :meth:`ImprovementRegister.add`."""

    id: str
    raised: date
    description: str
    owner: str
    status: str
    source: str | None = None
    service: str | None = None
    baseline: str | None = None
    target: str | None = None
    expected_benefit: str | None = None
    effort: float | None = None
    business_value: float | None = None
    time_criticality: float | None = None
    risk_reduction: float | None = None
    job_size: float | None = None
    due: date | None = None
    outcome: str | None = None

    @property
    def cost_of_delay(self) -> float | None:
        """Business value + time criticality + risk reduction, when all three are known."""
        parts = (self.business_value, self.time_criticality, self.risk_reduction)
        if any(p is None for p in parts):
            return None
        return float(sum(p for p in parts if p is not None))

    @property
    def priority_score(self) -> float | None:
        """The WSJF score, when every part is known."""
        cost = self.cost_of_delay
        if cost is None or self.job_size is None:
            return None
        return cost / self.job_size

    def as_dict(self) -> dict[str, object]:
        """The record as a dict in schema column order, with ``priority_score``."""
        own = {f.name: getattr(self, f.name) for f in fields(self)}
        own["priority_score"] = self.priority_score
        return {column: own[column] for column in COLUMNS}


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    return isinstance(value, float) and math.isnan(value)


def _coerce(name: str, value: object, record: str) -> object:
    """Convert one raw value to its field's type, or raise ValueError naming both."""
    spec = _SPEC[name]
    where = f"record {record!r}: {name}"
    if _missing(value) or value is pd.NaT:
        if spec.required:
            raise ValueError(
                f"{where} is missing; every improvement needs one ({spec.description})"
            )
        return None
    if spec.kind == "text":
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, bool):
            raise ValueError(f"{where} is {value!r}: expected text")
        if isinstance(value, numbers.Real):
            return f"{float(value):g}"
        raise ValueError(f"{where} is {value!r}: expected text")
    if spec.kind == "status":
        code = str(value).strip().lower()
        if code not in STATUSES:
            raise ValueError(
                f"{where} is {value!r}: expected one of {', '.join(STATUSES)} "
                "(the seven-step model, then closed or rejected)"
            )
        return code
    if spec.kind == "date":
        if isinstance(value, pd.Timestamp | datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise ValueError(f"{where} is {value!r}: expected a date as YYYY-MM-DD")
    # number
    number: float
    if isinstance(value, bool):
        raise ValueError(f"{where} is {value!r}: expected a number")
    if isinstance(value, numbers.Real):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            raise ValueError(f"{where} is {value!r}: expected a number") from None
    else:
        raise ValueError(f"{where} is {value!r}: expected a number")
    if not math.isfinite(number):
        raise ValueError(f"{where} is {value!r}: expected a finite number")
    if name == "job_size" and number <= 0:
        raise ValueError(f"{where} is {value!r}: expected a number > 0 (WSJF divides by it)")
    if number < 0:
        raise ValueError(f"{where} is {value!r}: expected a number >= 0")
    return number


def make_improvement(values: Mapping[str, object]) -> Improvement:
    """Validate raw values (from Python or a CSV row) and return an :class:`Improvement`.

    Parameters
    ----------
    values : mapping
        Field name -> value; text, dates as ``date`` or ``YYYY-MM-DD``, numbers as numbers
        or numeric text. ``priority_score`` is ignored (it is always computed).

    Returns
    -------
    Improvement

    Raises
    ------
    ValueError
        Naming the record and the field: an unknown field, a missing required field, a bad
        status, a value of the wrong type or range, ``due`` before ``raised``, or a closed
        or rejected record without an ``outcome``.
    """
    raw_id = values.get("id")
    record = str(raw_id).strip() if not _missing(raw_id) else "(no id)"
    unknown = [k for k in values if k not in _SPEC]
    if unknown:
        raise ValueError(
            f"record {record!r}: unknown field {unknown[0]!r}; the fields are {list(COLUMNS)}"
        )
    converted = {
        name: _coerce(name, values.get(name), record)
        for name in COLUMNS
        if name != "priority_score"
    }
    identifier = str(converted["id"])
    if not _ID_PATTERN.match(identifier):
        raise ValueError(
            f"record {record!r}: id {identifier!r} is not valid: use letters, digits, '-', '_' "
            "or '.', starting with a letter or digit"
        )
    improvement = Improvement(**converted)  # type: ignore[arg-type]
    if improvement.due is not None and improvement.due < improvement.raised:
        raise ValueError(
            f"record {record!r}: due ({improvement.due}) is before raised ({improvement.raised})"
        )
    if improvement.status in FINISHED and improvement.outcome is None:
        raise ValueError(
            f"record {record!r}: outcome is missing; a {improvement.status} improvement must "
            "say what happened (or why it was not pursued)"
        )
    return improvement


def _csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


# --------------------------------------------------------------------------- the register


class ImprovementRegister:
    """A continual improvement register kept as a CSV file.

    Parameters
    ----------
    records : iterable of Improvement or mapping, optional
        Records to start with; each is validated.
    path : str or pathlib.Path, optional
        Where :meth:`save` writes when called without a path.
    today : callable, optional
        Returns today's date; the default for ``raised`` in :meth:`add`.
    id_prefix : str
        Prefix of generated ids (``CI-001``, ``CI-002``, ...).

    Raises
    ------
    ValueError
        If a record is invalid or two share an id.

    Examples
    --------
    >>> register = ImprovementRegister(today=lambda: date(2026, 3, 2))
    >>> item = register.add(description="Publish a change calendar", owner="Priya",
    ...     business_value=8, time_criticality=5, risk_reduction=3, job_size=2)
    >>> item.id, item.status, item.priority_score
    ('CI-001', 'vision', 8.0)
    """

    def __init__(
        self,
        records: Iterable[Improvement | Mapping[str, object]] = (),
        *,
        path: str | Path | None = None,
        today: Callable[[], date] = date.today,
        id_prefix: str = "CI-",
    ) -> None:
        self.path = Path(path) if path is not None else None
        self._today = today
        self._prefix = id_prefix
        self._records: dict[str, Improvement] = {}
        for record in records:
            item = record if isinstance(record, Improvement) else make_improvement(record)
            self._insert(item)

    # ---- reading and writing

    @classmethod
    def load(
        cls, path: str | Path, *, today: Callable[[], date] = date.today
    ) -> ImprovementRegister:
        """Read a register from CSV; later :meth:`save` calls write back to the same file.

        Parameters
        ----------
        path : str or pathlib.Path
            The CSV file, with a header row of schema columns (optional ones may be absent).
        today : callable, optional
            Returns today's date, for records added later.

        Returns
        -------
        ImprovementRegister

        Raises
        ------
        FileNotFoundError
            If the file does not exist.
        ValueError
            Naming the file and line: an unknown or missing column, or an invalid record.
        """
        source = Path(path)
        if not source.is_file():
            raise FileNotFoundError(f"no register at {source}")
        register = cls(path=source, today=today)
        with source.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            header = list(reader.fieldnames or [])
            unknown = [c for c in header if c not in _SPEC]
            if unknown:
                raise ValueError(
                    f"{source}: unknown column {unknown[0]!r}; the columns are {list(COLUMNS)}"
                )
            absent = [s.name for s in SCHEMA if s.required and s.name not in header]
            if absent:
                raise ValueError(
                    f"{source}: required column {absent[0]!r} is missing; the header is {header}"
                )
            for row in reader:
                values = {k: v for k, v in row.items() if k != "priority_score"}
                try:
                    register._insert(make_improvement(values))
                except ValueError as exc:
                    raise ValueError(f"{source} line {reader.line_num}: {exc}") from exc
        return register

    def save(self, path: str | Path | None = None) -> Path:
        """Write the register to CSV (all schema columns, ``priority_score`` computed).

        Parameters
        ----------
        path : str or pathlib.Path, optional
            Where to write; the register's own path when None (and it becomes the path).

        Returns
        -------
        pathlib.Path
            The file written. The write is atomic: a crash leaves the old file whole.

        Raises
        ------
        ValueError
            If no path is given and the register has none.
        """
        if path is not None:
            self.path = Path(path)
        if self.path is None:
            raise ValueError("path is missing: this register has no file yet; pass save(path)")
        tmp = self.path.with_name(self.path.name + ".tmp")
        with tmp.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for item in self._records.values():
                writer.writerow([_csv_text(v) for v in item.as_dict().values()])
        tmp.replace(self.path)
        return self.path

    # ---- changing

    def _insert(self, item: Improvement) -> None:
        if item.id in self._records:
            raise ValueError(
                f"record {item.id!r}: id is a duplicate; the register already holds {item.id!r}"
            )
        self._records[item.id] = item

    def next_id(self) -> str:
        """Return the next free generated id, e.g. ``CI-004``."""
        pattern = re.compile(rf"^{re.escape(self._prefix)}(\d+)$")
        numbers_used = [int(m.group(1)) for i in self._records if (m := pattern.match(i))]
        return f"{self._prefix}{max(numbers_used, default=0) + 1:03d}"

    def add(self, record: Mapping[str, object] | None = None, **values: object) -> Improvement:
        """Validate and add an improvement; ``id``, ``raised`` and ``status`` have defaults.

        Parameters
        ----------
        record : mapping, optional
            Field values; keyword arguments add to (and override) it.
        **values
            Field values: ``description`` and ``owner`` are required; ``id`` defaults to
            :meth:`next_id`, ``raised`` to today, ``status`` to ``"vision"``.

        Returns
        -------
        Improvement
            The record as stored.

        Raises
        ------
        ValueError
            Naming the field and record: a duplicate id, a missing owner or description, a
            bad status, or any other invalid value.
        """
        merged: dict[str, object] = {**(record or {}), **values}
        if "priority_score" in merged:
            raise ValueError(
                f"record {merged.get('id', '(new)')!r}: priority_score is computed from the WSJF "
                "parts; set business_value, time_criticality, risk_reduction and job_size instead"
            )
        if _missing(merged.get("id")):
            merged["id"] = self.next_id()
        merged.setdefault("raised", self._today())
        merged.setdefault("status", "vision")
        item = make_improvement(merged)
        self._insert(item)
        return item

    def update(self, id: str, /, **changes: object) -> Improvement:
        """Change fields of one improvement, validating the result.

        Parameters
        ----------
        id : str
            The record to change.
        **changes
            Field -> new value (None clears an optional field). The id cannot change.

        Returns
        -------
        Improvement
            The record as stored now.

        Raises
        ------
        KeyError
            If no record has this id.
        ValueError
            Naming the field and record, as for :meth:`add`.
        """
        current = self.get(id)
        if "id" in changes and changes["id"] != id:
            raise ValueError(f"record {id!r}: id cannot change; add a new record instead")
        if "priority_score" in changes:
            raise ValueError(
                f"record {id!r}: priority_score is computed from the WSJF parts; change "
                "business_value, time_criticality, risk_reduction or job_size instead"
            )
        unknown = [k for k in changes if k not in _SPEC]
        if unknown:
            raise ValueError(
                f"record {id!r}: unknown field {unknown[0]!r}; the fields are {list(COLUMNS)}"
            )
        merged = {k: v for k, v in current.as_dict().items() if k != "priority_score"}
        merged.update(changes)
        item = make_improvement(merged)
        self._records[id] = item
        return item

    def advance(self, id: str, *, outcome: str | None = None) -> Improvement:
        """Move an improvement to the next of the seven steps (after ``sustain``: closed).

        Parameters
        ----------
        id : str
            The record to move.
        outcome : str, optional
            What happened; required when the step after is ``closed``.

        Returns
        -------
        Improvement

        Raises
        ------
        ValueError
            If the record is already closed or rejected, or closing it lacks an outcome.
        """
        current = self.get(id)
        if current.status in FINISHED:
            raise ValueError(f"record {id!r}: status is {current.status!r}; it cannot advance")
        step = SEVEN_STEPS.index(current.status)
        following = SEVEN_STEPS[step + 1] if step + 1 < len(SEVEN_STEPS) else "closed"
        changes: dict[str, object] = {"status": following}
        if outcome is not None:
            changes["outcome"] = outcome
        return self.update(id, **changes)

    # ---- reading

    def get(self, id: str) -> Improvement:
        """Return the improvement with this id.

        Raises
        ------
        KeyError
            If there is none.
        """
        try:
            return self._records[id]
        except KeyError:
            raise KeyError(f"no improvement with id {id!r}; ids: {list(self._records)}") from None

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[Improvement]:
        return iter(list(self._records.values()))

    def __contains__(self, id: object) -> bool:
        return id in self._records

    def to_frame(self) -> pd.DataFrame:
        """Return the register as a DataFrame in schema column order.

        Returns
        -------
        pandas.DataFrame
            Text columns as strings (missing: NaN), ``raised`` and ``due`` as datetimes,
            numbers as floats, ``priority_score`` computed.
        """
        rows = [item.as_dict() for item in self._records.values()]
        frame = pd.DataFrame(rows, columns=list(COLUMNS))
        for spec in SCHEMA:
            if spec.kind == "number":
                frame[spec.name] = pd.to_numeric(frame[spec.name]).astype(float)
            elif spec.kind == "date":
                frame[spec.name] = pd.to_datetime(frame[spec.name])
            else:
                frame[spec.name] = pd.Series(
                    [r[spec.name] for r in rows], index=frame.index, dtype="str"
                )
        return frame

    def prioritise(
        self,
        *,
        by: str = "wsjf",
        include_finished: bool = False,
        value_split: float | None = None,
        effort_split: float | None = None,
    ) -> pd.DataFrame:
        """Return the open improvements in the order to work on them.

        Parameters
        ----------
        by : {"wsjf", "quadrant"}
            ``"wsjf"``: by priority score, highest first (unscored last). ``"quadrant"``:
            by value/effort quadrant (``business_value`` against ``effort``), quick wins
            first, then by value per effort.
        include_finished : bool
            Also list closed and rejected improvements.
        value_split, effort_split : float, optional
            Quadrant thresholds (medians when None); only for ``by="quadrant"``.

        Returns
        -------
        pandas.DataFrame
            The register's rows in priority order, with ``rank`` (WSJF) or ``quadrant``.

        Raises
        ------
        ValueError
            If ``by`` is neither, or (quadrant) nothing has both value and effort.
        """
        frame = self.to_frame()
        if not include_finished:
            frame = frame[~frame["status"].isin(FINISHED)]
        if by == "wsjf":
            return prioritise_wsjf(frame).drop(columns=["cost_of_delay", "wsjf"])
        if by == "quadrant":
            return value_effort_quadrants(frame, value_split=value_split, effort_split=effort_split)
        raise ValueError(f"by is {by!r}: expected 'wsjf' or 'quadrant'")
