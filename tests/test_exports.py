"""The one public surface: ``toolkit.__all__`` is sorted and is exactly the public names."""

from __future__ import annotations

import types

import toolkit


def _isort_key(name: str) -> tuple[int, str]:
    """Constants first, then classes, then functions: the order ruff's RUF022 keeps."""
    if name.isupper():
        return (0, name)
    if name[0].isupper():
        return (1, name)
    return (2, name)


def test_all_is_sorted() -> None:
    assert toolkit.__all__ == sorted(toolkit.__all__, key=_isort_key)
    assert toolkit.plots.__all__ == sorted(toolkit.plots.__all__, key=_isort_key)


#: Subpackages that are part of the public surface (``toolkit.plots.plot_xmr``).
PUBLIC_SUBPACKAGES = {"plots", "quiz"}


def test_all_is_exactly_the_public_names() -> None:
    public = {
        name
        for name, value in vars(toolkit).items()
        if not name.startswith("_")
        and (not isinstance(value, types.ModuleType) or name in PUBLIC_SUBPACKAGES)
    }
    assert set(toolkit.__all__) - {"__version__"} == public


def test_public_subpackages_are_exported() -> None:
    exported = set(toolkit.__all__)
    for name in PUBLIC_SUBPACKAGES & set(vars(toolkit)):
        assert name in exported, name


def test_every_exported_name_resolves() -> None:
    for name in toolkit.__all__:
        assert getattr(toolkit, name) is not None, name
