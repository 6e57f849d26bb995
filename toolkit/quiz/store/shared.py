"""A shared database: opening it by URL, and who may write and read which learner's rows.

On a cohort's shared database each learner records only their own answers and reads only
their own progress; a trainer reads the whole cohort. The rules are kept by the store's API
(:class:`Access`): they stop a notebook from writing or showing someone else's progress by
mistake. They are not a security boundary against a learner who holds the database URL and
connects with another client; for that give each learner a database role and turn on row
level security (see ``deploy/README.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toolkit.quiz.store.dialect import Connection, Dialect
from toolkit.quiz.store.records import StoreError

__all__ = ["Access", "open_shared", "where"]


@dataclass(frozen=True, slots=True)
class Access:
    """Whose rows a store may write and read.

    Attributes
    ----------
    user : str or None
        Who is using the store; ``None`` for a private file, where no rule applies.
    trainer : bool
        Whether ``user`` may read (and record for) everyone.

    Examples
    --------
    >>> Access("ada", trainer=False).reader(None, "db")
    'ada'
    >>> Access("grace", trainer=True).reader(None, "db") is None
    True
    """

    user: str | None
    trainer: bool = False

    @classmethod
    def unrestricted(cls) -> Access:
        """A private file or memory store: every row may be written and read."""
        return cls(None, trainer=True)

    def check_write(self, learner: str, where: str) -> None:
        """Refuse to record ``learner``'s answer for someone else.

        Raises
        ------
        StoreError
            If ``learner`` is not the user and the user is not a trainer.
        """
        if self.user is not None and not self.trainer and learner != self.user:
            raise StoreError(
                f"{self.user} cannot record progress for {learner} in the shared progress "
                f"database {where}: each learner records only their own answers"
            )

    def reader(self, learner: str | None, where: str) -> str | None:
        """The learner a read is limited to: a learner reads only their own rows.

        Raises
        ------
        StoreError
            If a learner who is not a trainer asks for someone else's progress.
        """
        if self.user is None or self.trainer:
            return learner
        if learner is None or learner == self.user:
            return self.user
        raise StoreError(
            f"{self.user} cannot see the progress of {learner} in the shared progress "
            f"database {where}: only trainers see the cohort"
        )

    def visible(self, names: list[str]) -> list[str]:
        """The learner names this user may see."""
        if self.user is None or self.trainer:
            return names
        return [name for name in names if name == self.user]


def open_shared(url: str) -> tuple[Connection, Dialect]:
    """Connect to the shared database at ``url``; return the connection and its dialect.

    Raises
    ------
    StoreError
        If the URL's scheme is not a supported database, or the server cannot be reached.
    """
    from toolkit.quiz.store.postgres import connect_postgres, is_postgres_url, safe_url

    if not is_postgres_url(url):
        raise StoreError(
            f"cannot open the progress store {safe_url(url)}: give a file path, "
            "'sqlite:///path' or a 'postgresql://' URL"
        )
    connection = connect_postgres(url)
    return connection, connection.dialect


def where(path: Path | None, url: str | None) -> str:
    """How messages name the store: its file, its URL without the password, or memory."""
    if path is not None:
        return str(path)
    if url is not None:
        from toolkit.quiz.store.postgres import safe_url

        return safe_url(url)
    return ":memory:"
