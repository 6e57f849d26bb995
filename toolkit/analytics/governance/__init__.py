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

The code lives in two modules, re-exported here: :mod:`toolkit.analytics.governance.process_formats`
and :mod:`toolkit.analytics.governance.routes`.
"""

from __future__ import annotations

from toolkit.analytics.governance.process_formats import (
    LEARNING_NEEDS,
    PROCESS_FORMATS,
    ProcessFormat,
    format_advice,
    process_format_table,
    suggest_formats,
)
from toolkit.analytics.governance.routes import (
    GOVERNANCE_ROUTES,
    GovernanceAdvice,
    GovernanceRoute,
    governance_route_map,
    governance_route_table,
    suggest_governance_route,
)

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
