"""Fixtures every test shares: a headless plot backend, closed figures, a seeded RNG."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator

import pytest
from hypothesis import settings

from tests.support import IN_CI

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


@pytest.fixture(autouse=True)
def _workspace_in_tmp(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``smlab lab`` copies the lessons to a workspace: in tests, never the learner's own."""
    monkeypatch.setenv("SMLAB_WORKSPACE", str(tmp_path_factory.getbasetemp() / "workspace"))
