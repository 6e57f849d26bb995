"""Writing a file the user named: never over their file or through a symlink unasked.

``write_atomically`` refuses a target that exists (or is a symlink, even a dangling one)
unless ``force`` is given, refuses a folder always, and writes through a temporary file in
the same folder that is renamed into place only once it is complete, so a failed write never
leaves a half-written file or replaces a good one. A write the system refuses (a read-only
folder, a full disk) is a ``NotSavedError`` that says what was not saved, where, and why in
plain words (``plain_reason``), for a widget or a command to show.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


class TargetExistsError(FileExistsError):
    """The target exists (or is a symlink) and ``force`` was not given."""


#: Why a write failed, in plain words, by ``errno``.
_PLAIN_REASONS: dict[int, str] = {
    errno.EACCES: "permission denied (the folder or the file is read-only)",
    errno.EPERM: "permission denied (the folder or the file is read-only)",
    errno.EROFS: "the disk is read-only",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.ENOENT: "the folder does not exist",
    errno.EISDIR: "a folder has that name",
    errno.ENOTDIR: "part of the path is a file, not a folder",
    errno.EIO: "the disk reported an input/output error",
}
#: The same for SQLite's messages, which carry no errno.
_PLAIN_SQLITE: tuple[tuple[str, str], ...] = (
    ("readonly database", "permission denied (the file or its folder is read-only)"),
    ("unable to open database file", "the file cannot be created or opened there"),
    ("disk is full", "the disk is full"),
    ("disk i/o error", "the disk reported an input/output error"),
)


def plain_reason(exc: BaseException) -> str:
    """Say in plain words why a write failed: the OS reason, without codes or reprs.

    Parameters
    ----------
    exc : BaseException
        What the write raised: an ``OSError`` or an ``sqlite3`` error.

    Returns
    -------
    str
        For example ``"permission denied (the folder or the file is read-only)"`` or
        ``"the disk is full"``; otherwise the error's own text.

    Examples
    --------
    >>> plain_reason(OSError(errno.ENOSPC, "No space left on device"))
    'the disk is full'
    """
    if isinstance(exc, OSError) and exc.errno in _PLAIN_REASONS:
        return _PLAIN_REASONS[exc.errno]
    text = str(exc)
    for fragment, reason in _PLAIN_SQLITE:
        if fragment in text.lower():
            return reason
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[:1].lower() + exc.strerror[1:]
    return text or type(exc).__name__


class NotSavedError(OSError):
    """Something could not be written: what was not saved, where, and why in plain words.

    Parameters
    ----------
    what : str
        What was not saved, as a learner says it ("your answer", "the baseline").
    path : str or pathlib.Path or None
        Where it was to be written (None for a store that is not a file).
    reason : str
        Why, in plain words (see :func:`plain_reason`).
    where : str, optional
        How to name the place when it is not a file (a database server).
    message : str, optional
        The message, when not the default ``"<what> could not be saved to <path>: <reason>"``.
    errno_code : int, optional
        The OS error number, kept as ``errno``.

    Examples
    --------
    >>> str(NotSavedError("the baseline", "/data/b.json", "the disk is full"))
    'the baseline could not be saved to /data/b.json: the disk is full'
    """

    def __init__(
        self,
        what: str,
        path: str | Path | None,
        reason: str,
        *,
        where: str | None = None,
        message: str | None = None,
        errno_code: int | None = None,
    ) -> None:
        self.what = what
        self.path = Path(path) if path is not None else None
        self.reason = reason
        self.where = where if where is not None else str(path)
        super().__init__(message or f"{what} could not be saved to {self.where}: {reason}")
        self.errno = errno_code


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
    what: str = "the file",
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
    what : str, default "the file"
        What is written, as the error names it ("the baseline").

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    IsADirectoryError, TargetExistsError, FileNotFoundError
        As ``check_target``.
    NotSavedError
        If the system refuses the write (a read-only folder, a full disk): it names
        ``what``, ``path`` and the reason in plain words; nothing is left behind.

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
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
    except OSError as exc:
        raise NotSavedError(what, path, plain_reason(exc), errno_code=exc.errno) from exc
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
    except OSError as exc:
        temp_path.unlink(missing_ok=True)
        if isinstance(exc, NotSavedError):
            raise
        raise NotSavedError(what, path, plain_reason(exc), errno_code=exc.errno) from exc
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
    return path


__all__ = [
    "NotSavedError",
    "TargetExistsError",
    "check_target",
    "plain_reason",
    "write_atomically",
]
