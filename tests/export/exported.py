"""Lessons exported once per test session, shared by tests/export and the browser test.

Running a lesson takes seconds, so two short lessons are exported once (slides and handout
each): 00-start-here (a widget, no plot) and 01-why-governance-matters (plots and an
interact widget). The run is watched: the committed notebooks must not change and the
learner's data folder named by SMLAB_DATA_DIR must stay empty.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from toolkit.export.notebook_export import LessonExport, export_lessons
from toolkit.paths import notebooks_dir

LESSONS = ("00-start-here", "01-why-governance-matters")


@dataclass(frozen=True)
class Exported:
    """What the shared export wrote, and what it left alone."""

    out: Path
    results: dict[str, LessonExport]
    notebooks_before: dict[str, str]
    notebooks_after: dict[str, str]
    learner_data: Path


_SESSION: dict[str, Exported] = {}


def _digests() -> dict[str, str]:
    return {
        name: hashlib.sha256((notebooks_dir() / f"{name}.ipynb").read_bytes()).hexdigest()
        for name in LESSONS
    }


def exported_lessons(factory: pytest.TempPathFactory) -> Exported:
    """Export LESSONS (slides and handouts) once per session and return what happened."""
    if "exported" not in _SESSION:
        root = factory.mktemp("exported")
        learner_data = root / "learner-data"
        learner_data.mkdir()
        before = _digests()
        saved = os.environ.get("SMLAB_DATA_DIR")
        os.environ["SMLAB_DATA_DIR"] = str(learner_data)
        try:
            results = export_lessons(LESSONS, root / "out")
        finally:
            if saved is None:
                os.environ.pop("SMLAB_DATA_DIR", None)
            else:
                os.environ["SMLAB_DATA_DIR"] = saved
        _SESSION["exported"] = Exported(
            out=root / "out",
            results={result.lesson: result for result in results},
            notebooks_before=before,
            notebooks_after=_digests(),
            learner_data=learner_data,
        )
    return _SESSION["exported"]
