"""Governance that people use: ways to bring process to life, and choosing a governance route.

Two small, transparent models for the lessons on governance:

* Written process that nobody reads protects no one. :func:`suggest_formats` matches what a
  person needs from a process (look a step up mid-task, learn it the first time, keep it
  fresh...) with ways of bringing it to life: quick reference guides, video, gamified quizzes,
  infographics, bite-sized tips, lunch-and-learn sessions and feedback from newcomers.
* "It depends": no one route fits every change or assessment.
  :func:`suggest_governance_route` weighs risk, novelty, scale and urgency and suggests a route
  (pre-agreed standard, peer review, service owner, board or panel, expedited), says why, and
  says what would change the answer.

The rules are deliberately simple so a learner can argue with them; they are a conversation
starter, not a policy.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Literal, get_args

import pandas as pd

__all__ = [
    "GOVERNANCE_ROUTES",
    "LEARNING_NEEDS",
    "PROCESS_FORMATS",
    "GovernanceAdvice",
    "GovernanceRoute",
    "ProcessFormat",
    "format_advice",
    "governance_route_map",
    "governance_route_table",
    "process_format_table",
    "suggest_formats",
    "suggest_governance_route",
]

# --------------------------------------------------------------------------------------------
# Bringing process to life
# --------------------------------------------------------------------------------------------

#: What a person may need from a written process, by key.
LEARNING_NEEDS: dict[str, str] = {
    "mid_task": "Look up a step in the middle of the work",
    "first_time": "Learn a process for the first time",
    "keep_fresh": "Keep a process fresh in people's minds over months",
    "big_picture": "See how the whole process fits together",
    "win_over": "Win over people who see process as red tape",
    "test_clarity": "Find out whether the written process makes sense to a newcomer",
}

Effort = Literal["low", "medium", "high"]


@dataclass(frozen=True)
class ProcessFormat:
    """A way of bringing a written process to life.

    Attributes
    ----------
    key : str
        Short identifier: ``"quick_reference"``.
    name : str
        The name people use.
    what : str
        What it is, in one sentence.
    minutes : int
        About how long it asks of the person using it.
    effort : {"low", "medium", "high"}
        How much work it takes to make and keep up to date.
    needs : frozenset of str
        The keys of :data:`LEARNING_NEEDS` it serves well.
    """

    key: str
    name: str
    what: str
    minutes: int
    effort: Effort
    needs: frozenset[str]


#: The ways of bringing process to life the course teaches, quickest to use first.
PROCESS_FORMATS: tuple[ProcessFormat, ...] = (
    ProcessFormat(
        "bite_sized",
        "Bite-sized tips",
        "A short, regular post (one hint, one tip, one myth busted) in the channels people "
        "already read, instead of one big announcement that is never repeated.",
        1,
        "low",
        frozenset({"keep_fresh", "win_over"}),
    ),
    ProcessFormat(
        "quick_reference",
        "Quick reference guide",
        "One page with the steps and decisions that matter, kept where the work happens.",
        2,
        "low",
        frozenset({"mid_task", "keep_fresh"}),
    ),
    ProcessFormat(
        "infographic",
        "Infographic",
        "The flow, the roles and the hand-offs on a single picture.",
        3,
        "medium",
        frozenset({"big_picture", "first_time"}),
    ),
    ProcessFormat(
        "video",
        "Video tutorial",
        "A few minutes of screen recording showing the steps done for real, in the tools "
        "people use.",
        5,
        "medium",
        frozenset({"first_time", "mid_task"}),
    ),
    ProcessFormat(
        "gamified_quiz",
        "Gamified quiz",
        "Questions with points, streaks and an explanation for every answer, so people think "
        "about why each step exists.",
        10,
        "medium",
        frozenset({"keep_fresh", "win_over", "first_time"}),
    ),
    ProcessFormat(
        "newcomer_feedback",
        "Feedback from apprentices and graduates",
        "Ask new joiners to follow the process as written and say where it lost them; fresh "
        "eyes see the gaps that old hands fill in without noticing.",
        30,
        "low",
        frozenset({"test_clarity"}),
    ),
    ProcessFormat(
        "lunch_and_learn",
        "Lunch-and-learn session",
        "An informal session over lunch that walks through the process with a real example "
        "and leaves time for questions and complaints.",
        45,
        "medium",
        frozenset({"first_time", "big_picture", "win_over", "test_clarity"}),
    ),
)


def process_format_table() -> pd.DataFrame:
    """The ways of bringing process to life as a table, quickest to use first.

    Returns
    -------
    pandas.DataFrame
        Index ``key``; columns ``name``, ``what``, ``minutes`` (of the user's time), ``effort``
        (to make) and ``serves`` (the needs it serves, in words, joined by "; ").

    Examples
    --------
    >>> int(process_format_table().loc["quick_reference", "minutes"])
    2
    """
    table = pd.DataFrame(
        {
            "name": [fmt.name for fmt in PROCESS_FORMATS],
            "what": [fmt.what for fmt in PROCESS_FORMATS],
            "minutes": [fmt.minutes for fmt in PROCESS_FORMATS],
            "effort": [fmt.effort for fmt in PROCESS_FORMATS],
            "serves": [
                "; ".join(label for key, label in LEARNING_NEEDS.items() if key in fmt.needs)
                for fmt in PROCESS_FORMATS
            ],
        },
        index=pd.Index([fmt.key for fmt in PROCESS_FORMATS], name="key"),
    )
    return table


def _check_need(need: str) -> None:
    if need not in LEARNING_NEEDS:
        raise ValueError(f"need must be one of {', '.join(LEARNING_NEEDS)}, got {need!r}")


def _check_minutes(minutes: object) -> None:
    if minutes is None:
        return
    if isinstance(minutes, bool) or not isinstance(minutes, numbers.Real) or minutes < 0:
        raise ValueError(f"minutes must be a number of minutes, 0 or more, got {minutes!r}")


def suggest_formats(need: str, *, minutes: float | None = None) -> tuple[ProcessFormat, ...]:
    """The ways of bringing process to life that serve a need, quickest first.

    Parameters
    ----------
    need : str
        A key of :data:`LEARNING_NEEDS`, such as ``"mid_task"``.
    minutes : float, optional
        The most time the person can give; formats that ask for more are left out.

    Returns
    -------
    tuple of ProcessFormat
        Those that serve the need (and fit the time), by minutes then name; may be empty.

    Raises
    ------
    ValueError
        If the need is unknown or ``minutes`` is negative.

    Examples
    --------
    >>> [f.key for f in suggest_formats("mid_task")]
    ['quick_reference', 'video']
    >>> [f.key for f in suggest_formats("mid_task", minutes=3)]
    ['quick_reference']
    """
    _check_need(need)
    _check_minutes(minutes)
    fitting = [
        fmt
        for fmt in PROCESS_FORMATS
        if need in fmt.needs and (minutes is None or fmt.minutes <= minutes)
    ]
    return tuple(sorted(fitting, key=lambda fmt: (fmt.minutes, fmt.name)))


def format_advice(need: str, *, minutes: float | None = None) -> str:
    """Markdown advice on which ways of bringing process to life fit a need and a time budget.

    Parameters
    ----------
    need : str
        A key of :data:`LEARNING_NEEDS`.
    minutes : float, optional
        The most time the person can give.

    Returns
    -------
    str
        A heading naming the need and one bullet per suggestion, or, when nothing fits the
        time, the quickest format that serves the need.

    Raises
    ------
    ValueError
        If the need is unknown or ``minutes`` is negative.

    Examples
    --------
    >>> print(format_advice("test_clarity", minutes=5).splitlines()[-1][:47])
    Nothing that serves this need fits in 5 minutes
    """
    suggestions = suggest_formats(need, minutes=minutes)
    lines = [f"**Need:** {LEARNING_NEEDS[need]}", ""]
    for fmt in suggestions:
        lines.append(
            f"- **{fmt.name}** (about {fmt.minutes} min of their time; effort to make: "
            f"{fmt.effort}). {fmt.what}"
        )
    if not suggestions:
        quickest = suggest_formats(need)[0]
        lines.append(
            f"Nothing that serves this need fits in {minutes:g} minutes. The quickest that "
            f"does: **{quickest.name}** (about {quickest.minutes} min)."
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Governance routes: it depends
# --------------------------------------------------------------------------------------------

RouteKey = Literal["standard", "peer", "owner", "board", "expedited"]
Factor = Literal["risk", "novelty", "scale"]


@dataclass(frozen=True)
class GovernanceRoute:
    """One way a change, release or service can be governed.

    Attributes
    ----------
    key : str
        Short identifier: ``"peer"``.
    name : str
        The name shown to people.
    how : str
        What happens on this route.
    consistency : str
        What the route keeps the same every time.
    flexibility : str
        Where the route leaves room for judgement.
    """

    key: RouteKey
    name: str
    how: str
    consistency: str
    flexibility: str


#: The routes :func:`suggest_governance_route` chooses from, lightest first (expedited last).
GOVERNANCE_ROUTES: dict[RouteKey, GovernanceRoute] = {
    "standard": GovernanceRoute(
        "standard",
        "Standard route (pre-agreed)",
        "Follow a recipe that was assessed once and agreed in advance; log it and go, with "
        "no meeting.",
        "The same tested steps every time.",
        "None in the steps: changing the recipe sends it back for review.",
    ),
    "peer": GovernanceRoute(
        "peer",
        "Peer review",
        "A colleague who knows the system checks the plan, the test evidence and the way back "
        "before it goes ahead; the team decides.",
        "Every change has a second pair of eyes and a way back.",
        "The reviewer judges what is enough evidence for this change.",
    ),
    "owner": GovernanceRoute(
        "owner",
        "Service owner decision",
        "The person accountable for the service weighs the change with the people it affects "
        "and decides (a delegated change authority).",
        "One accountable person decides, against the service's own goals.",
        "The owner balances benefit, risk and timing for their users.",
    ),
    "board": GovernanceRoute(
        "board",
        "Board or assessment panel",
        "A formal cross-team review (a change advisory board, a service assessment panel) "
        "looks at the evidence against a published standard.",
        "A published standard, applied by a panel, with a record of the decision.",
        "Panel members interpret the standard, so two panels may differ.",
    ),
    "expedited": GovernanceRoute(
        "expedited",
        "Expedited (emergency) route",
        "A small named authority decides now; the full review happens afterwards and what is "
        "learned feeds back into the process.",
        "Someone named is accountable even in a hurry, and every case is reviewed afterwards.",
        "Speed over ceremony, because waiting would do more harm.",
    ),
}

_FACTORS: tuple[Factor, ...] = get_args(Factor)
_FACTOR_WORDS: dict[Factor, tuple[str, str]] = {
    # (what a low value means, what a high value means)
    "risk": ("little harm if it goes wrong", "serious harm if it goes wrong"),
    "novelty": ("done safely many times before", "new to the people doing it"),
    "scale": ("touches few people or services", "touches many people or services"),
}


@dataclass(frozen=True)
class GovernanceAdvice:
    """The route :func:`suggest_governance_route` suggests, why, and what would change it.

    Attributes
    ----------
    route : GovernanceRoute
        The suggested route.
    risk, novelty, scale : int
        The inputs, 1 (low) to 5 (high).
    urgent : bool
        Whether the change had to happen now to stop or prevent harm.
    exposure : int
        ``2 * risk + novelty + scale`` (4 to 20): risk counts double.
    reasons : tuple of str
        Why this route, in words.
    would_change : tuple of str
        The nearest change to each input that gives a different route: what the answer
        depends on.
    """

    route: GovernanceRoute
    risk: int
    novelty: int
    scale: int
    urgent: bool
    exposure: int
    reasons: tuple[str, ...]
    would_change: tuple[str, ...]

    def to_markdown(self) -> str:
        """The advice as Markdown, for a notebook or a widget."""
        lines = [
            f"### Suggested route: {self.route.name}",
            "",
            self.route.how,
            "",
            f"*Keeps consistent:* {self.route.consistency}  ",
            f"*Leaves flexible:* {self.route.flexibility}",
            "",
            f"**Why** (exposure {self.exposure} of 20, where risk counts double):",
            *(f"- {reason}" for reason in self.reasons),
            "",
            "**It depends:**",
            *(f"- {change}" for change in self.would_change),
        ]
        return "\n".join(lines)


def _check_level(value: object, name: str) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Integral)
        or not 1 <= int(value) <= 5
    ):
        raise ValueError(f"{name} must be a whole number from 1 (low) to 5 (high), got {value!r}")
    return int(value)


def _route_key(risk: int, novelty: int, scale: int, urgent: bool) -> RouteKey:
    exposure = 2 * risk + novelty + scale
    key: RouteKey
    if risk <= 2 and novelty <= 2:
        key = "standard"
    elif risk == 5:
        key = "board"
    elif exposure <= 11:
        key = "peer"
    elif exposure <= 15:
        key = "owner"
    else:
        key = "board"
    if urgent and key in ("owner", "board"):
        return "expedited"
    return key


def suggest_governance_route(
    *, risk: int, novelty: int, scale: int, urgent: bool = False
) -> GovernanceAdvice:
    """Suggest a governance route from risk, novelty, scale and urgency.

    The rules, in order: a routine change (risk and novelty both 2 or less: little harm, and
    done safely before) takes the pre-agreed standard route, whatever its scale; risk 5 goes to
    a board; otherwise the exposure ``2 * risk + novelty + scale`` decides: up to 11 peer
    review, up to 15 the service owner, above that a board or panel. Urgency matters only
    where the route would be slow: an urgent change that would go to the service owner or a
    board takes the expedited route instead (a standard change or a peer review can happen in
    minutes).

    Parameters
    ----------
    risk : int
        1 (little harm if it goes wrong) to 5 (serious harm).
    novelty : int
        1 (done safely many times) to 5 (never done here before).
    scale : int
        1 (one team or service) to 5 (everyone).
    urgent : bool, default False
        It must happen now to stop or prevent harm.

    Returns
    -------
    GovernanceAdvice
        The route, the reasons, and what would change the answer.

    Raises
    ------
    ValueError
        If a level is not a whole number from 1 to 5, or ``urgent`` is not a bool.

    Examples
    --------
    >>> suggest_governance_route(risk=1, novelty=1, scale=2).route.key
    'standard'
    >>> suggest_governance_route(risk=4, novelty=4, scale=4).route.key
    'board'
    >>> suggest_governance_route(risk=4, novelty=4, scale=4, urgent=True).route.key
    'expedited'
    """
    levels: dict[Factor, int] = {
        "risk": _check_level(risk, "risk"),
        "novelty": _check_level(novelty, "novelty"),
        "scale": _check_level(scale, "scale"),
    }
    if not isinstance(urgent, bool):
        raise ValueError(f"urgent must be True or False, got {urgent!r}")
    key = _route_key(levels["risk"], levels["novelty"], levels["scale"], urgent)
    exposure = 2 * levels["risk"] + levels["novelty"] + levels["scale"]

    reasons: list[str] = []
    for factor in _FACTORS:
        low_words, high_words = _FACTOR_WORDS[factor]
        value = levels[factor]
        if value <= 2:
            reasons.append(f"{factor.capitalize()} {value}: {low_words}.")
        elif value >= 4:
            reasons.append(f"{factor.capitalize()} {value}: {high_words}.")
        else:
            reasons.append(f"{factor.capitalize()} {value}: in the middle.")
    if key == "standard":
        reasons.append(
            "Low risk and done safely before: a pre-agreed recipe serves better than a meeting."
        )
    elif key == "expedited":
        reasons.append(
            "Urgent, and the normal route (owner or board) would be too slow: decide now, "
            "review fully afterwards."
        )
    elif key == "board" and levels["risk"] == 5:
        reasons.append("Risk 5 always goes to a board, whatever else is low.")

    would_change: list[str] = []
    for factor in _FACTORS:
        current = levels[factor]
        for distance in range(1, 5):
            found = False
            for candidate in (current - distance, current + distance):
                if not 1 <= candidate <= 5:
                    continue
                trial = {**levels, factor: candidate}
                other = _route_key(trial["risk"], trial["novelty"], trial["scale"], urgent)
                if other != key:
                    would_change.append(
                        f"If {factor} were {candidate} rather than {current}: "
                        f"{GOVERNANCE_ROUTES[other].name}."
                    )
                    found = True
                    break
            if found:
                break
        else:
            would_change.append(f"Changing {factor} alone would not change the route.")
    flipped = _route_key(levels["risk"], levels["novelty"], levels["scale"], not urgent)
    if flipped != key:
        state = "urgent" if not urgent else "not urgent"
        would_change.append(f"If it were {state}: {GOVERNANCE_ROUTES[flipped].name}.")
    else:
        would_change.append("Urgency alone does not change the route.")

    return GovernanceAdvice(
        route=GOVERNANCE_ROUTES[key],
        risk=levels["risk"],
        novelty=levels["novelty"],
        scale=levels["scale"],
        urgent=urgent,
        exposure=exposure,
        reasons=tuple(reasons),
        would_change=tuple(would_change),
    )


def governance_route_table() -> pd.DataFrame:
    """The governance routes side by side: how each works, what it keeps, what it flexes.

    Returns
    -------
    pandas.DataFrame
        Index ``key`` (as in :data:`GOVERNANCE_ROUTES`); columns ``route``, ``how``,
        ``keeps consistent`` and ``leaves flexible``.

    Examples
    --------
    >>> governance_route_table().loc["peer", "route"]
    'Peer review'
    """
    routes = list(GOVERNANCE_ROUTES.values())
    return pd.DataFrame(
        {
            "route": [route.name for route in routes],
            "how": [route.how for route in routes],
            "keeps consistent": [route.consistency for route in routes],
            "leaves flexible": [route.flexibility for route in routes],
        },
        index=pd.Index([route.key for route in routes], name="key"),
    )


def governance_route_map(*, scale: int, urgent: bool = False) -> pd.DataFrame:
    """The route :func:`suggest_governance_route` gives for every risk and novelty, at one scale.

    Parameters
    ----------
    scale : int
        1 (one team or service) to 5 (everyone).
    urgent : bool, default False
        Whether the changes are urgent.

    Returns
    -------
    pandas.DataFrame
        Index ``risk`` 1-5, columns ``novelty`` 1-5, values route keys (see
        :data:`GOVERNANCE_ROUTES`).

    Raises
    ------
    ValueError
        If ``scale`` is not a whole number from 1 to 5, or ``urgent`` is not a bool.

    Examples
    --------
    >>> governance_route_map(scale=1).loc[1, 1], governance_route_map(scale=1).loc[5, 5]
    ('standard', 'board')
    """
    level = _check_level(scale, "scale")
    if not isinstance(urgent, bool):
        raise ValueError(f"urgent must be True or False, got {urgent!r}")
    levels = range(1, 6)
    table = pd.DataFrame(
        [[_route_key(risk, novelty, level, urgent) for novelty in levels] for risk in levels],
        index=pd.Index(levels, name="risk"),
        columns=pd.Index(levels, name="novelty"),
    )
    return table
