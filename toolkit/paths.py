"""Where the course's data lives: the checkout when run from one, else inside the wheel.

A checkout has ``datasets/``, ``quizzes/`` and ``notebooks/`` beside ``toolkit/``. An
installed wheel carries copies of them in ``toolkit/_data/``. Every reader of shipped data
goes through these functions, so both layouts work the same way.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
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


#: The workspace's record of each lesson as it was copied (its cell sources' fingerprint), so a
#: lesson the learner has not edited can be replaced when the course is updated.
MANIFEST = ".smlab-lessons.json"
#: Added to a lesson's name for the course's new version when the learner's copy has edits.
NEW_VERSION = " (new version)"


@dataclass(frozen=True)
class WorkspaceReport:
    """What :func:`refresh_workspace` did.

    Attributes
    ----------
    folder : pathlib.Path
        The workspace.
    copied : tuple of str
        Lessons copied for the first time.
    updated : tuple of str
        Lessons the course changed and the learner had not: replaced by the new version.
    kept : tuple of str
        Lessons the course changed and the learner had edited: left as they are, with the
        new version beside them as ``<name> (new version).ipynb``.
    """

    folder: Path
    copied: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()

    def notices(self) -> list[str]:
        """Return a sentence for each lesson a learner should know about."""
        return [
            f"{name} has a new version; your copy has your edits, so it is kept and the new "
            f"version is beside it as {_new_version_name(name)}."
            for name in self.kept
        ] + [f"{name} was updated to the course's new version." for name in self.updated]


def _new_version_name(name: str) -> str:
    path = Path(name)
    return f"{path.stem}{NEW_VERSION}{path.suffix}"


def _fingerprint(path: Path) -> str:
    """Return what identifies ``path``'s content: a notebook's cell sources, else its bytes.

    Outputs and metadata are left out, so a lesson that has only been run (and autosaved with
    its outputs) still counts as unedited.
    """
    data = path.read_bytes()
    if path.suffix == ".ipynb":
        try:
            cells = json.loads(data)["cells"]
            sources = [[cell.get("cell_type"), "".join(cell.get("source", ""))] for cell in cells]
            data = json.dumps(sources, ensure_ascii=False).encode("utf-8")
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # not a notebook we can read: its bytes identify it
    return hashlib.sha256(data).hexdigest()


def _read_manifest(folder: Path) -> dict[str, str]:
    try:
        recorded = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(recorded, dict):
        return {}
    return {str(name): str(print_) for name, print_ in recorded.items()}


def refresh_workspace(target: Path | None = None) -> WorkspaceReport:
    """Bring the workspace up to date with the course, never losing a learner's edits.

    A lesson missing from the workspace is copied. A lesson the course has changed is
    replaced when the learner has not edited it since it was copied (running it and saving
    its outputs is not an edit); when they have, their copy is kept and the new version is
    put beside it. The workspace records each lesson's fingerprint in ``.smlab-lessons.json``.

    Parameters
    ----------
    target : pathlib.Path, optional
        The workspace; :func:`workspace_dir` by default.

    Returns
    -------
    WorkspaceReport
        What was copied, updated and kept.

    Raises
    ------
    OSError
        If the folder cannot be made or written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     first = refresh_workspace(Path(folder))
    ...     again = refresh_workspace(Path(folder))
    >>> "00-start-here.ipynb" in first.copied, again.copied, again.updated
    (True, (), ())
    """
    folder = target if target is not None else workspace_dir()
    folder.mkdir(parents=True, exist_ok=True)
    recorded = _read_manifest(folder)
    manifest: dict[str, str] = {}
    copied: list[str] = []
    updated: list[str] = []
    kept: list[str] = []
    for item in sorted(notebooks_dir().iterdir()):
        if not item.is_file():
            continue
        shipped = _fingerprint(item)
        destination = folder / item.name
        if not destination.exists():
            shutil.copy2(item, destination)
            copied.append(item.name)
        else:
            current = _fingerprint(destination)
            if current != shipped:
                if recorded.get(item.name) == current:
                    shutil.copy2(item, destination)
                    updated.append(item.name)
                else:
                    shutil.copy2(item, folder / _new_version_name(item.name))
                    kept.append(item.name)
                    if item.name in recorded:
                        manifest[item.name] = recorded[item.name]
                    continue
        manifest[item.name] = shipped
    partial = folder / f"{MANIFEST}.tmp"
    partial.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    partial.replace(folder / MANIFEST)  # whole or not at all
    return WorkspaceReport(folder, tuple(copied), tuple(updated), tuple(kept))


def prepare_workspace(target: Path | None = None) -> Path:
    """Bring the workspace up to date (see :func:`refresh_workspace`) and return its path.

    A learner's own edits are never overwritten.

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
    return refresh_workspace(target).folder


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
