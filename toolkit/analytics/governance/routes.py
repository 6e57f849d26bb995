"""Governance routes: "it depends", so weigh risk, novelty, scale and urgency to suggest one.

The routes run from a pre-agreed standard through peer review, the service owner and a board
or panel, with an expedited route for urgent changes; the advice says why, and what would
change the answer.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Literal, get_args

import pandas as pd

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
