"""One record of the register: its schema, and the checks that turn raw values into it."""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime

import pandas as pd

from toolkit.analytics.register.steps import FINISHED, SEVEN_STEPS, STATUSES

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
    FieldSpec(
        "baseline",
        "text",
        False,
        "the measure now, e.g. 'change success 91%'; required from 'assess' on",
    ),
    FieldSpec(
        "target",
        "text",
        False,
        "the measure wanted, e.g. 'change success 98%'; required from 'aim' on",
    ),
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
#: The statuses that need a baseline ("Where are we now?" onwards, and closed) and a target
#: ("Where do we want to be?" onwards, and closed): the seven-step model measures before it
#: changes anything, and "Did we get there?" compares the two. A rejected idea needs neither.
NEEDS_BASELINE: tuple[str, ...] = (*SEVEN_STEPS[SEVEN_STEPS.index("assess") :], "closed")
NEEDS_TARGET: tuple[str, ...] = (*SEVEN_STEPS[SEVEN_STEPS.index("aim") :], "closed")
_SPEC = {spec.name: spec for spec in SCHEMA}
_WSJF_PARTS = ("business_value", "time_criticality", "risk_reduction", "job_size")


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
        status, a value of the wrong type or range, ``due`` before ``raised``, a record at
        ``assess`` or later without a ``baseline`` (:data:`NEEDS_BASELINE`), at ``aim`` or
        later without a ``target`` (:data:`NEEDS_TARGET`), or a closed or rejected record
        without an ``outcome``.
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
    step = STATUSES[improvement.status]
    for field, needed_at in (("baseline", NEEDS_BASELINE), ("target", NEEDS_TARGET)):
        if improvement.status in needed_at and getattr(improvement, field) is None:
            raise ValueError(
                f"record {record!r}: {field} is missing; an improvement at status "
                f"{improvement.status!r} ({step}) needs a {field}: the seven-step model "
                "measures where we are before it changes anything, and agrees where we want "
                "to be before it plans"
            )
    if improvement.status in FINISHED and improvement.outcome is None:
        raise ValueError(
            f"record {record!r}: outcome is missing; a {improvement.status} improvement must "
            "say what happened (or why it was not pursued)"
        )
    return improvement
