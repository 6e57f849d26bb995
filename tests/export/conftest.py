"""Fixtures for the export tests."""

from __future__ import annotations

import pytest

from tests.export.exported import Exported, exported_lessons


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """Lessons 00 and 01 exported as slides and handouts (once per session)."""
    return exported_lessons(tmp_path_factory)
