"""The README's promises hold: its two commands exist, CI calls the test one, its map is true."""

from __future__ import annotations

import re
from pathlib import Path

import toolkit

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def _make_targets() -> set[str]:
    return set(re.findall(r"^([A-Za-z][\w-]*):", MAKEFILE, re.MULTILINE))


def test_the_two_commands_are_make_targets() -> None:
    block = re.search(r"```sh\n(.*?)```", README, re.DOTALL)
    assert block is not None, "README has no command block"
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines()]
    assert commands == ["make lab", "make test"]
    assert {"lab", "test"} <= _make_targets()


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.MULTILINE)


def test_test_command_runs_every_check() -> None:
    recipe = re.search(r"^test:(.*)$", MAKEFILE, re.MULTILINE)
    assert recipe is not None
    assert recipe.group(1).split() == ["lint", "typecheck", "pytest"]
    for tool in ("ruff check", "ruff format --check", "mypy", "pytest"):
        assert tool in MAKEFILE, tool


def test_lesson_map_matches_the_course() -> None:
    rows = re.findall(r"^\| (\d\d) \| ([^|]+?) \|", README, re.MULTILINE)
    assert [(int(number), title) for number, title in rows] == [
        (lesson.number, lesson.title) for lesson in toolkit.LESSONS
    ]


def test_command_table_lists_every_smlab_command() -> None:
    from toolkit.cli import build_parser

    documented = set(re.findall(r"^\| `smlab (\w+)", README, re.MULTILINE))
    subparsers = next(action for action in build_parser()._actions if action.dest == "==SUPPRESS==")
    assert documented == set(subparsers.choices)  # type: ignore[attr-defined]


def test_architecture_map_names_every_layer() -> None:
    section = README.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```text\n(.*?)```", section, re.DOTALL)
    assert block is not None, "the Architecture section has no map"
    listed = set(re.findall(r"^  (\w+)/", block.group(1), re.MULTILINE))
    layers = {
        path.name for path in (ROOT / "toolkit").iterdir() if (path / "__init__.py").is_file()
    }
    assert listed == layers
