"""The shared store on a real PostgreSQL server: opening by URL, whose rows, nothing lost.

The back-end-independent suite runs on both back ends in test_store.py; these tests are about
what only a shared database has: a URL from the environment or the config file, the schema's
identity in ``smlab_meta``, many servers migrating at once, learners who may touch only their
own rows, 20 writers at once, and a writer killed mid-session.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

from tests.postgres_server import PostgresServer
from tests.quiz.test_store import KILLED_CHILD, attempt
from toolkit.quiz.store import APPLICATION_ID, SCHEMA_VERSION, ProgressStore, StoreError
from toolkit.quiz.store.postgres import safe_url, translate


def rows(url: str, sql: str) -> list[tuple[object, ...]]:
    with psycopg.connect(url) as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture
def url(postgres_server: PostgresServer, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("SMLAB_LEARNER", "ada")
    monkeypatch.delenv("SMLAB_TRAINERS", raising=False)
    monkeypatch.setenv("SMLAB_CONFIG", "/nonexistent/smlab-config.toml")
    return postgres_server.new_database()


# -- opening ---------------------------------------------------------------------------------


def test_a_new_database_is_marked_as_ours(url: str) -> None:
    with ProgressStore(url) as store:
        assert store.url == url
        assert store.path is None
        assert store.schema_version == SCHEMA_VERSION
    assert dict(rows(url, "SELECT key, value FROM smlab_meta")) == {
        "application_id": APPLICATION_ID,
        "user_version": SCHEMA_VERSION,
    }
    tables = {r[0] for r in rows(url, "SELECT tablename FROM pg_tables WHERE schemaname='public'")}
    assert tables == {"smlab_meta", "learners", "attempts", "boxes", "badges", "completions"}
    # The shared DDL became PostgreSQL's types: an identity id, double-precision credit.
    types = dict(
        rows(
            url,
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'attempts' AND column_name IN ('id', 'credit')",
        )
    )
    assert types == {"id": "bigint", "credit": "double precision"}


def test_the_url_comes_from_the_environment(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMLAB_DATABASE_URL", url)
    with ProgressStore() as store:
        assert store.url == url
        store.record_attempt(attempt())
    with ProgressStore.open(url) as store:
        assert store.attempts()["learner"].tolist() == ["ada"]


def test_the_url_comes_from_the_config_file(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'database_url = "{url}"\ntrainers = ["grace"]\n')
    monkeypatch.setenv("SMLAB_CONFIG", str(config))
    monkeypatch.delenv("SMLAB_DATABASE_URL", raising=False)
    with ProgressStore() as store:
        assert store.url == url
    monkeypatch.setenv("SMLAB_LEARNER", "grace")
    with ProgressStore() as store:  # grace is a trainer in the config file
        store.record_attempt(attempt(learner="bob"))
        assert store.learners() == ["bob"]


def test_a_bad_config_file_names_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text("database_url = \n")
    monkeypatch.setenv("SMLAB_CONFIG", str(config))
    monkeypatch.delenv("SMLAB_DATABASE_URL", raising=False)
    with pytest.raises(StoreError, match=r"config\.toml:1:\d+: not valid TOML"):
        ProgressStore()


def test_an_unreachable_server_is_a_clear_error_without_the_password() -> None:
    with pytest.raises(StoreError, match=r"cannot connect .*smlab:\*\*\*@127\.0\.0\.1:9/") as info:
        ProgressStore("postgresql://smlab:hunter2@127.0.0.1:9/course")
    assert "hunter2" not in str(info.value)


def test_an_unknown_scheme_is_refused() -> None:
    with pytest.raises(StoreError, match="give a file path, 'sqlite:///path' or a 'postgresql://'"):
        ProgressStore("mysql://db/course")


def test_translate_and_safe_url() -> None:
    assert translate("SELECT ? WHERE a LIKE 'x%'") == "SELECT %s WHERE a LIKE 'x%%'"
    assert translate("ALTER TABLE a ADD COLUMN c REAL") == (
        "ALTER TABLE a ADD COLUMN c DOUBLE PRECISION"
    )
    assert translate("SELECT real_name FROM t") == "SELECT real_name FROM t"  # not DDL
    assert safe_url("postgresql://u:p@h:1/d") == "postgresql://u:***@h:1/d"
    assert safe_url("postgresql://u@h/d") == "postgresql://u@h/d"


def test_a_foreign_database_is_refused_and_left_alone(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(StoreError, match=r"not a Service Improvement Lab progress store.*invoices"):
        ProgressStore(url)
    tables = rows(url, "SELECT tablename FROM pg_tables WHERE schemaname='public'")
    assert tables == [("invoices",)]


def test_a_newer_database_is_refused(url: str) -> None:
    ProgressStore(url).close()
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("UPDATE smlab_meta SET value = 99 WHERE key = 'user_version'")
    with pytest.raises(StoreError, match="schema version 99, newer than this toolkit's"):
        ProgressStore(url)


# -- whose rows ------------------------------------------------------------------------------


def test_a_learner_writes_and_reads_only_their_own_rows(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ProgressStore(url, user="bob") as bob:
        bob.record_attempt(attempt(learner="bob"))
    with ProgressStore(url) as store:  # ada, from SMLAB_LEARNER
        with pytest.raises(StoreError, match="ada cannot record progress for bob"):
            store.record_attempt(attempt(learner="bob"))
        store.record_attempt(attempt(learner="ada", question_id="q2"))
        assert store.learners() == ["ada"]
        assert store.attempts()["learner"].tolist() == ["ada"]
        assert store.completions().empty
        with pytest.raises(StoreError, match="ada cannot see the progress of bob"):
            store.attempts("bob")
        with pytest.raises(StoreError, match="only trainers see the cohort"):
            store.boxes("bob")
    monkeypatch.setenv("SMLAB_TRAINERS", "grace")
    with ProgressStore(url, user="grace") as trainer:
        assert trainer.learners() == ["ada", "bob"]
        assert sorted(trainer.attempts()["learner"]) == ["ada", "bob"]


def test_a_private_file_has_no_such_rules(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "p.sqlite3", user="ada") as store:
        store.record_attempt(attempt(learner="bob"))
        assert store.learners() == ["bob"]


# -- nothing lost: real processes ------------------------------------------------------------

OPENER_CHILD = """
import sys, time
from pathlib import Path
from toolkit.quiz.store import ProgressStore

