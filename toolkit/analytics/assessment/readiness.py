"""Scoring the self-assessment into readiness, and keeping it as a dated baseline to compare.

:func:`csf_assessment` scores the answers; :func:`save_baseline` and :func:`load_baseline`
keep an assessment as JSON; :func:`compare_to_baseline` shows what moved since.
"""

from __future__ import annotations

import json
import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from toolkit.analytics.assessment._common import _FACTOR_COLUMNS, _check_factors
from toolkit.analytics.assessment.factors import (
    ANSWER_SCALE,
    MAX_SCORE,
    WORD_SCORES,
    answer_score,
    load_critical_success_factors,
)
from toolkit.safety.files import write_atomically
from toolkit.safety.reader import read_json

_BASELINE_KIND = "smlab-csf-assessment"
_BASELINE_VERSION = 1


def _answer_text(answer: object, score: float) -> str:
    """The answer as canonical text: the word in lower case, or the number without noise."""
    if isinstance(answer, str):
        return answer.strip().lower()
    return f"{score:g}"


def _per_factor(
    name: str,
    value: float | Mapping[str, float] | None,
    answered: list[str],
    known: set[str],
    *,
    default: float,
    low: float,
    high: float | None,
) -> dict[str, float]:
    """Expand a scalar or mapping argument to one checked number per answered factor."""
    if value is None:
        return dict.fromkeys(answered, default)
    if isinstance(value, Mapping):
        unknown = sorted(set(value) - known)
        if unknown:
            raise ValueError(
                f"{name} names unknown factor id {unknown[0]!r}; known ids: {sorted(known)}"
            )
        missing = [f for f in answered if f not in value]
        if missing:
            raise ValueError(
                f"{name} does not match the answers: no {name} for answered factor(s) {missing}"
            )
        chosen: dict[str, object] = {f: value[f] for f in answered}
    else:
        chosen = dict.fromkeys(answered, value)
    checked: dict[str, float] = {}
    span = f"from {low:g} to {high:g}" if high is not None else f"of at least {low:g}"
    for factor_id, number in chosen.items():
        if isinstance(number, bool) or not isinstance(number, numbers.Real):
            raise ValueError(f"{name} for {factor_id!r} is {number!r}: expected a number {span}")
        as_float = float(number)
        if math.isnan(as_float) or as_float < low or (high is not None and as_float > high):
            raise ValueError(f"{name} for {factor_id!r} is {number!r}: expected a number {span}")
        if math.isinf(as_float):
            raise ValueError(f"{name} for {factor_id!r} is infinite: expected a number {span}")
        checked[factor_id] = as_float
    return checked


@dataclass(frozen=True, eq=False)
class CSFAssessment:
    """A scored self-assessment of the critical success factors.

    Attributes
    ----------
    frame : pandas.DataFrame
        Indexed by factor id, in the factors' order, one row per answered factor: ``name``,
        ``theme``, ``answer`` (as given, as text), ``score`` (0-4), ``target`` (0-4),
        ``gap`` (target minus score; negative when ahead of target) and ``weight``.
    readiness : float
        The weighted mean score as a percentage of the maximum: 0 (nothing in place) to 100.
    target_readiness : float
        The same for the targets: where you want to be.
    assessed_on : datetime.date
        When the assessment was made.
    unanswered : tuple of str
        Ids of factors left unanswered (not counted in readiness).
    """

    frame: pd.DataFrame
    readiness: float
    target_readiness: float
    assessed_on: date
    unanswered: tuple[str, ...] = field(default=())
    factors: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def level(self) -> str:
        """The readiness in words: the answer-scale word nearest the mean score."""
        return ANSWER_SCALE[round(self.readiness / 100 * MAX_SCORE)]

    def by_theme(self) -> pd.DataFrame:
        """Return weighted mean score, target and gap per theme, in the factors' order.

        Returns
        -------
        pandas.DataFrame
            Indexed by theme with columns ``score``, ``target``, ``gap`` and ``factors``
            (how many answered factors the theme holds).
        """
        frame = self.frame
        rows = {}
        for theme, part in frame.groupby("theme", sort=False):
            weights = part["weight"].to_numpy(dtype=float)
            total = weights.sum()
            if total == 0:
                weights, total = np.ones(len(part)), float(len(part))
            score = float((part["score"].to_numpy(dtype=float) * weights).sum() / total)
            target = float((part["target"].to_numpy(dtype=float) * weights).sum() / total)
            rows[str(theme)] = {
                "score": score,
                "target": target,
                "gap": target - score,
                "factors": len(part),
            }
        result = pd.DataFrame.from_dict(rows, orient="index")
        result.index.name = "theme"
        return result

    def priorities(self, n: int = 5) -> pd.DataFrame:
        """Return the factors furthest below target, largest weighted gap first.

        Parameters
        ----------
        n : int
            How many to return (fewer when fewer factors are below target).

        Returns
        -------
        pandas.DataFrame
            Rows of :attr:`frame` with ``gap > 0``, with a ``weighted_gap`` column.
        """
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        below = self.frame[self.frame["gap"] > 0].copy()
        below["weighted_gap"] = below["gap"] * below["weight"]
        order = below.sort_values("weighted_gap", ascending=False, kind="stable")
        return order.head(n)

    def save(self, path: str | Path, *, overwrite: bool = False) -> Path:
        """Save this assessment as a dated baseline; see :func:`save_baseline`."""
        return save_baseline(self, path, overwrite=overwrite)

    def compare(self, baseline: CSFAssessment) -> BaselineComparison:
        """Compare this assessment with an earlier one; see :func:`compare_to_baseline`."""
        return compare_to_baseline(self, baseline)


