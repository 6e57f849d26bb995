"""Which database the store opens, who is writing, and who may see the cohort.

One learner alone keeps the SQLite file of :func:`~toolkit.quiz.store.paths.default_store_path`;
a cohort shares one PostgreSQL database named by a URL. The URL comes from, in order: the
argument given to the store, ``$SMLAB_DATABASE_URL``, or ``database_url`` in the config file
``config.toml`` in the user's config folder (``$SMLAB_CONFIG`` names another file)::

    database_url = "postgresql://smlab:secret@db.example.org/course"
    trainers = ["grace", "alan"]

The learner is ``$SMLAB_LEARNER``, else the hub user ``$JUPYTERHUB_USER``, else the OS user.
Trainers are the names in ``trainers`` (config file) or ``$SMLAB_TRAINERS`` (comma-separated):
on a shared database only they see the whole cohort; everyone else sees their own progress.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Any, Final

import platformdirs

from toolkit.quiz.store.records import StoreError
from toolkit.safety.reader import InputError, MissingInputError, read_toml

__all__ = [
    "CONFIG_ENV",
    "DATABASE_URL_ENV",
    "HUB_USER_ENV",
    "LEARNER_ENV",
    "TRAINERS_ENV",
    "config_path",
    "current_user",
    "database_url",
    "read_config",
    "trainers",
]

#: Environment variable holding the shared database's URL.
DATABASE_URL_ENV: Final = "SMLAB_DATABASE_URL"
#: Environment variable naming another config file.
CONFIG_ENV: Final = "SMLAB_CONFIG"
#: Environment variable naming the learner explicitly.
LEARNER_ENV: Final = "SMLAB_LEARNER"
#: The user name JupyterHub gives each single-user server.
HUB_USER_ENV: Final = "JUPYTERHUB_USER"
#: Environment variable listing trainers, comma-separated.
TRAINERS_ENV: Final = "SMLAB_TRAINERS"


def config_path() -> Path:
    """The config file: ``$SMLAB_CONFIG``, else ``config.toml`` in the user's config folder.

    Examples
    --------
    >>> config_path().name
    'config.toml'
    """
    named = os.environ.get(CONFIG_ENV, "").strip()
    if named:
        return Path(named).expanduser()
    folder = platformdirs.user_config_dir("service-improvement-lab", appauthor=False)
    return Path(folder) / "config.toml"


def read_config() -> dict[str, Any]:
    """The config file's settings (empty when there is no file).

    Raises
    ------
    StoreError
        If the file is not valid TOML (the message names the file and the line).
    """
    path = config_path()
    try:
        return read_toml(path, kind="config")  # a regular file, small, UTF-8, not too deep
    except MissingInputError:
        return {}
    except InputError as exc:
        raise StoreError(f"the config file {exc}", path=path) from None


def database_url() -> str | None:
    """The shared database's URL from the environment or the config file, if any.

    Examples
    --------
    >>> import os; os.environ["SMLAB_DATABASE_URL"] = "postgresql://db/course"
    >>> database_url()
    'postgresql://db/course'
    >>> del os.environ["SMLAB_DATABASE_URL"]
    """
    url = os.environ.get(DATABASE_URL_ENV, "").strip()
    if url:
        return url
    value = read_config().get("database_url")
    return str(value).strip() or None if value is not None else None


def current_user() -> str:
    """The learner at the keyboard: ``$SMLAB_LEARNER``, ``$JUPYTERHUB_USER``, the OS user.

    Examples
    --------
    >>> isinstance(current_user(), str)
    True
    """
    for variable in (LEARNER_ENV, HUB_USER_ENV):
        name = os.environ.get(variable, "").strip()
        if name:
            return name
    try:
        return getpass.getuser() or "learner"
    except (OSError, KeyError):  # pragma: no cover - no user name in this environment
        return "learner"


def trainers() -> frozenset[str]:
    """The names allowed to see the whole cohort (config ``trainers`` and ``$SMLAB_TRAINERS``).

    Examples
    --------
    >>> import os; os.environ["SMLAB_TRAINERS"] = "grace, alan"
    >>> sorted(trainers())
    ['alan', 'grace']
    >>> del os.environ["SMLAB_TRAINERS"]
    """
    names = {n.strip() for n in os.environ.get(TRAINERS_ENV, "").split(",") if n.strip()}
    listed = read_config().get("trainers", [])
    if isinstance(listed, str) or not isinstance(listed, list):
        raise StoreError(
            f"'trainers' in the config file {config_path()} must be a list of names, "
            f'like trainers = ["grace"]',
            path=config_path(),
        )
    names.update(str(name).strip() for name in listed if str(name).strip())
    return frozenset(names)
