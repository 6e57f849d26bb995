"""Helpers for tests: the CI rule that nothing may be skipped."""

from __future__ import annotations

import os

import pytest

#: True when running in CI, where a test that cannot run is a failure, never a skip.
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def skip_or_fail(reason: str) -> None:
    """Skip with ``reason`` on a laptop; fail in CI, where nothing may be skipped."""
    if IN_CI:
        pytest.fail(f"cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)