def csf_assessment(
    answers: Mapping[str, object] | pd.Series,
    *,
    weights: Mapping[str, float] | None = None,
    target: float | Mapping[str, float] | None = None,
    factors: pd.DataFrame | None = None,
    assessed_on: date | None = None,
) -> CSFAssessment:
    """Score a self-assessment of the critical success factors.

    Parameters
    ----------
    answers : mapping or pandas.Series
        Factor id -> answer: a number from 0 to 4, or ``"yes"``/``"partly"``/``"no"``
        (scored 4, 2, 0). None or NaN leaves a factor unanswered; unanswered factors are
        listed in ``unanswered`` and left out of readiness.
    weights : mapping, optional
        Factor id -> weight (a number >= 0) for every answered factor; equal weights when
        None. Weights change readiness and the priority order, not the scores.
    target : float or mapping, optional
        The score you aim for (0-4): one number for every factor, or factor id -> target
        for every answered factor. Default 4 (fully in place).
    factors : pandas.DataFrame, optional
        The factors to assess, with columns ``id``, ``name`` and ``theme``; the shipped
        :func:`load_critical_success_factors` when None. Add organisation-specific factors
        here.
    assessed_on : datetime.date, optional
        The assessment's date; today when None.

    Returns
    -------
    CSFAssessment
        Per-factor score, target and gap in ``frame``, overall ``readiness`` (0-100).

    Raises
    ------
    ValueError
        For an unknown factor id, an answer that is not on the scale, no answers at all,
        weights or targets that do not match the answered factors or are out of range, or
        weights that are all zero.

    Examples
    --------
    >>> result = csf_assessment({"baseline": "partly", "front-door": 4}, target=3)
    >>> result.frame.loc["baseline", ["score", "target", "gap"]].tolist()
    [2.0, 3.0, 1.0]
    >>> result.readiness
    75.0
    """
    table = load_critical_success_factors() if factors is None else factors
    _check_factors(table)
    if isinstance(answers, pd.Series):
        answers = {str(k): v for k, v in answers.items()}
    if not isinstance(answers, Mapping):
        raise ValueError(
            f"answers must be a mapping of factor id to answer, got {type(answers).__name__}"
        )
    ids = [str(i) for i in table["id"]]
    known = set(ids)
    unknown = [a for a in answers if a not in known]
    if unknown:
        raise ValueError(f"answers name unknown factor id {unknown[0]!r}; known ids: {ids}")
    scores: dict[str, float] = {}
    for factor_id in ids:
        if factor_id in answers:
            score = answer_score(answers[factor_id], factor=factor_id)
            if score is not None:
                scores[factor_id] = score
    if not scores:
        raise ValueError("answers is empty: answer at least one factor")
    answered = [f for f in ids if f in scores]
    weight_of = _per_factor("weights", weights, answered, known, default=1.0, low=0, high=None)
    target_of = _per_factor(
        "target", target, answered, known, default=float(MAX_SCORE), low=0, high=MAX_SCORE
    )
    total_weight = sum(weight_of.values())
    if total_weight <= 0:
        raise ValueError("weights are all zero: at least one answered factor needs weight > 0")
    indexed = table.set_index("id")
    frame = pd.DataFrame(
        {
            "name": [str(indexed.at[f, "name"]) for f in answered],
            "theme": [str(indexed.at[f, "theme"]) for f in answered],
            "answer": [_answer_text(answers[f], scores[f]) for f in answered],
            "score": [scores[f] for f in answered],
            "target": [target_of[f] for f in answered],
            "gap": [target_of[f] - scores[f] for f in answered],
            "weight": [weight_of[f] for f in answered],
        },
        index=pd.Index(answered, name="id"),
    )
    scale = MAX_SCORE * total_weight
    readiness = 100 * sum(scores[f] * weight_of[f] for f in answered) / scale
    target_readiness = 100 * sum(target_of[f] * weight_of[f] for f in answered) / scale
    return CSFAssessment(
        frame=frame,
        readiness=float(readiness),
        target_readiness=float(target_readiness),
        assessed_on=assessed_on or date.today(),
        unanswered=tuple(f for f in ids if f not in scores),
        factors=table[list(_FACTOR_COLUMNS)].reset_index(drop=True),
    )


