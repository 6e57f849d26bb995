"""The house rules for imports (pyproject's ``[tool.importlinter]``), checked by import-linter.

One folder per layer: ``cli`` over ``widgets`` and ``export``, over ``plots`` and the ``quiz``
engine, over ``analytics``, over ``data``, over the course's own ``course`` and ``paths``.
The engine, analytics and data never import ipywidgets or matplotlib, and no two sibling
modules import each other. The second test proves each rule can fail: it copies the package,
breaks one rule in the copy, and expects import-linter to name the broken contract.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(package_parent: Path, config: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the ``toolkit`` found in ``package_parent``."""
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(config)],
        cwd=package_parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_package_keeps_every_import_contract() -> None:
    result = lint_imports(ROOT, ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


BREAKS = {
    "analytics draws a chart": (
        "toolkit/analytics/metrics/change.py",
        "import matplotlib.pyplot\n",
        "never import a widget or a chart library BROKEN",
    ),
    "the engine imports a widget": (
        "toolkit/quiz/grading.py",
        "import toolkit.widgets.quiz\n",
        "then data BROKEN",
    ),
    "a command imports a widget": (
        "toolkit/cli/progress.py",
        "import toolkit.widgets.dashboard\n",
        "never import a notebook widget BROKEN",
    ),
    "the store and the review queue import each other": (
        "toolkit/quiz/leitner.py",
        "import toolkit.quiz.review\n",
        "No import cycles between sibling modules BROKEN",
    ),
}


@pytest.mark.parametrize("case", sorted(BREAKS))
def test_a_broken_rule_is_named(case: str, tmp_path: Path) -> None:
    module, line, verdict = BREAKS[case]
    shutil.copytree(
        ROOT / "toolkit",
        tmp_path / "toolkit",
        ignore=shutil.ignore_patterns("__pycache__", "assets", "_data"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text(target.read_text(encoding="utf-8") + line, encoding="utf-8")
    result = lint_imports(tmp_path, tmp_path / "pyproject.toml")
    assert result.returncode != 0
    assert verdict in " ".join(result.stdout.split()), result.stdout


#: The most lines a module in toolkit/ may have (the house rule: no module over ~600 lines).
MAX_MODULE_LINES = 600


def test_no_module_passes_600_lines() -> None:
    modules = sorted((ROOT / "toolkit").rglob("*.py"))
    assert len(modules) > 100  # the scan really found the package
    too_long = {
        module.relative_to(ROOT).as_posix(): lines
        for module in modules
        if (lines := len(module.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not too_long, (
        f"modules over {MAX_MODULE_LINES} lines (split them into themed modules): {too_long}"
    )
