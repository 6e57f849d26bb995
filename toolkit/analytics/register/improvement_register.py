"""The continual improvement register itself, kept as a CSV file."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path

import pandas as pd

from toolkit.analytics.register.prioritisation import prioritise_wsjf, value_effort_quadrants
from toolkit.analytics.register.records import (
    _SPEC,
    COLUMNS,
    SCHEMA,
    Improvement,
    _missing,
    make_improvement,
)
from toolkit.analytics.register.steps import FINISHED, SEVEN_STEPS
from toolkit.safety.files import write_atomically
from toolkit.safety.reader import read_text
from toolkit.safety.spreadsheet import neutral_cell, restore_cell


def _csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


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
        if not source.exists():
            raise FileNotFoundError(f"no register at {source}")
        text = read_text(source, kind="csv")  # a regular file, not too big, UTF-8
        register = cls(path=source, today=today)
        with io.StringIO(text, newline="") as handle:
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
                values = {k: restore_cell(v) for k, v in row.items() if k != "priority_score"}
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
        toolkit.safety.files.NotSavedError
            If the system refuses the write (a read-only folder, a full disk).
        """
        if path is not None:
            self.path = Path(path)
        if self.path is None:
            raise ValueError("path is missing: this register has no file yet; pass save(path)")
        records = list(self._records.values())

        def _write(target: Path) -> None:
            with target.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(COLUMNS)
                for item in records:
                    writer.writerow([neutral_cell(_csv_text(v)) for v in item.as_dict().values()])

        return write_atomically(self.path, _write, force=True, what="the improvement register")

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
