"""Learner progress: attempts, Leitner boxes and badges in a database that survives crashes.

The back end is SQLite (:mod:`toolkit.quiz.store.sqlite`); what it keeps, and the errors it
raises, are the same for any back end (:mod:`toolkit.quiz.store.records`). Import from here::

    from toolkit.quiz.store import AttemptRecord, ProgressStore, StoreError
"""

from toolkit.quiz.store.paths import default_store_path
from toolkit.quiz.store.records import (
    AttemptRecord,
    BoxState,
    Completion,
    EarnedBadge,
    StoreError,
    StoreRecoveredWarning,
    StoreWriteError,
)
from toolkit.quiz.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from toolkit.quiz.store.sqlite import ProgressStore

__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AttemptRecord",
    "BoxState",
    "Completion",
    "EarnedBadge",
    "ProgressStore",
    "StoreError",
    "StoreRecoveredWarning",
    "StoreWriteError",
    "default_store_path",
]
