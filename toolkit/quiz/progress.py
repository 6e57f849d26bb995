"""A learner's progress per lesson, and the cohort's reflections, as tables.

The numbers behind the dashboard and ``smlab progress``; :func:`reflections` is the
trainer's view of what learners wrote.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from toolkit.quiz.model import Bank
from toolkit.quiz.review import MASTERED_BOX
from toolkit.quiz.sanitize import to_plain_text
from toolkit.quiz.store import ProgressStore

__all__ = ["PROGRESS_COLUMNS", "REFLECTION_COLUMNS", "lesson_progress", "reflections"]

#: Columns of :func:`reflections`.
REFLECTION_COLUMNS = ("learner", "bank_id", "question_id", "prompt", "answer", "answered_at")

#: Columns of :func:`lesson_progress`.
PROGRESS_COLUMNS = (
    "bank_id",
    "title",
    "questions",
    "answered",
    "done",
    "best_score",
    "last_score",
    "mastered",
)


def lesson_progress(store: ProgressStore, learner: str, banks: Mapping[str, Bank]) -> pd.DataFrame:
    """Return the learner's progress in each lesson bank.

    Parameters
    ----------
    store : ProgressStore
        Where progress is kept.
    learner : str
        Whose progress.
    banks : mapping of str to Bank
        The course's banks by id, in the order to list them.

    Returns
    -------
    pandas.DataFrame
        One row per bank: ``bank_id``, ``title``, ``questions`` (graded questions),
        ``answered`` (of those, how many the learner has answered at least once), ``done``
        (the quiz was finished at least once), ``best_score`` and ``last_score`` (0 to 1,
        missing until done) and ``mastered`` (graded questions in Leitner box 4 or 5).

    Examples
    --------
    >>> from toolkit.quiz.store import ProgressStore
    >>> with ProgressStore(":memory:") as store:
    ...     lesson_progress(store, "ada", {}).columns.tolist()[:4]
    ['bank_id', 'title', 'questions', 'answered']
    """
    attempts = store.attempts(learner)
    graded = attempts[attempts["correct"].notna()]
    answered: dict[str, set[str]] = {}
    for bank_id, question_id in zip(graded["bank_id"], graded["question_id"], strict=True):
        answered.setdefault(str(bank_id), set()).add(str(question_id))
    completions = store.completions(learner)
    completions = completions[completions["mode"] != "review"]
    boxes = store.boxes(learner)
    rows: list[dict[str, Any]] = []
    for bank_id, bank in banks.items():
        ids = {q.id for q in bank.questions if q.graded}
        mine = completions[completions["bank_id"] == bank_id]
        rows.append(
            {
                "bank_id": bank_id,
                "title": to_plain_text(bank.title),
                "questions": len(ids),
                "answered": len(ids & answered.get(bank_id, set())),
                "done": not mine.empty,
                "best_score": float(mine["score"].max()) if not mine.empty else float("nan"),
                "last_score": float(mine["score"].iloc[-1]) if not mine.empty else float("nan"),
                "mastered": sum(
                    1
                    for b in boxes
                    if b.bank_id == bank_id and b.question_id in ids and b.box >= MASTERED_BOX
                ),
            }
        )
    frame = pd.DataFrame(rows, columns=list(PROGRESS_COLUMNS))
    return frame.astype(
        {
            "bank_id": "string",
            "title": "string",
            "questions": "int64",
            "answered": "int64",
            "done": "bool",
            "best_score": "float64",
            "last_score": "float64",
            "mastered": "int64",
        }
    )


def reflections(
    store: ProgressStore, banks: Mapping[str, Bank], learner: str | None = None
) -> pd.DataFrame:
    """Every reflection written, with who wrote it and when: the trainer's cohort view.

    Parameters
    ----------
    store : ProgressStore
        Where progress is kept.
    banks : mapping of str to Bank
        The course's banks by id: a question is a reflection if its bank says so.
    learner : str, optional
        Only this learner's reflections (default: every learner's).

    Returns
    -------
    pandas.DataFrame
        One row per answer, oldest first, with :data:`REFLECTION_COLUMNS`: the prompt as
        plain text and the answer as written.

    Examples
    --------
    >>> from toolkit.quiz.store import ProgressStore
    >>> with ProgressStore(":memory:") as store:
    ...     reflections(store, {}).columns.tolist()
    ['learner', 'bank_id', 'question_id', 'prompt', 'answer', 'answered_at']
    """
    prompts = {
        (bank_id, question.id): to_plain_text(question.prompt)
        for bank_id, bank in banks.items()
        for question in bank.questions
        if question.type == "reflection"
    }
    attempts = store.attempts(learner)
    keys = list(zip(attempts["bank_id"], attempts["question_id"], strict=True))
    mask = pd.Series([key in prompts for key in keys], index=attempts.index, dtype=bool)
    chosen = attempts.loc[mask].copy()
    chosen["prompt"] = [
        prompts[key] for key in zip(chosen["bank_id"], chosen["question_id"], strict=True)
    ]
    chosen["answer"] = chosen["response"].astype("string")
    return chosen.loc[:, list(REFLECTION_COLUMNS)].reset_index(drop=True)
