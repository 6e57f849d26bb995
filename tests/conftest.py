"""Fixtures every test shares: a headless plot backend, closed figures, a seeded RNG."""

from __future__ import annotations

import contextlib
import ctypes
import os
import random
import sys
from collections.abc import Iterator

import psutil
import pytest
from hypothesis import settings

from tests import postgres_server as postgres_server_module
from tests.support import IN_CI, skip_or_fail

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

# Timing is never under test: no deadlines. In CI every run explores the same examples, so a
# red build is reproducible; on a laptop each run explores new ones.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if IN_CI else "dev")


def _adopt_orphans() -> None:
    """Make this process the subreaper of its descendants (Linux).

    A server started by a test that starts kernels of its own, and is then killed, leaves
    the kernels orphaned: they would be adopted by init and escape the check below. As a
    subreaper, the test process adopts them instead, so the check sees them.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


_adopt_orphans()


def _reap() -> None:
    """Collect the exit status of every adopted child that has ended (no zombies)."""
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def leftover_processes() -> list[psutil.Process]:
    """The descendants of this process still running (zombies reaped, not counted)."""
    _reap()
    alive = []
    for child in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):
            if child.status() != psutil.STATUS_ZOMBIE:
                alive.append(child)
    return alive


@pytest.fixture(scope="session", autouse=True)
def _no_process_left_behind() -> Iterator[None]:
    """Fail the run if any process a test started is still alive when the session ends.

    With pytest-xdist each worker checks its own descendants. A test that starts a server
    (JupyterLab, Voila, ``smlab lab``) must end it and its children; this holds it to that.
    """
    yield
    survivors = leftover_processes()
    _gone, alive = psutil.wait_procs(survivors, timeout=10)
    alive = [process for process in alive if process.is_running()]
    _reap()
    if alive:
        described = []
        for process in alive:
            with contextlib.suppress(psutil.Error):
                described.append(f"pid {process.pid}: {' '.join(process.cmdline())[:200]}")
        for process in alive:
            with contextlib.suppress(psutil.Error):
                process.kill()
        pytest.fail(
            "processes started by the tests are still running at the end of the session:\n"
            + "\n".join(described),
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture
def rng() -> random.Random:
    """A seeded random source for shuffles and simulations."""
    return random.Random(20261122)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[postgres_server_module.PostgresServer]:
    """A real PostgreSQL server for this session (skips on a laptop without one, fails in CI)."""
    reason = postgres_server_module.why_unavailable()
    if reason is not None:
        skip_or_fail(reason)
    server = postgres_server_module.start()
    try:
        yield server
    finally:
        postgres_server_module.stop(server)


@pytest.fixture(autouse=True)
def _workspace_in_tmp(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``smlab lab`` copies the lessons to a workspace: in tests, never the learner's own."""
    monkeypatch.setenv("SMLAB_WORKSPACE", str(tmp_path_factory.getbasetemp() / "workspace"))
