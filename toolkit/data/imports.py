"""Bring your own data: real exports mapped onto the tables the measures read.

:func:`import_export` reads an export from a service desk or a code host and returns the
course's tables, typed, ready for :mod:`toolkit.analytics.metrics`:

==============  ==========================================  ==================================
kind            sources                                     tables returned
==============  ==========================================  ==================================
``incidents``   ServiceNow ``incident`` CSV, Jira CSV, CSV  ``incidents``
``changes``     ServiceNow ``change_request`` CSV, Jira     ``changes``
                CSV, CSV
``deployments`` GitHub or GitLab JSON (REST lists of        ``deployments`` and ``commits``
                merged pull/merge requests and
                deployments, or GitHub webhook events:
                ``push`` and ``deployment_status``), CSV
==============  ==========================================  ==================================

The column names each source uses are in :data:`FIELDS`; ``mapping`` renames any of them
(``{"service_id": "u_service"}`` reads our ``service_id`` from the export's ``u_service``).
A bad row is a ``ValueError`` naming the file and line (``incidents.csv:14: column
'opened_at' has 'yesterday', expected a date and time``); a missing column names the columns
the file has.

Close codes stay as they are in a ``close_code`` column, and ``outcome`` holds ``successful``
or ``failed`` where the code says so (ServiceNow: Successful, Successful with issues ->
successful; Unsuccessful -> failed; anything else, e.g. Cancelled, empty), so the change
measures work at once; pass ``outcomes=`` to them to read the codes your own way.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit.safety.reader import InputError, MissingInputError, read_json, read_text

Kind = Literal["incidents", "changes", "deployments"]
Source = Literal["servicenow", "jira", "github", "gitlab", "csv"]
KINDS: tuple[str, ...] = ("incidents", "changes", "deployments")
SOURCES: tuple[str, ...] = ("servicenow", "jira", "github", "gitlab", "csv")

#: For each (kind, source): our column -> the export's column. Columns marked optional in
#: :data:`OPTIONAL` may be absent.
FIELDS: dict[tuple[str, str], dict[str, str]] = {
    ("incidents", "servicenow"): {
        "incident_id": "number",
        "service_id": "business_service",
        "opened_at": "opened_at",
        "resolved_at": "resolved_at",
        "priority": "priority",
        "status": "state",
    },
    ("incidents", "jira"): {
        "incident_id": "Issue key",
        "service_id": "Component/s",
        "opened_at": "Created",
        "resolved_at": "Resolved",
        "priority": "Priority",
        "status": "Status",
    },
    ("changes", "servicenow"): {
        "change_id": "number",
        "service_id": "business_service",
        "change_type": "type",
        "requested_at": "opened_at",
        "implemented_at": "work_end",
        "close_code": "close_code",
    },
    ("changes", "jira"): {
        "change_id": "Issue key",
        "service_id": "Component/s",
        "change_type": "Issue Type",
        "requested_at": "Created",
        "implemented_at": "Resolved",
        "close_code": "Resolution",
    },
}
for _kind in KINDS:
    FIELDS[(_kind, "csv")] = {}
OPTIONAL = frozenset({"service_id", "priority", "status", "change_type", "resolved_at"})
_TIMES = frozenset({"opened_at", "resolved_at", "requested_at", "implemented_at"})
_CSV_COLUMNS = {
    "incidents": ("incident_id", "service_id", "opened_at", "resolved_at", "priority", "status"),
    "changes": (
        "change_id", "service_id", "change_type", "requested_at", "implemented_at", "close_code",
    ),
}  # fmt: skip
#: ServiceNow's change close codes (and Jira's usual resolutions) read as outcomes.
CLOSE_CODES: dict[str, str] = {
    "successful": "successful",
    "successful with issues": "successful",
    "successful_issues": "successful",
    "unsuccessful": "failed",
    "failed": "failed",
    "done": "successful",
    "fixed": "successful",
    "rolled back": "failed",
    "backed out": "failed",
}
_JIRA_FORMATS = ("%d/%b/%y %I:%M %p", "%d/%b/%Y %I:%M %p", "%d/%b/%y %H:%M")


def _times(values: pd.Series, name: str, where: str, lines: np.ndarray) -> pd.Series:
    """Parse dates (ISO 8601, ServiceNow's or Jira's formats), naming the first bad line."""
    text = _blank_to_missing(values)
    missing = text.isna().to_numpy()
    try:
        parsed = pd.to_datetime(text, format="ISO8601", errors="coerce")
    except ValueError:  # offsets that differ from row to row: keep the instants, in UTC
        parsed = pd.to_datetime(text, format="ISO8601", errors="coerce", utc=True)
    if getattr(parsed.dtype, "tz", None) is None:
        for pattern in _JIRA_FORMATS:
            if not (parsed.isna().to_numpy() & ~missing).any():
                break
            parsed = parsed.fillna(pd.to_datetime(text, format=pattern, errors="coerce"))
    bad = parsed.isna().to_numpy() & ~missing
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"{where}:{lines[first]}: column {name!r} has {text.iloc[first]!r}; expected a date "
            "and time such as 2025-03-30 14:05:00 (ISO 8601) or 30/Mar/25 2:05 PM"
        )
    result: pd.Series = parsed
    return result


def _blank_to_missing(values: pd.Series) -> pd.Series:
    """Text with surrounding spaces removed and empty cells as missing."""
    text = values.astype("string").str.strip()
    return text.mask(text == "")


def _priority(values: pd.Series) -> pd.Series:
    """'1 - Critical' or 'Highest' -> 'P1'...; anything else kept as it is."""
    text = values.astype("string").str.strip()
    digit = text.str.extract(r"^(\d)", expand=False)
    words = {"highest": "P1", "high": "P2", "medium": "P3", "low": "P4", "lowest": "P5"}
    named = text.str.lower().map(words)
    return ("P" + digit).fillna(named).fillna(text)


def _outcomes(codes: pd.Series) -> pd.Series:
    return codes.astype("string").str.strip().str.lower().map(CLOSE_CODES).astype("string")


def _table(
    raw: pd.DataFrame, kind: str, source: str, where: str, mapping: Mapping[str, str]
) -> pd.DataFrame:
    fields = dict(FIELDS[(kind, source)])
    if source == "csv":
        fields = {name: name for name in _CSV_COLUMNS[kind]}
    fields.update(mapping)
    lines = np.arange(len(raw)) + 2  # line 1 is the header
    table: dict[str, pd.Series] = {}
    for ours, theirs in fields.items():
        if theirs not in raw.columns:
            if ours in OPTIONAL:
                continue
            raise ValueError(
                f"{where}: missing column {theirs!r} (our {ours!r}); the file's columns are "
                f"{list(raw.columns)}; name another with --map {ours}=COLUMN"
            )
        column = _blank_to_missing(raw[theirs])
        if ours in _TIMES:
            column = _times(column, theirs, where, lines)
        table[ours] = column.reset_index(drop=True)
    frame = pd.DataFrame(table)
    first_id = next(iter(fields))
    empty = frame[first_id].isna().to_numpy()
    if empty.any():
        line = lines[int(np.flatnonzero(empty)[0])]
        raise ValueError(f"{where}:{line}: column {fields[first_id]!r} is empty; expected an id")
    if "priority" in frame:
        frame["priority"] = _priority(frame["priority"])
    if kind == "incidents" and "resolved_at" in frame:
        hours = (frame["resolved_at"] - frame["opened_at"]).dt.total_seconds() / 3600.0
        negative = (hours < 0).to_numpy()
        if negative.any():
            line = lines[int(np.flatnonzero(negative)[0])]
            raise ValueError(f"{where}:{line}: resolved before it was opened")
        frame["resolve_hours"] = hours
    if kind == "changes" and "close_code" in frame:
        frame["outcome"] = _outcomes(frame["close_code"])
    return frame


# --- code hosts: GitHub and GitLab ----------------------------------------------------------


def _csv(path: Path) -> pd.DataFrame:
    """Read an exported CSV through the input boundary; a broken one names file and line."""
    try:
        text = read_text(path, kind="csv")  # a regular file, not too big, UTF-8, no NUL
    except MissingInputError:
        raise
    except InputError as error:
        where = path.name if error.line is None else f"{path.name}:{error.line}"
        raise ValueError(f"{where}: {error.text}") from None
    try:
        return pd.read_csv(io.StringIO(text), dtype="string", keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise ValueError(
            f"{path.name}: cannot read it as a CSV table ({error}): save it as UTF-8 CSV"
        ) from None


def _json(path: Path) -> Any:
    try:
        return read_json(path, kind="export")  # a regular file, not too big, not too deep
    except MissingInputError:
        raise
    except InputError as error:
        where = path.name if error.line is None else f"{path.name}:{error.line}"
        raise ValueError(f"{where}: {error.text}") from None


def _stamp(value: object, where: str, field: str) -> pd.Timestamp:
    problem = ValueError(f"{where}: field {field!r} has {value!r}; expected an ISO 8601 time")
    if value is None:
        raise problem
    try:
        stamp = pd.Timestamp(str(value))
    except ValueError:
        raise problem from None
    if pd.isna(stamp):
        raise problem
    return stamp.tz_convert("UTC") if stamp.tzinfo is not None else stamp


def _from_events(events: list[Any], name: str) -> dict[str, pd.DataFrame]:
    """GitHub webhook events, as fourkeys consumes them: ``push`` and ``deployment_status``.

    Each push's commits are the changes; a push is carried by the first successful
    deployment of its head commit (``after``), which is how fourkeys links a deployment to
    the changes it shipped.
    """
    pushes: list[tuple[str, str, pd.Timestamp]] = []
    deployments: dict[str, dict[str, Any]] = {}
    for number, event in enumerate(events, start=1):
        where = f"{name}: event {number}"
        if not isinstance(event, dict) or "event" not in event or "payload" not in event:
            raise ValueError(f"{where}: expected an object with 'event' and 'payload'")
        payload = event["payload"]
        if event["event"] == "push":
            for commit in payload.get("commits", []):
                pushes.append((str(commit["id"]), str(payload["after"]),
                               _stamp(commit.get("timestamp"), where, "timestamp")))  # fmt: skip
        elif event["event"] == "deployment_status":
            status = payload.get("deployment_status", {})
            if status.get("state") != "success":
                continue
            deployment = payload["deployment"]
            key = str(deployment["id"])
            moment = _stamp(status.get("updated_at") or status.get("created_at"), where,
                            "deployment_status.updated_at")  # fmt: skip
            if key not in deployments or moment < deployments[key]["deployed_at"]:
                deployments[key] = {
                    "deployment_id": key,
                    "service_id": str(payload.get("repository", {}).get("name", "")),
                    "sha": str(deployment["sha"]),
                    "deployed_at": moment,
                }
    table = pd.DataFrame(list(deployments.values()))
    if table.empty:
        raise ValueError(f"{name}: no successful deployment_status events found")
    table = table.sort_values("deployed_at", kind="stable", ignore_index=True)
    first_of_sha = table.drop_duplicates("sha").set_index("sha")["deployment_id"]
    commits = pd.DataFrame(pushes, columns=["change_id", "head", "committed_at"])
    commits["deployment_id"] = commits["head"].map(first_of_sha)
    commits = commits.dropna(subset=["deployment_id"]).drop(columns="head")
    return {"deployments": _with_outcome(table.drop(columns="sha")), "commits": commits}


def _with_outcome(table: pd.DataFrame) -> pd.DataFrame:
    table = table.copy()
    if "failed" not in table:
        table["failed"] = False
    if "restored_at" not in table:
        table["restored_at"] = pd.Series(
            pd.NaT, index=table.index, dtype=table["deployed_at"].dtype
        )
    return table


def _from_rest(data: Mapping[str, Any], source: str, name: str) -> dict[str, pd.DataFrame]:
    """REST lists: ``{"deployments": [...], "pull_requests"|"merge_requests": [...]}``.

    A merged request is carried by the first successful deployment at or after its merge
    (in the same repository when the records say which).
    """
    requests_key = "pull_requests" if source == "github" else "merge_requests"
    for key in ("deployments", requests_key):
        if key not in data or not isinstance(data[key], list):
            raise ValueError(
                f"{name}: expected a list under {key!r}; the file has keys {sorted(data)}"
            )
    rows = []
    for number, item in enumerate(data["deployments"], start=1):
        where = f"{name}: deployments item {number}"
        state = str(item.get("status", item.get("state", "success"))).lower()
        if state not in ("success", "succeeded", "active"):
            continue
        rows.append({
            "deployment_id": str(item["id"]),
            "service_id": str(item.get("repository", item.get("project", ""))),
            "deployed_at": _stamp(item.get("updated_at") or item.get("created_at"), where,
                                  "created_at"),
        })  # fmt: skip
    table = pd.DataFrame(rows)
    if table.empty:
        raise ValueError(f"{name}: no successful deployments listed")
    table = table.sort_values("deployed_at", kind="stable", ignore_index=True)
    changes = []
    for number, item in enumerate(data[requests_key], start=1):
        if not item.get("merged_at"):
            continue
        where = f"{name}: {requests_key} item {number}"
        merged = _stamp(item["merged_at"], where, "merged_at")
        first = item.get("first_commit_at") or item.get("created_at")
        committed = _stamp(first, where, "created_at") if first else merged
        candidates = table[table["deployed_at"] >= merged]
        repository = item.get("repository", item.get("project"))
        if repository is not None:
            candidates = candidates[candidates["service_id"] == str(repository)]
        carrier = candidates["deployment_id"].iloc[0] if len(candidates) else None
        changes.append({"change_id": str(item.get("number", item.get("iid", number))),
                        "committed_at": committed, "deployment_id": carrier})  # fmt: skip
    commits = pd.DataFrame(changes, columns=["change_id", "committed_at", "deployment_id"])
    return {"deployments": _with_outcome(table), "commits": commits}


def import_export(
    path: str | Path,
    *,
    kind: str,
    source: str,
    mapping: Mapping[str, str] | None = None,
) -> dict[str, pd.DataFrame]:
    """Read an export and return the course's tables, typed and checked.

    Parameters
    ----------
    path : str or Path
        The export: CSV for ServiceNow, Jira and csv; JSON for GitHub and GitLab.
    kind : {"incidents", "changes", "deployments"}
        What the file holds.
    source : {"servicenow", "jira", "github", "gitlab", "csv"}
        Where it came from (see :data:`FIELDS` for the columns each is read from).
    mapping : mapping of str to str, optional
        Our column -> the export's column, for exports with other names.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``{"incidents": ...}``, ``{"changes": ...}``, or ``{"deployments": ..., "commits":
        ...}`` (one row per change and the deployment that carried it, for
        :func:`~toolkit.analytics.metrics.dora_four_keys`'s ``changes=``).

    Raises
    ------
    ValueError
        Unknown kind or source, an unreadable file, a missing column (naming the columns
        found), or a bad value (naming the file and line, the column and the value).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "incident.csv").write_text(
    ...     "number,opened_at,resolved_at,priority\\n"
    ...     "INC0010001,2025-03-03 09:00:00,2025-03-03 11:30:00,2 - High\\n")
    >>> table = import_export(folder / "incident.csv", kind="incidents", source="servicenow")
    >>> table["incidents"][["incident_id", "priority", "resolve_hours"]].values.tolist()
    [['INC0010001', 'P2', 2.5]]
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {list(KINDS)}")
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}; expected one of {list(SOURCES)}")
    file = Path(path)
    if not file.is_file():
        raise ValueError(f"{file}: no such file")
    if kind == "deployments":
        if source in ("github", "gitlab"):
            data = _json(file)
            if isinstance(data, list):
                return _from_events(data, file.name)
            if isinstance(data, dict):
                return _from_rest(data, source, file.name)
            raise ValueError(f"{file.name}: expected a JSON list of events or an object of lists")
        if source != "csv":
            raise ValueError(f"deployments come from github, gitlab or csv, not {source!r}")
        raw = _csv(file)
        lines = np.arange(len(raw)) + 2
        for column in ("deployment_id", "deployed_at"):
            if column not in raw.columns:
                raise ValueError(f"{file.name}: missing column {column!r}; the file's columns "
                                 f"are {list(raw.columns)}")  # fmt: skip
        table = raw.copy()
        for column in ("committed_at", "deployed_at", "restored_at"):
            if column in table:
                table[column] = _times(table[column], column, file.name, lines)
        if "failed" in table:
            table["failed"] = table["failed"].str.lower().isin(["true", "1", "yes"])
        return {"deployments": _with_outcome(table)}
    if source in ("github", "gitlab"):
        raise ValueError(f"{kind} come from servicenow, jira or csv, not {source!r}")
    raw = _csv(file)
    return {kind: _table(raw, kind, source, file.name, mapping or {})}
