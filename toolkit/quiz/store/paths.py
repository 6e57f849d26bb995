"""Where the progress store lives when no path is given."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

import platformdirs

__all__ = ["DATA_DIR_ENV", "STORE_FILE", "default_store_path"]

#: Environment variable naming the folder that holds the default store.
DATA_DIR_ENV: Final = "SMLAB_DATA_DIR"
#: The default store's file name.
STORE_FILE: Final = "progress.sqlite3"


def default_store_path() -> Path:
    """Return where the progress store lives unless a path is given.

    Returns
    -------
    pathlib.Path
        ``$SMLAB_DATA_DIR/progress.sqlite3`` if that variable is set, else
        ``progress.sqlite3`` in the user's data folder for ``service-improvement-lab``
        (from ``platformdirs``).

    Examples
    --------
    >>> default_store_path().name
    'progress.sqlite3'
    """
    folder = os.environ.get(DATA_DIR_ENV)
    if folder:
        return Path(folder).expanduser() / STORE_FILE
    return Path(platformdirs.user_data_dir("service-improvement-lab", appauthor=False)) / STORE_FILE
