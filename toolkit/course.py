"""The course itself: its lessons in teaching order and a suggested route for each kind of user.

The lesson map lives here once, so the start-here notebook, the README checks and the quiz
dashboard all read the same list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

Role = Literal["trainer", "learner", "analyst"]


@dataclass(frozen=True)
class Lesson:
    """One lesson of the course.

    Attributes
    ----------
    slug : str
        The notebook's stem, also the id of its question bank (``02-compound-improvement``).
    title : str
        The lesson's title as learners see it.
    idea : str
        The one idea the lesson leaves behind.
    minutes : int
        How long it takes, quiz included.
    """

    slug: str
    title: str
    idea: str
    minutes: int

    @property
    def number(self) -> int:
        """The lesson's number in teaching order (``2`` for ``02-compound-improvement``)."""
        return int(self.slug.split("-", 1)[0])

    @property
    def notebook(self) -> str:
        """The notebook's file name."""
        return f"{self.slug}.ipynb"


LESSONS: tuple[Lesson, ...] = (
    Lesson("00-start-here", "Start here", "How the course works and how to get the most of it", 12),
    Lesson(
        "01-why-governance-matters",
        "Why governance matters",
        "Process people actually use protects people; unused process protects nobody",
        18,
    ),
    Lesson(
        "02-compound-improvement",
        "Small iterations compound",
        "1% better each iteration compounds like interest; a big bang fades",
        18,
    ),
    Lesson(
        "03-outcomes-not-outputs",
        "Outcomes, not outputs",
        "Green SLAs can hide unhappy users: measure experience too",
        17,
    ),
    Lesson(
        "04-change-enablement",
        "Change enablement",
        "Change success should beat 98%; the four keys show flow and stability",
        17,
    ),
    Lesson(
        "05-is-it-really-better",
        "Is it really better?",
        "Tell a real change from noise with run charts and XmR charts",
        18,
    ),
    Lesson(
        "06-start-where-you-are",
        "Start where you are",
        "Assess readiness honestly, keep a baseline, and map the tribes",
        19,
    ),
    Lesson(
        "07-service-design-thinking",
        "Service design thinking",
        "Design journeys with users: touch points, moments and pain points",
        19,
    ),
    Lesson(
        "08-it-depends",
        "It depends",
        "Balance flexibility and consistency; say what the answer depends on",
        14,
    ),
    Lesson(
        "09-improvement-register",
        "The improvement register",
        "Run improvements on the record and do the most valuable first",
        17,
    ),
    Lesson(
        "10-final-challenge",
        "Final challenge",
        "A team quiz across the whole course, hosted on one projector",
        18,
    ),
    Lesson(
        "11-your-own-service",
        "Your own service",
        "Chart your own data, read it honestly, and take a one-page plan to your manager",
        60,
    ),
)

_ROUTES: dict[Role, tuple[str, tuple[str, ...]]] = {
    "trainer": (
        "Run one lesson per lunch-and-learn. Open it as an app with the code hidden "
        "(<code>smlab lab --voila</code>), talk through one idea per section, move the "
        "sliders with the room, and finish with the checkpoint quiz on the projector. "
        "Lesson 10 is a team quiz in host mode for the last session.",
        ("01-why-governance-matters", "02-compound-improvement", "03-outcomes-not-outputs"),
    ),
    "learner": (
        "Take the lessons in order, one sitting each (10-20 minutes). Answer every checkpoint: "
        "points, streaks and badges track your progress, and what you get wrong comes back in "
        "the review queue a day, then two, four, eight and sixteen days later.",
        ("01-why-governance-matters", "02-compound-improvement", "05-is-it-really-better"),
    ),
    "analyst": (
        "Use the toolkit on your own data: <code>import toolkit</code>, then the metrics, "
        "charts and models take a DataFrame and the names of its columns. Lessons 03, 04 "
        "and 05 show each function on the course's synthetic service data first.",
        ("03-outcomes-not-outputs", "04-change-enablement", "05-is-it-really-better"),
    ),
}


def lessons() -> pd.DataFrame:
    """Return the lesson map as a table.

    Returns
    -------
    pandas.DataFrame
        One row per lesson in teaching order, with columns ``number``, ``slug``, ``title``,
        ``idea``, ``minutes`` and ``notebook``.

    Examples
    --------
    >>> lessons().loc[0, "notebook"]
    '00-start-here.ipynb'
    """
    return pd.DataFrame(
        {
            "number": [lesson.number for lesson in LESSONS],
            "slug": [lesson.slug for lesson in LESSONS],
            "title": [lesson.title for lesson in LESSONS],
            "idea": [lesson.idea for lesson in LESSONS],
            "minutes": [lesson.minutes for lesson in LESSONS],
            "notebook": [lesson.notebook for lesson in LESSONS],
        }
    )


def lesson(slug_or_number: str | int) -> Lesson:
    """Return one lesson by its slug (``"02-compound-improvement"``) or number (``2``).

    Raises
    ------
    ValueError
        If no lesson has that slug or number; the message lists the lessons there are.
    """
    for candidate in LESSONS:
        if slug_or_number in (candidate.slug, candidate.number):
            return candidate
    known = ", ".join(candidate.slug for candidate in LESSONS)
    raise ValueError(f"no lesson {slug_or_number!r}; the lessons are: {known}")


def route_for(role: Role) -> tuple[str, list[Lesson]]:
    """Return the advice and the first three lessons suggested for a kind of user.

    Parameters
    ----------
    role : {"trainer", "learner", "analyst"}
        Who is taking the course.

    Returns
    -------
    advice : str
        How this kind of user gets the most from the course, as a line of HTML.
    first_lessons : list of Lesson
        Where to go after this lesson.

    Raises
    ------
    ValueError
        If ``role`` is not one of the three.
    """
    if role not in _ROUTES:
        raise ValueError(f"role must be one of {sorted(_ROUTES)}, got {role!r}")
    advice, slugs = _ROUTES[role]
    return advice, [lesson(slug) for slug in slugs]
