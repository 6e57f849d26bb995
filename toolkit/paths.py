"""Where the course's data lives: the checkout when run from one, else inside the wheel.

A checkout has ``datasets/``, ``quizzes/`` and ``notebooks/`` beside ``toolkit/``. An
installed wheel carries copies of them in ``toolkit/_data/``. Every reader of shipped data
goes through these functions, so both layouts work the same way.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import platformdirs

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


#: Environment variable naming the folder the course runs from (the workspace).
WORKSPACE_ENV = "SMLAB_WORKSPACE"
#: Environment variable naming the learner's data folder (progress, and the workspace).
DATA_DIR_ENV = "SMLAB_DATA_DIR"
#: Environment variable that turns projector mode on (``smlab lab --present`` sets it for
#: the server, whose kernels inherit it; :func:`toolkit.present` sets it in a kernel).
PRESENT_ENV = "SMLAB_PRESENT"


def presenting() -> bool:
    """Return whether the course is shown on a projector (``$SMLAB_PRESENT`` is set).

    In projector mode text is at least 24 px, charts are drawn larger and fill the width,
    the host panel fits one screen and a learner's own points, level and badges are hidden.

    Returns
    -------
    bool
        True when ``$SMLAB_PRESENT`` is set to anything but ``""``, ``"0"`` or ``"false"``.

    Examples
    --------
    >>> os.environ[PRESENT_ENV] = "1"
    >>> presenting()
    True
    >>> del os.environ[PRESENT_ENV]
    >>> presenting()
    False
    """
    return os.environ.get(PRESENT_ENV, "").strip().lower() not in ("", "0", "false", "no")


def workspace_dir() -> Path:
    """Return the folder the course runs from: a copy of the lessons the learner can change.

    The lessons run from here, never from the checkout or the installed package, so
    JupyterLab's autosave, a saved baseline or a results file never touch the repository.

    Returns
    -------
    pathlib.Path
        ``$SMLAB_WORKSPACE`` if set, else ``workspace`` in ``$SMLAB_DATA_DIR`` if set, else
        ``workspace`` in the user's data folder for ``service-improvement-lab``.

    Examples
    --------
    >>> import os
    >>> os.environ[WORKSPACE_ENV] = "/tmp/smlab-ws"
    >>> workspace_dir().as_posix()
    '/tmp/smlab-ws'
    >>> del os.environ[WORKSPACE_ENV]
    """
    chosen = os.environ.get(WORKSPACE_ENV)
    if chosen:
        return Path(chosen).expanduser()
    data = os.environ.get(DATA_DIR_ENV)
    if data:
        return Path(data).expanduser() / "workspace"
    return Path(platformdirs.user_data_dir("service-improvement-lab", appauthor=False)) / (
        "workspace"
    )


def prepare_workspace(target: Path | None = None) -> Path:
    """Copy the lessons into the workspace (missing files only) and return its path.

    A learner's own edits are never overwritten: a lesson already in the workspace is left
    as it is.

    Parameters
    ----------
    target : pathlib.Path, optional
        The workspace; :func:`workspace_dir` by default.

    Returns
    -------
    pathlib.Path
        The workspace, holding every lesson notebook.

    Raises
    ------
    OSError
        If the folder cannot be made or written.
    """
    folder = target if target is not None else workspace_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for item in notebooks_dir().iterdir():
        destination = folder / item.name
        if item.is_file() and not destination.exists():
            shutil.copy2(item, destination)
    return folder


def shown_path(path: str | Path, root: str | Path | None = None) -> str:
    """Return ``path`` as a learner should read it: relative to ``root`` when inside it.

    Parameters
    ----------
    path : str or pathlib.Path
        A file that was saved.
    root : str or pathlib.Path, optional
        The folder names are shown relative to: the current folder (the workspace, when the
        course runs from it) by default.

    Returns
    -------
    str
        ``results.csv`` for a file in ``root``; otherwise the full path, with the home
        folder written ``~``.

    Examples
    --------
    >>> shown_path("/work/space/results.csv", root="/work/space")
    'results.csv'
    """
    full = Path(path).expanduser()
    base = Path(root) if root is not None else Path.cwd()
    full = full if full.is_absolute() else base / full
    try:
        return full.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        home = Path.home().resolve()
        resolved = full.resolve()
        if resolved.is_relative_to(home):
            return "~/" + resolved.relative_to(home).as_posix()
        return resolved.as_posix()
