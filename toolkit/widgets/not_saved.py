"""What a widget says when saving failed: what was not saved, where, and why, in plain words.

The engine raises a :class:`~toolkit.safety.files.NotSavedError` (the progress store's
:class:`~toolkit.quiz.store.StoreWriteError` is one); every widget that saves turns it into
one sentence here, so a read-only folder or a full disk reads the same everywhere and never
as "saved" or a traceback.
"""

from __future__ import annotations

import html
from pathlib import Path

from toolkit.paths import shown_path, workspace_dir
from toolkit.quiz.store import default_store_path
from toolkit.safety.files import NotSavedError

__all__ = ["not_saved_html", "not_saved_text", "shown_where"]


def shown_where(path: Path | None, where: str = "") -> str:
    """Name a place for a learner: relative to their workspace or data folder when inside it.

    Parameters
    ----------
    path : pathlib.Path or None
        The file; None for a place that is not a file.
    where : str, optional
        How to name a place that is not a file (a database server).

    Returns
    -------
    str
        ``"results.csv in your workspace"``, ``"progress.sqlite3 in your data folder"``,
        or the path as :func:`toolkit.paths.shown_path` writes it.

    Examples
    --------
    >>> shown_where(None, "the shared database")
    'the shared database'
    """
    if path is None:
        return where or "the store"
    full = Path(path).expanduser().resolve()
    for root, label in (
        (workspace_dir(), "your workspace"),
        (default_store_path().parent, "your data folder"),
    ):
        try:
            inside = full.relative_to(root.expanduser().resolve())
        except ValueError:
            continue
        return f"{inside.as_posix()} in {label}"
    return shown_path(full)


def not_saved_text(error: NotSavedError, *, then: str = "") -> str:
    """One sentence saying what was not saved, where and why (plain text, not HTML).

    Parameters
    ----------
    error : NotSavedError
        What the engine raised.
    then : str, optional
        What to do next, appended as its own sentence ("Try again.").

    Returns
    -------
    str
        For example "Your answer was not saved to progress.sqlite3 in your data folder:
        permission denied (the folder or the file is read-only)."

    Examples
    --------
    >>> error = NotSavedError("the results", None, "the disk is full", where="the server")
    >>> not_saved_text(error)
    'The results were not saved to the server: the disk is full.'
    """
    what = error.what[:1].upper() + error.what[1:]
    plural = error.what.split()[-1].endswith("s") and not error.what.endswith("progress")
    verb = "were" if plural else "was"
    sentence = f"{what} {verb} not saved to {shown_where(error.path, error.where)}: {error.reason}."
    return f"{sentence} {then}".strip()


def not_saved_html(error: NotSavedError, *, then: str = "") -> str:
    """:func:`not_saved_text`, escaped for an HTML widget, with "Not saved" in bold."""
    return f"<b>Not saved:</b> {html.escape(not_saved_text(error, then=then))}"
