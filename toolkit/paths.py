"""Where the course's data lives: the checkout when run from one, else inside the wheel.

A checkout has ``datasets/``, ``quizzes/`` and ``notebooks/`` beside ``toolkit/``. An
installed wheel carries copies of them in ``toolkit/_data/``. Every reader of shipped data
goes through these functions, so both layouts work the same way.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT_ROOT = _PACKAGE_DIR.parent
_WHEEL_DATA = _PACKAGE_DIR / "_data"


def _locate(name: str) -> Path:
    """Return the folder ``name`` from the checkout if present, else from the wheel.

    Raises
    ------
    FileNotFoundError
        If neither layout holds the folder (a broken installation).
    """
    checkout = _CHECKOUT_ROOT / name
    if checkout.is_dir() and (_CHECKOUT_ROOT / "pyproject.toml").is_file():
        return checkout
    packaged = _WHEEL_DATA / name
    if packaged.is_dir():
        return packaged
    raise FileNotFoundError(
        f"cannot find the course's {name!r} folder: looked in {checkout} and {packaged}; "
        "reinstall service-improvement-lab"
    )


def datasets_dir() -> Path:
    """Return the folder holding the shipped CSV datasets.

    Returns
    -------
    pathlib.Path
        ``datasets/`` in a checkout, or the copy inside an installed wheel.

    Examples
    --------
    >>> (datasets_dir() / "README.md").is_file()
    True
    """
    return _locate("datasets")


def quizzes_dir() -> Path:
    """Return the folder holding the shipped YAML question banks.

    Returns
    -------
    pathlib.Path
        ``quizzes/`` in a checkout, or the copy inside an installed wheel.
    """
    return _locate("quizzes")


def notebooks_dir() -> Path:
    """Return the folder holding the lesson notebooks.

    Returns
    -------
    pathlib.Path
        ``notebooks/`` in a checkout, or the copy inside an installed wheel.
    """
    return _locate("notebooks")