def save_baseline(result: CSFAssessment, path: str | Path, *, overwrite: bool = False) -> Path:
    """Write an assessment to a dated JSON baseline file.

    Parameters
    ----------
    result : CSFAssessment
        The assessment to keep.
    path : str or pathlib.Path
        A ``.json`` file, or an existing folder, where the file is named
        ``csf-baseline-YYYY-MM-DD.json`` after the assessment's date.
    overwrite : bool
        Replace an existing file; by default an existing file is an error, so a baseline is
        never lost by accident.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    FileExistsError
        If the file exists and ``overwrite`` is False.
    FileNotFoundError
        If the folder to write into does not exist.
    toolkit.safety.files.NotSavedError
        If the system refuses the write (a read-only folder, a full disk): it says what was
        not saved, where and why.
    """
    target = Path(path)
    if target.is_dir():
        target = target / f"csf-baseline-{result.assessed_on.isoformat()}.json"
    if not target.parent.is_dir():
        raise FileNotFoundError(f"cannot save the baseline: folder {target.parent} does not exist")
    if target.exists() and not overwrite:
        raise FileExistsError(
            f"baseline {target} already exists; pass overwrite=True to replace it"
        )
    factors = result.factors
    if factors is None:
        factors = result.frame.reset_index()[list(_FACTOR_COLUMNS)]
    rows = []
    for factor_id, name, theme in factors[list(_FACTOR_COLUMNS)].itertuples(index=False):
        row: dict[str, Any] = {"id": factor_id, "name": name, "theme": theme}
        if factor_id in result.frame.index:
            scored = result.frame.loc[factor_id]
            answer = str(scored["answer"])
            row["answer"] = answer if answer in WORD_SCORES else float(scored["score"])
            row["target"] = float(scored["target"])
            row["weight"] = float(scored["weight"])
        else:
            row.update({"answer": None, "target": None, "weight": None})
        rows.append(row)
    document = {
        "kind": _BASELINE_KIND,
        "version": _BASELINE_VERSION,
        "assessed_on": result.assessed_on.isoformat(),
        "readiness": result.readiness,
        "factors": rows,
    }
    return write_atomically(
        target, json.dumps(document, indent=2) + "\n", force=overwrite, what="the baseline"
    )