url, folder = sys.argv[1], Path(sys.argv[2])
print("ready", flush=True)
while not (folder / "go").exists():
    time.sleep(0.001)
ProgressStore(url).close()
print("done", flush=True)
"""

WRITERS_CHILD = """
import sys, time
from datetime import datetime, UTC
from pathlib import Path
from toolkit.quiz.store import AttemptRecord, ProgressStore

url, name, count, folder = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
store = ProgressStore(url, user=name)
print("ready", flush=True)
while not (folder / "go").exists():
    time.sleep(0.001)
for n in range(count):
    store.record_attempt(AttemptRecord(
        learner=name, bank_id="01-demo", question_id=f"q{n % 7}", response=f"{name}-{n}",
        credit=1.0, correct=n % 3 != 0, points=10, answered_at=datetime.now(UTC),
        session_id=name), badges=["five-in-a-row"])
store.close()
print("done", flush=True)
"""


def start(tmp_path: Path, script: str, *args: str) -> subprocess.Popen[str]:
    program = tmp_path / f"child_{abs(hash(script))}.py"
    if not program.exists():  # never rewrite it under a child that is reading it
        program.write_text(textwrap.dedent(script))
    return subprocess.Popen(
        [sys.executable, str(program), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )


def run_together(tmp_path: Path, children: list[subprocess.Popen[str]]) -> None:
    for child in children:
        assert child.stdout is not None
        if child.stdout.readline().strip() != "ready":
            for other in children:
                other.kill()
                other.communicate()
            pytest.fail(f"a child did not start: {child.communicate()[1]}")
    (tmp_path / "go").touch()
    for child in children:
        out, errors = child.communicate(timeout=300)
        assert child.returncode == 0, errors
        assert out.strip() == "done"


@pytest.mark.slow
def test_many_servers_creating_the_schema_at_once_migrate_it_once(url: str, tmp_path: Path) -> None:
    run_together(tmp_path, [start(tmp_path, OPENER_CHILD, url, str(tmp_path)) for _ in range(8)])
    assert dict(rows(url, "SELECT key, value FROM smlab_meta"))["user_version"] == SCHEMA_VERSION


@pytest.mark.slow
def test_twenty_writers_at_once_lose_no_answer(url: str, tmp_path: Path) -> None:
    names = [f"learner{n:02d}" for n in range(20)]
    ProgressStore(url).close()  # the schema exists; the writers only write
    children = [start(tmp_path, WRITERS_CHILD, url, name, "50", str(tmp_path)) for name in names]
    run_together(tmp_path, children)
    (count,) = rows(url, "SELECT count(*) FROM attempts")[0]
    assert count == 20 * 50
    for name in names:
        mine = rows(url, f"SELECT response FROM attempts WHERE learner = '{name}' ORDER BY id")
        assert [r[0] for r in mine] == [f'"{name}-{n}"' for n in range(50)]
    assert rows(url, "SELECT count(*) FROM boxes") == [(20 * 7,)]
    assert rows(url, "SELECT count(*) FROM badges") == [(20,)]
    # They really wrote at the same time: the first writer's answers interleave with others.
    first = rows(url, "SELECT min(id), max(id) FROM attempts WHERE learner = 'learner00'")[0]
    between = f"id BETWEEN {first[0]} AND {first[1]} AND learner <> 'learner00'"
    others = rows(url, f"SELECT count(*) FROM attempts WHERE {between}")[0][0]
    assert others > 0


@pytest.mark.slow
def test_a_killed_writer_keeps_every_committed_answer(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    child = start(tmp_path, KILLED_CHILD, url)
    assert child.stdout is not None
    acknowledged: list[str] = []
    deadline = time.monotonic() + 120
    while len(acknowledged) < 150 and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        acknowledged.append(line.strip())
    child.send_signal(signal.SIGKILL)  # mid-session, most likely mid-transaction
    rest, errors = child.communicate(timeout=60)
    acknowledged += rest.split()
    assert child.returncode == -signal.SIGKILL, errors
    assert len(acknowledged) >= 150, errors
    with ProgressStore(url) as store:
        frame = store.attempts("ada")
        saved = frame["question_id"].tolist()
        assert saved[: len(acknowledged)] == acknowledged
        assert len(saved) - len(acknowledged) in (0, 1)
        assert len(set(saved)) == len(saved)
        assert len(store.boxes("ada")) == len(saved)
    assert datetime.now(UTC) > frame["answered_at"].max()
