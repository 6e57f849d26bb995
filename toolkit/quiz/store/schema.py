"""The SQLite store's schema: its tables, its version, and how an older file is brought up to it.

The file says what it is: ``PRAGMA application_id`` is :data:`APPLICATION_ID` and
``PRAGMA user_version`` is the schema version, which :data:`MIGRATIONS` bring up to
:data:`SCHEMA_VERSION` when an older file is opened. :func:`classify` tells a fresh file, one of
ours, another program's and one from a newer toolkit apart; :func:`refuse` turns the last two
into a :class:`~toolkit.quiz.store.records.StoreError`, since neither may be touched.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Final, Literal

from toolkit.quiz.store.dialect import Connection, dialect_of
from toolkit.quiz.store.records import StoreError

__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Verdict",
    "classify",
    "migrate",
    "refuse",
]

#: ``PRAGMA application_id`` of a progress store: the bytes ``SMLb``.
APPLICATION_ID: Final = 0x534D4C62

_V1: Final = """
CREATE TABLE learners (
    name        TEXT PRIMARY KEY NOT NULL CHECK (length(name) > 0),
    created_at  TEXT NOT NULL
);
CREATE TABLE attempts (
    id           INTEGER PRIMARY KEY,
    learner      TEXT NOT NULL REFERENCES learners(name),
    bank_id      TEXT NOT NULL,
    question_id  TEXT NOT NULL,
    response     TEXT NOT NULL,
    credit       REAL NOT NULL CHECK (credit >= 0 AND credit <= 1),
    correct      INTEGER CHECK (correct IN (0, 1)),
    points       INTEGER NOT NULL CHECK (points >= 0),
    hints_used   INTEGER NOT NULL DEFAULT 0 CHECK (hints_used >= 0),
    mode         TEXT NOT NULL,
    answered_at  TEXT NOT NULL
);
CREATE INDEX attempts_by_question ON attempts (learner, bank_id, question_id);
CREATE TABLE boxes (
    learner      TEXT NOT NULL REFERENCES learners(name),
    bank_id      TEXT NOT NULL,
    question_id  TEXT NOT NULL,
    box          INTEGER NOT NULL CHECK (box BETWEEN 1 AND 5),
    due_at       TEXT NOT NULL,
    PRIMARY KEY (learner, bank_id, question_id)
);
CREATE TABLE badges (
    learner    TEXT NOT NULL REFERENCES learners(name),
    badge_id   TEXT NOT NULL,
    earned_at  TEXT NOT NULL,
    PRIMARY KEY (learner, badge_id)
);
"""

_V2: Final = """
ALTER TABLE attempts ADD COLUMN session_id TEXT;
ALTER TABLE attempts ADD COLUMN try INTEGER NOT NULL DEFAULT 1 CHECK (try >= 1);
CREATE INDEX attempts_by_session ON attempts (session_id);
CREATE TABLE completions (
    id           INTEGER PRIMARY KEY,
    learner      TEXT NOT NULL REFERENCES learners(name),
    bank_id      TEXT NOT NULL,
    session_id   TEXT NOT NULL,
    mode         TEXT NOT NULL,
    total        INTEGER NOT NULL,
    answered     INTEGER NOT NULL,
    correct      INTEGER NOT NULL,
    score        REAL NOT NULL CHECK (score >= 0 AND score <= 1),
    points       INTEGER NOT NULL,
    max_points   INTEGER NOT NULL,
    finished_at  TEXT NOT NULL,
    UNIQUE (session_id, bank_id)
);
CREATE INDEX completions_by_learner ON completions (learner, bank_id);
"""


def _migrate_v1(connection: Connection) -> None:
    """v1: learners, attempts, Leitner boxes and badges."""
    _run_script(connection, _V1)


def _migrate_v2(connection: Connection) -> None:
    """v2: attempts know their session and try number; finished sessions are kept."""
    _run_script(connection, _V2)


#: The schema's history: ``MIGRATIONS[n]`` brings a version-``n`` file to version ``n + 1``.
#: Append a step to change the schema; never edit one that has shipped.
MIGRATIONS: Final[tuple[Callable[[Connection], None], ...]] = (
    _migrate_v1,
    _migrate_v2,
)
#: The schema version this code writes.
SCHEMA_VERSION: Final = len(MIGRATIONS)
#: The tables a store of the current version holds.
_OUR_TABLES: Final = frozenset({"learners", "attempts", "boxes", "badges", "completions"})


def _run_script(connection: Connection, script: str) -> None:
    """Run the statements of ``script`` one by one inside the caller's transaction.

    ``executescript`` would commit first, so the statements are split here; the schema scripts
    hold no ``;`` inside a statement.
    """
    for statement in script.split(";"):
        if statement.strip():
            connection.execute(statement)


Verdict = Literal["fresh", "ours", "foreign", "newer"]


def classify(connection: Connection) -> tuple[Verdict, str]:
    """Tell a fresh, own, foreign or newer database apart; say what was found."""
    dialect = dialect_of(connection)
    application_id = dialect.application_id(connection)
    version = dialect.user_version(connection)
    tables = dialect.tables(connection)
    if application_id == APPLICATION_ID:
        if version > SCHEMA_VERSION:
            return "newer", str(version)
        return "ours", ""
    if application_id != 0:
        return "foreign", f"application_id {application_id:#x} (ours is {APPLICATION_ID:#x})"
    if tables:
        shown = ", ".join(tables[:8]) + (", ..." if len(tables) > 8 else "")
        return "foreign", f"the tables {shown} and no application_id"
    return "fresh", ""


def refuse(path: Path | None, verdict: Verdict, found: str) -> None:
    """Raise :class:`StoreError` for a foreign or newer file at ``path``, which is never touched."""
    if verdict == "foreign":
        raise StoreError(
            f"{path} is not a Service Improvement Lab progress store: it is an SQLite "
            f"database with {found}. It belongs to something else, so it was left "
            "untouched; give another path (or set SMLAB_DATA_DIR).",
            path=path,
        )
    if verdict == "newer":
        raise StoreError(
            f"the progress store {path} has schema version {found}, newer than this "
            f"toolkit's {SCHEMA_VERSION}; upgrade service-improvement-lab to use it (the "
            "file was left untouched).",
            path=path,
        )


def migrate(connection: Connection) -> None:
    """Bring a fresh file or one of ours up to :data:`SCHEMA_VERSION` (caller's transaction)."""
    dialect = dialect_of(connection)
    version = dialect.user_version(connection)
    for step in MIGRATIONS[version:]:
        step(connection)
    if version < SCHEMA_VERSION:
        dialect.mark(connection, APPLICATION_ID, SCHEMA_VERSION)