def load_baseline(path: str | Path) -> CSFAssessment:
    """Read a baseline written by :func:`save_baseline`.

    Parameters
    ----------
    path : str or pathlib.Path
        The JSON file.

    Returns
    -------
    CSFAssessment
        The assessment as it was scored on its date.

    Raises
    ------
    FileNotFoundError
        If there is no such file (a ``toolkit.safety.reader.MissingInputError``).
    ValueError
        If the file is not a CSF baseline or its content does not score; a file that is
        not a regular file, too big, not UTF-8, nested too deep or not valid JSON is a
        ``toolkit.safety.reader.InputError`` naming the file, line and column.
    """
    source = Path(path)
    document = read_json(source, kind="config")  # a small, checked file: never a traceback
    if not isinstance(document, dict) or document.get("kind") != _BASELINE_KIND:
        raise ValueError(f"{source} is not a CSF baseline (kind {_BASELINE_KIND!r} expected)")
    if document.get("version") != _BASELINE_VERSION:
        raise ValueError(
            f"{source} has baseline version {document.get('version')!r}; "
            f"this toolkit reads version {_BASELINE_VERSION}"
        )
    try:
        rows = list(document["factors"])
        factors = pd.DataFrame(
            {c: [str(r[c]) for r in rows] for c in _FACTOR_COLUMNS}, columns=list(_FACTOR_COLUMNS)
        )
        answered = [r for r in rows if r["answer"] is not None]
        return csf_assessment(
            {r["id"]: r["answer"] for r in answered},
            weights={r["id"]: r["weight"] for r in answered},
            target={r["id"]: r["target"] for r in answered},
            factors=factors,
            assessed_on=date.fromisoformat(document["assessed_on"]),
        )
    except (KeyError, TypeError) as exc:
        raise ValueError(f"{source} is an incomplete CSF baseline: missing {exc}") from exc
    except ValueError as exc:
        raise ValueError(f"{source}: {exc}") from exc


@dataclass(frozen=True, eq=False)
class BaselineComparison:
    """A later assessment set against its baseline.

    Attributes
    ----------
    frame : pandas.DataFrame
        Indexed by factor id (factors answered in both): ``name``, ``theme``, ``baseline``
        (the earlier score), ``score`` (now), ``change``, ``target`` and ``gap`` (now).
    readiness_baseline, readiness : float
        Each assessment's overall readiness (0-100).
    days : int
        Days between the two assessments.
    only_in_baseline, only_in_current : tuple of str
        Factors answered in one assessment but not the other.
    """

    frame: pd.DataFrame
    readiness_baseline: float
    readiness: float
    days: int
    only_in_baseline: tuple[str, ...] = ()
    only_in_current: tuple[str, ...] = ()

    @property
    def readiness_change(self) -> float:
        """Readiness now minus readiness at the baseline, in percentage points."""
        return self.readiness - self.readiness_baseline

    @property
    def improved(self) -> tuple[str, ...]:
        """Ids of factors whose score went up."""
        return tuple(self.frame.index[self.frame["change"] > 0])

    @property
    def declined(self) -> tuple[str, ...]:
        """Ids of factors whose score went down."""
        return tuple(self.frame.index[self.frame["change"] < 0])


def compare_to_baseline(current: CSFAssessment, baseline: CSFAssessment) -> BaselineComparison:
    """Compare a later assessment with its baseline: what moved since you started?

    Parameters
    ----------
    current : CSFAssessment
        The later assessment.
    baseline : CSFAssessment
        The earlier one, e.g. from :func:`load_baseline`.

    Returns
    -------
    BaselineComparison

    Raises
    ------
    ValueError
        If the baseline is dated after the current assessment, or they share no factor.

    Examples
    --------
    >>> before = csf_assessment({"baseline": "no"}, assessed_on=date(2026, 1, 5))
    >>> after = csf_assessment({"baseline": "partly"}, assessed_on=date(2026, 4, 5))
    >>> comparison = compare_to_baseline(after, before)
    >>> comparison.frame.loc["baseline", "change"], comparison.days
    (np.float64(2.0), 90)
    """
    if baseline.assessed_on > current.assessed_on:
        raise ValueError(
            f"the baseline is dated {baseline.assessed_on}, after the assessment it is compared "
            f"with ({current.assessed_on}); pass (current, baseline) in that order"
        )
    common = [f for f in current.frame.index if f in baseline.frame.index]
    if not common:
        raise ValueError("the assessment and the baseline have no answered factor in common")
    now = current.frame.loc[common]
    then = baseline.frame.loc[common, "score"]
    frame = pd.DataFrame(
        {
            "name": now["name"],
            "theme": now["theme"],
            "baseline": then,
            "score": now["score"],
            "change": now["score"] - then,
            "target": now["target"],
            "gap": now["gap"],
        }
    )
    return BaselineComparison(
        frame=frame,
        readiness_baseline=baseline.readiness,
        readiness=current.readiness,
        days=(current.assessed_on - baseline.assessed_on).days,
        only_in_baseline=tuple(f for f in baseline.frame.index if f not in current.frame.index),
        only_in_current=tuple(f for f in current.frame.index if f not in baseline.frame.index),
    )
