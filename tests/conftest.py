"""Fixtures every test shares: a headless plot backend, closed figures, a seeded RNG."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture
def rng() -> random.Random:
    """A seeded random source for shuffles and simulations."""
    return random.Random(20261122)
