"""Writing a file the user named: never over their file or through a symlink unasked.

``write_atomically`` refuses a target that exists (or is a symlink, even a dangling one)
unless ``force`` is given, refuses a folder always, and writes through a temporary file in
the same folder that is renamed into place only once it is complete, so a failed write never
leaves a half-written file or replaces a good one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


class TargetExistsError(FileExistsError):
    """The target exists (or is a symlink) and ``force`` was not given."""


def check_target(path: str | Path, *, force: bool = False) -> Path:
    """Check that ``path`` may be written; return it as a Path.

    Parameters
    ----------
    path : str or pathlib.Path
        Where to write.
    force : bool, default False
        Allow replacing an existing file or symlink (the link itself is replaced; what it
        points at is never written).

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    IsADirectoryError
        If ``path`` is a folder.
    TargetExistsError
        If ``path`` exists or is a symlink and ``force`` is False.
    FileNotFoundError
        If the folder to write into does not exist.
    """
    path = Path(path)
    if path.is_dir() and not path.is_symlink():
        raise IsADirectoryError(f"{path} is a folder: name a file to write")
    if path.is_symlink() and not force:
        raise TargetExistsError(
            f"{path} is a symbolic link: refused (it could point anywhere); add --force to "
            "replace the link with a file"
        )
    if path.exists() and not force:
        raise TargetExistsError(f"{path} exists: add --force to replace it")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"no folder {path.parent} to write {path.name} into")
    return path


def write_atomically(
    path: str | Path,
    data: bytes | str | Callable[[Path], None],
    *,
    force: bool = False,
    encoding: str = "utf-8",
) -> Path:
    """Write ``data`` to ``path`` through a temporary file renamed into place.

    Parameters
    ----------
    path : str or pathlib.Path
        Where to write.
    data : bytes, str or callable
        The content, or a function that writes the temporary file whose path it is given.
    force : bool, default False
        Replace an existing file or symlink (never writing through the link).
    encoding : str, default "utf-8"
        For ``str`` data.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    IsADirectoryError, TargetExistsError, FileNotFoundError
        As ``check_target``.
    OSError
        If writing fails; nothing is left behind.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_atomically(folder / "a.txt", "hello").read_text()
    'hello'
    >>> write_atomically(folder / "a.txt", "again")
    Traceback (most recent call last):
    ...
    toolkit.safety.files.TargetExistsError: ... exists: add --force to replace it
    """
    path = check_target(path, force=force)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temp_path = Path(temporary)
    try:
        if callable(data):
            data(temp_path)
        elif isinstance(data, str):
            temp_path.write_bytes(data.encode(encoding))
        else:
            temp_path.write_bytes(data)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temp_path, 0o666 & ~mask)
        os.replace(temp_path, path)
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
    return path


__all__ = ["TargetExistsError", "check_target", "write_atomically"]
