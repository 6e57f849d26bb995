"""A cohort read by its trainer: who is where, which questions need mending, and the trend.

Pure computations on the frames the store returns (:meth:`ProgressStore.attempts`,
:meth:`~ProgressStore.completions`), so the terminal (``smlab cohort``), the notebook widget
(:class:`toolkit.widgets.CohortView`) and the tests share one source of truth:

- :func:`cohort_progress`: per learner per lesson, done / in progress / not started, points
  and reviews due;
- :func:`item_analysis`: per question, Moodle's facility and discrimination indices and the
  flags that say a question needs mending; :func:`option_picks`: how often each option was
  picked;
- :func:`weekly_scores` and :func:`weekly_chart`: the cohort's weekly score on an XmR chart
  (:func:`toolkit.analytics.spc.xmr`).

:func:`cohort_report` gathers all of it from a store; on a shared database only a trainer may
(see :mod:`toolkit.quiz.store.shared`).
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Final

import numpy as np
import pandas as pd

from toolkit.analytics.spc import IrregularDatesWarning, TrialLimitsWarning, xmr
from toolkit.quiz.store import ProgressStore

__all__ = [
    "DISCRIMINATION_WEAK",
    "FACILITY_TOO_EASY",
    "FACILITY_TOO_HARD",
    "CohortReport",
    "cohort_progress",
    "cohort_report",
    "first_attempts",
    "item_analysis",
    "option_picks",
    "weekly_chart",
    "weekly_scores",
]

#: Facility above this is "too easy": Moodle's quiz statistics help calls 90-94 "very easy"
#: and 95-100 "extremely easy" (docs.moodle.org, Quiz statistics calculations).
FACILITY_TOO_EASY: Final = 90.0
#: Facility below this is "too hard": Moodle's bands call 11-20 "difficult", 6-10 "very
#: difficult" and 5 or less "extremely difficult".
FACILITY_TOO_HARD: Final = 20.0
#: Discrimination below this means the strongest learners miss the question about as often
#: as the weakest (or more often): Moodle's bands call 0-19 "very weak, probably invalid" and
#: a negative index "invalid".
DISCRIMINATION_WEAK: Final = 20.0

_GRADED_MODES: Final = ("practice", "exam")
_STATUSES: Final = ("done", "in progress", "not started")


def _check(data: pd.DataFrame, columns: Iterable[str], func: str) -> None:
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{func}() needs a pandas DataFrame, not {type(data).__name__}")
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise ValueError(
            f"{func}(): the frame has no column {', '.join(repr(c) for c in missing)}; "
            f"its columns are {list(data.columns)} (expected the store's attempts frame)"
        )


def first_attempts(attempts: pd.DataFrame) -> pd.DataFrame:
    """Each learner's first graded attempt at each bank, first tries only.

    Moodle counts a quiz *attempt*; here an attempt is a session (``session_id``) of one bank
    in practice or exam mode, and the first one each learner started is kept (Moodle's "first
    attempt" choice; its report defaults to the quiz's grading method). Within it, each
    question's first try counts (a retry comes after the explanation was shown). Reviews mix
    banks and surveys are ungraded, so neither counts.

    Parameters
    ----------
    attempts : pandas.DataFrame
        The store's attempts (:meth:`ProgressStore.attempts`).

    Returns
    -------
    pandas.DataFrame
        The attempts kept, with a column ``sitting`` naming the attempt they belong to.

    Examples
    --------
    >>> first_attempts(ProgressStore(":memory:").attempts()).empty
    True
    """
    _check(
        attempts, ("learner", "bank_id", "session_id", "correct", "mode", "try"), "first_attempts"
    )
    graded = attempts[
        attempts["mode"].isin(_GRADED_MODES) & attempts["correct"].notna() & (attempts["try"] == 1)
    ].copy()
    session = graded["session_id"].astype("object").where(graded["session_id"].notna(), "")
    graded["sitting"] = graded["learner"].astype(str) + "\x1f" + session.astype(str)
    started = graded.groupby(["learner", "bank_id", "sitting"], observed=True)["answered_at"].min()
    first = started.reset_index().sort_values("answered_at").drop_duplicates(["learner", "bank_id"])
    kept = graded.merge(
        first[["learner", "bank_id", "sitting"]], on=["learner", "bank_id", "sitting"]
    )
    return kept.drop_duplicates(["sitting", "bank_id", "question_id"]).reset_index(drop=True)


def item_analysis(attempts: pd.DataFrame) -> pd.DataFrame:
    """Moodle's item analysis of every question: facility, discrimination and flags.

    Follows Moodle's quiz statistics (``question/classes/statistics/questions/calculator.php``,
    ``initial_question_walker`` and ``secondary_question_walker``):

    - the *facility index* is the mean mark on the question as a share of its maximum, x 100
      (a mark here is the answer's credit, 0 to 1);
    - the *discrimination index* is 100 x the correlation, over attempts, between the mark on
      the question and the rest of the attempt's total (the total minus this question's mark);
      it is blank (NaN) when either has no variance, as in Moodle.

    Attempts are chosen by :func:`first_attempts`; an unanswered question adds nothing to its
    attempt's total and the attempt does not count for it.

    Parameters
    ----------
    attempts : pandas.DataFrame
        The store's attempts.

    Returns
    -------
    pandas.DataFrame
        One row per question (``bank_id``, ``question_id``) with ``attempts``, ``facility``,
        ``sd`` (of the mark share, x 100), ``discrimination``, the flags ``too_easy``,
        ``too_hard`` and ``strongest_miss`` (see :data:`FACILITY_TOO_EASY`,
        :data:`FACILITY_TOO_HARD`, :data:`DISCRIMINATION_WEAK`), and ``flags`` in words.

    Raises
    ------
    ValueError
        If a column of the attempts frame is missing.

    Examples
    --------
    >>> list(item_analysis(ProgressStore(":memory:").attempts()).columns)[:5]
    ['bank_id', 'question_id', 'attempts', 'facility', 'sd']
    """
    _check(attempts, ("bank_id", "question_id", "credit"), "item_analysis")
    kept = first_attempts(attempts)
    mark = kept["credit"].astype(float)
    total = mark.groupby([kept["bank_id"], kept["sitting"]]).transform("sum")
    frame = pd.DataFrame(
        {
            "bank_id": kept["bank_id"].astype(str),
            "question_id": kept["question_id"].astype(str),
            "m": mark,
            "o": total - mark,
        }
    )
    frame["mm"], frame["oo"], frame["mo"] = (
        frame["m"] ** 2,
        frame["o"] ** 2,
        frame["m"] * frame["o"],
    )
    sums = frame.groupby(["bank_id", "question_id"], sort=True).agg(
        n=("m", "size"), m=("m", "sum"), o=("o", "sum"), mm=("mm", "sum"), oo=("oo", "sum"),
        mo=("mo", "sum"),
    )  # fmt: skip
    n = sums["n"].astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        denominator = (n - 1).where(n > 1)
        var_m = (sums["mm"] - sums["m"] ** 2 / n) / denominator
        var_o = (sums["oo"] - sums["o"] ** 2 / n) / denominator
        covariance = (sums["mo"] - sums["m"] * sums["o"] / n) / denominator
        product = (var_m * var_o).where((var_m > 1e-12) & (var_o > 1e-12))
        discrimination: pd.Series = 100 * covariance / product.pow(0.5)
    result = pd.DataFrame(
        {
            "attempts": sums["n"].astype("int64"),
            "facility": 100 * sums["m"] / n,
            "sd": 100 * var_m.clip(lower=0).pow(0.5),
            "discrimination": discrimination.astype(float),
        }
    ).reset_index()
    result["too_easy"] = result["facility"] > FACILITY_TOO_EASY
    result["too_hard"] = result["facility"] < FACILITY_TOO_HARD
    result["strongest_miss"] = result["discrimination"] < DISCRIMINATION_WEAK
    words = {"too_easy": "too easy", "too_hard": "too hard", "strongest_miss": "strongest miss it"}
    result["flags"] = [
        ", ".join(text for key, text in words.items() if row[key])
        for row in result[list(words)].to_dict("records")
    ]
    return result


def option_picks(attempts: pd.DataFrame) -> pd.DataFrame:
    """How often each option of each question was picked, in the attempts item analysis uses.

    A multiple-response answer counts once for each option it picks; the share is of the
    attempts at the question (so shares may add up to more than 1).

    Returns
    -------
    pandas.DataFrame
        ``bank_id, question_id, option, picks, share``, by question then most picked first.

    Examples
    --------
    >>> option_picks(ProgressStore(":memory:").attempts()).empty
    True
    """
    _check(attempts, ("bank_id", "question_id", "response"), "option_picks")
    kept = first_attempts(attempts)
    rows: list[tuple[str, str, str]] = []
    for bank, question, response in zip(
        kept["bank_id"], kept["question_id"], kept["response"], strict=True
    ):
        picked = response if isinstance(response, list) else [response]
        for option in dict.fromkeys(_option_text(value) for value in picked):
            rows.append((str(bank), str(question), option))
    picks = pd.DataFrame(rows, columns=["bank_id", "question_id", "option"])
    counts = picks.value_counts(["bank_id", "question_id", "option"]).rename("picks").reset_index()
    answered = kept.groupby(["bank_id", "question_id"]).size().rename("answered").reset_index()
    counts = counts.merge(answered, on=["bank_id", "question_id"], how="left")
    counts["share"] = counts["picks"] / counts["answered"]
    counts = counts.sort_values(
        ["bank_id", "question_id", "picks", "option"], ascending=[True, True, False, True]
    )
    return counts.drop(columns="answered").reset_index(drop=True).astype({"picks": "int64"})


def _option_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def cohort_progress(
    attempts: pd.DataFrame,
    completions: pd.DataFrame,
    due: pd.DataFrame,
    *,
    lessons: Iterable[str],
) -> pd.DataFrame:
    """Per learner per lesson: done, in progress or not started; points; reviews due.

    Parameters
    ----------
    attempts, completions : pandas.DataFrame
        The store's attempts and finished sessions.
    due : pandas.DataFrame
        ``learner, bank_id, due``: reviews due now per learner and bank.
    lessons : iterable of str
        The lessons (bank ids) to report, in order.

    Returns
    -------
    pandas.DataFrame
        One row per learner and lesson: ``learner, lesson, status`` (a category ordered
        done, in progress, not started), ``points``, ``reviews_due``.

    Examples
    --------
    >>> store = ProgressStore(":memory:")
    >>> cohort_progress(store.attempts(), store.completions(), pd.DataFrame(
    ...     columns=["learner", "bank_id", "due"]), lessons=["01-demo"]).empty
    True
    """
    _check(attempts, ("learner", "bank_id", "points"), "cohort_progress")
    order = list(dict.fromkeys(lessons))
    learners = sorted(
        set(attempts["learner"].astype(str)) | set(completions["learner"].astype(str))
    )
    grid = pd.MultiIndex.from_product([learners, order], names=["learner", "lesson"])
    key = [attempts["learner"].astype(str), attempts["bank_id"].astype(str)]
    points = attempts["points"].groupby(key).sum().rename_axis(["learner", "lesson"])
    started = attempts.groupby(key).size().rename_axis(["learner", "lesson"])
    finished = completions[completions["mode"] != "review"]
    done = set(zip(finished["learner"].astype(str), finished["bank_id"].astype(str), strict=True))
    due_counts = due.groupby([due["learner"].astype(str), due["bank_id"].astype(str)])["due"].sum()
    due_counts = due_counts.rename_axis(["learner", "lesson"])
    frame = pd.DataFrame(index=grid).reset_index()
    index = pd.MultiIndex.from_frame(frame[["learner", "lesson"]])
    status = np.where(
        [pair in done for pair in index],
        "done",
        np.where(started.reindex(index).notna().to_numpy(), "in progress", "not started"),
    )
    frame["status"] = pd.Categorical(status, categories=list(_STATUSES), ordered=True)
    frame["points"] = points.reindex(index).fillna(0).astype("int64").to_numpy()
    frame["reviews_due"] = due_counts.reindex(index).fillna(0).astype("int64").to_numpy()
    return frame


def weekly_scores(attempts: pd.DataFrame) -> pd.DataFrame:
    """The cohort's score each week: the mean credit of graded first tries, x 100.

    Returns
    -------
    pandas.DataFrame
        ``week`` (the Monday starting it, UTC), ``score`` (0 to 100), ``answers``; weeks with
        no answer between the first and the last are left out.

    Examples
    --------
    >>> weekly_scores(ProgressStore(":memory:").attempts()).empty
    True
    """
    _check(attempts, ("credit", "answered_at", "mode", "correct", "try"), "weekly_scores")
    graded = attempts[
        attempts["mode"].isin(_GRADED_MODES) & attempts["correct"].notna() & (attempts["try"] == 1)
    ]
    days = graded["answered_at"].dt.tz_convert("UTC").dt.tz_localize(None).dt.normalize()
    week = days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    grouped = graded["credit"].astype(float).groupby(week.rename("week"))
    frame = pd.DataFrame({"score": grouped.mean() * 100, "answers": grouped.size()}).reset_index()
    return frame.astype({"answers": "int64"})


def weekly_chart(weekly: pd.DataFrame) -> pd.DataFrame | None:
    """The weekly scores on an XmR chart (:func:`toolkit.analytics.spc.xmr`), if there are 2+.

    With fewer than 12 weeks the limits are trial limits, and weeks without answers are
    skipped: a cohort's first weeks are exactly that, so neither is warned about here (the
    views say "trial limits" instead).

    Examples
    --------
    >>> weekly_chart(pd.DataFrame({"week": [], "score": []})) is None
    True
    """
    if len(weekly) < 2:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TrialLimitsWarning)
        warnings.simplefilter("ignore", IrregularDatesWarning)
        return xmr(weekly, value="score", date="week", improvement="increase")


@dataclass(frozen=True)
class CohortReport:
    """Everything a trainer's cohort view shows, computed once.

    Attributes
    ----------
    progress : pandas.DataFrame
        :func:`cohort_progress`.
    items : pandas.DataFrame
        :func:`item_analysis`.
    picks : pandas.DataFrame
        :func:`option_picks`.
    weekly : pandas.DataFrame
        :func:`weekly_scores`.
    chart : pandas.DataFrame or None
        :func:`weekly_chart` (``None`` with fewer than two weeks).
    """

    progress: pd.DataFrame
    items: pd.DataFrame
    picks: pd.DataFrame
    weekly: pd.DataFrame
    chart: pd.DataFrame | None

    @property
    def learners(self) -> list[str]:
        """The learners in the report, sorted."""
        return sorted(set(self.progress["learner"]))


def cohort_report(
    store: ProgressStore, *, lessons: Iterable[str], now: datetime, lesson: str | None = None
) -> CohortReport:
    """Read the cohort from ``store`` and compute the whole report.

    Parameters
    ----------
    store : ProgressStore
        The store; on a shared database a learner who is not a trainer sees only themself.
    lessons : iterable of str
        The lessons (bank ids) in the progress table.
    now : datetime
        When reviews are counted as due.
    lesson : str, optional
        Only this lesson (bank id).

    Returns
    -------
    CohortReport

    Examples
    --------
    >>> from datetime import UTC
    >>> cohort_report(ProgressStore(":memory:"), lessons=["01-demo"],
    ...               now=datetime(2026, 1, 5, tzinfo=UTC)).learners
    []
    """
    attempts = store.attempts()
    completions = store.completions()
    if lesson is not None:
        attempts = attempts[attempts["bank_id"] == lesson]
        completions = completions[completions["bank_id"] == lesson]
        lessons = [lesson]
    rows = [
        (name, box.bank_id)
        for name in store.learners()
        for box in store.due_reviews(name, now)
        if lesson is None or box.bank_id == lesson
    ]
    due = pd.DataFrame(rows, columns=["learner", "bank_id"]).assign(due=1)
    weekly = weekly_scores(attempts)
    return CohortReport(
        progress=cohort_progress(attempts, completions, due, lessons=lessons),
        items=item_analysis(attempts),
        picks=option_picks(attempts),
        weekly=weekly,
        chart=weekly_chart(weekly),
    )
