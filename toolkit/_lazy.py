"""Lazy public surfaces: a package names its exports once, and each loads on first use.

A package's ``__init__.py`` lists its public names as ordinary imports inside an
``if TYPE_CHECKING:`` block, so type checkers and editors see them, and calls
:func:`attach`, which reads that same block and imports a name's module only when the name is
first used. ``import toolkit`` therefore costs milliseconds, and ``smlab --help`` does not
load pandas, matplotlib and ipywidgets to print a list of commands.
"""

from __future__ import annotations

import ast
import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def exports_of(init_file: str | Path) -> dict[str, tuple[str, str]]:
    """Return ``{public name: (module, attribute)}`` from a package's ``TYPE_CHECKING`` imports.

    Parameters
    ----------
    init_file : str or pathlib.Path
        The package's ``__init__.py``.

    Returns
    -------
    dict
        Each public name with the module it comes from and its name there (which differs
        when it is imported ``as`` another name).
    """
    tree = ast.parse(Path(init_file).read_text(encoding="utf-8"))
    table: dict[str, tuple[str, str]] = {}
    for node in tree.body:
        if not (isinstance(node, ast.If) and _is_type_checking(node.test)):
            continue
        for statement in node.body:
            if isinstance(statement, ast.ImportFrom) and statement.module and not statement.level:
                for alias in statement.names:
                    table[alias.asname or alias.name] = (statement.module, alias.name)
    return table


def attach(
    package: str, init_file: str | Path
) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """Return ``__getattr__``, ``__dir__`` and ``__all__`` for a lazily loaded package.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    init_file : str or pathlib.Path
        The package's ``__file__``.

    Returns
    -------
    tuple
        ``(__getattr__, __dir__, __all__)`` to assign at module level.
    """
    table = exports_of(init_file)

    def load(name: str) -> Any:
        try:
            module_name, attribute = table[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        if module_name == package:  # ``from toolkit import plots``: a subpackage of its own
            value: Any = importlib.import_module(f"{package}.{attribute}")
        else:
            value = getattr(importlib.import_module(module_name), attribute)
        setattr(sys.modules[package], name, value)  # later lookups skip this function
        return value

    def listing() -> list[str]:
        return sorted(set(table) | set(vars(sys.modules[package])))

    return load, listing, sorted(table)
