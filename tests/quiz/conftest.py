"""The store suite runs against both back ends: an SQLite file and a real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.postgres_server import PostgresServer

#: The trainer the PostgreSQL suite writes as: a trainer may record for every learner.
SUITE_TRAINER = "suite-trainer"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """Where a test's store lives: a new SQLite file, or a new database on the test server.

    On PostgreSQL the suite writes as a trainer (it records answers for several learners);
    the rules for learners are tested on their own in test_store_shared.py.
    """
    if request.param == "sqlite":
        return str(tmp_path / "p.sqlite3")
    server: PostgresServer = request.getfixturevalue("postgres_server")
    monkeypatch.setenv("SMLAB_LEARNER", SUITE_TRAINER)
    monkeypatch.setenv("SMLAB_TRAINERS", SUITE_TRAINER)
    return server.new_database()
