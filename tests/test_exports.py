"""The one public surface: ``toolkit.__all__`` is sorted, complete, and loads lazily."""

from __future__ import annotations

import subprocess
import sys

import pytest

import toolkit
import toolkit.plots
import toolkit.quiz
from toolkit._lazy import exports_of

PACKAGES = [toolkit, toolkit.plots, toolkit.quiz]


def _isort_key(name: str) -> tuple[int, str]:
    """Constants first, then classes, then functions: the order ruff's RUF022 keeps."""
    if name.isupper():
        return (0, name)
    if name[0].isupper():
        return (1, name)
    return (2, name)


@pytest.mark.parametrize("package", PACKAGES, ids=lambda package: package.__name__)
def test_all_is_sorted(package: object) -> None:
    names = package.__all__  # type: ignore[attr-defined]
    assert names == sorted(names, key=_isort_key)


@pytest.mark.parametrize("package", PACKAGES, ids=lambda package: package.__name__)
def test_all_is_exactly_what_the_package_declares(package: object) -> None:
    """Every name imported for type checkers is public, and nothing else is."""
    declared = set(exports_of(package.__file__))  # type: ignore[attr-defined]
    public = set(package.__all__) - {"__version__"}  # type: ignore[attr-defined]
    assert public == declared


@pytest.mark.parametrize("package", PACKAGES, ids=lambda package: package.__name__)
def test_every_exported_name_resolves_and_is_listed(package: object) -> None:
    for name in package.__all__:  # type: ignore[attr-defined]
        assert getattr(package, name) is not None, name
        assert name in dir(package), name


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'no_such_thing'"):
        toolkit.no_such_thing  # type: ignore[attr-defined]  # noqa: B018


def test_subpackages_resolve_to_modules() -> None:
    assert toolkit.plots.__name__ == "toolkit.plots"
    assert toolkit.quiz.__name__ == "toolkit.quiz"


def test_import_toolkit_loads_nothing_heavy() -> None:
    """``import toolkit`` stays light: names load their modules when first used."""
    probe = (
        "import sys, toolkit;"
        "names = ('pandas', 'matplotlib', 'ipywidgets', 'pydantic');"
        "heavy = [m for m in names if m in sys.modules];"
        "print(','.join(heavy));"
        "toolkit.compound;"
        "print('pandas' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    )
    before, after = result.stdout.splitlines()
    assert before == ""
    assert after == "True"
