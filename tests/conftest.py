"""Fixtures every test shares: a headless plot backend, closed figures, a seeded RNG."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator

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
