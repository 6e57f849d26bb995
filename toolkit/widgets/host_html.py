"""The HTML of the host panel's parts: choices, reveal, distribution, leaderboard, podium.

Pure functions from a :class:`~toolkit.quiz.host.session.HostSession`'s state to safe HTML
(bank text rendered from Markdown and sanitised, team names escaped, every mark a shipped
SVG shape with words beside it). Each part has the roomy form :class:`HostWidget` shows in a
notebook and, where the projector needs it, a compact form (``compact=True``) that keeps a
whole question, its timer, the distribution and the reveal on one 1280 x 720 screen: the
options carry their marks and only the right answer keeps its explanation, the bars are one
line each, the teams' verdicts share a line.
"""

from __future__ import annotations

from typing import Final

from toolkit.quiz.host.projector import marks
from toolkit.quiz.host.results import Distribution, Standing, TeamResult
from toolkit.quiz.host.session import HostSession
from toolkit.quiz.model import Matching, MultipleChoice, Poll, Question, Scenario, SingleChoice
from toolkit.quiz.sanitize import escape, markdown_to_html
from toolkit.safety.symbols import PARTLY_MARK, RIGHT_MARK, WRONG_MARK
from toolkit.widgets.icons import icon, iconify

__all__ = [
    "choices_html",
    "distribution_html",
    "ordinal",
    "podium_html",
    "reveal_html",
    "standings_html",
]

#: Colours of the distribution bars (Okabe-Ito blue and grey; a mark and words say which is
#: right, so colour never carries the meaning alone).
RIGHT_COLOUR: Final = "#0072B2"
OTHER_COLOUR: Final = "#6B6B6B"
TRACK_COLOUR: Final = "#EEEEEE"
_MARK_SHAPES: Final = {
    RIGHT_MARK: ("check", "right"),
    WRONG_MARK: ("cross", "wrong"),
    PARTLY_MARK: ("half", "partly right"),
}


def ordinal(rank: int) -> str:
    """Return ``rank`` as 1st, 2nd, 3rd, 4th...

    Examples
    --------
    >>> [ordinal(n) for n in (1, 2, 3, 4, 11, 22)]
    ['1st', '2nd', '3rd', '4th', '11th', '22nd']
    """
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def choices_html(
    host: HostSession, question: Question, *, revealed: bool = False, compact: bool = False
) -> str:
    """Return the options as the room sees them; once ``revealed``, marked right or wrong.

    Revealed, each option of a choice question gets its mark (a shape named "right" or
    "wrong", or "partly right" for a scenario's half-right option), and only the right
    options keep their explanation: one line per option, the reason where it matters.
    """
    rows = [
        f"<li><strong>{escape(number)}.</strong> {markdown_to_html(left, inline=True)}</li>"
        for number, left in host.matching_lefts(question)
    ]
    lefts = f"<ul style='list-style:none;padding:0;margin:0'>{''.join(rows)}</ul>" if rows else ""
    marked = (
        marks(question)
        if revealed and isinstance(question, SingleChoice | MultipleChoice | Scenario | Poll)
        else {}
    )
    why = (
        {o.id: o.explanation for o in question.options}
        if isinstance(question, SingleChoice | MultipleChoice | Scenario)
        else {}
    )
    items = []
    for label, key, text in host.choices(question):
        if question.type == "true_false":
            continue
        mark = marked.get(key, "")
        shape, meaning = _MARK_SHAPES.get(mark, ("", ""))
        drawn = f"{icon(shape, meaning)} " if shape else ""
        reason = (
            f"<div style='font-weight:normal;margin-left:1.6em'>{markdown_to_html(why[key])}</div>"
            if mark == RIGHT_MARK and why.get(key)
            else ""
        )
        weight = "font-weight:bold;" if mark == RIGHT_MARK else ""
        items.append(
            f"<li style='margin:0.15em 0;{weight}'>{drawn}<strong>{escape(label)}</strong> "
            f"{markdown_to_html(text, inline=True)}{reason}</li>"
        )
    options = (
        f"<ul style='list-style:none;padding:0;margin:0.2em 0'>{''.join(items)}</ul>"
        if items
        else ""
    )
    if isinstance(question, Matching):
        lefts = "<p>Match each of these:</p>" + lefts + "<p>with one of these:</p>"
    hint = "1em" if compact else "0.7em"  # compact: the panel's text is already 24 px
    how = (
        f"<p style='font-size:{hint}'><em>Answer with {escape(host.entry_hint(question))}.</em></p>"
    )
    return f"{lefts}{options}{'' if revealed else how}"


def reveal_html(host: HostSession, results: list[TeamResult], *, compact: bool = False) -> str:
    """Return the reveal: the explanation and each team's verdict and points.

    Compact, a choice question's explanation is already in its marked options (see
    :func:`choices_html`), so only other questions show it, and the verdicts share a line.
    """
    lines = []
    for result in results:
        seconds = f" in {result.seconds:.1f} s" if result.seconds is not None else ""
        bonus = f" (+{result.streak_bonus} streak bonus)" if result.streak_bonus else ""
        streak = f" · streak of {result.streak}" if result.streak > 1 else ""
        verdict = iconify(escape(result.verdict))
        if compact:
            lines.append(f"<strong>{escape(result.team)}</strong>: {verdict} +{result.points}")
            continue
        lines.append(
            f"<li><strong>{escape(result.team)}</strong>: {verdict}{seconds}"
            f" · +{result.points} points{bonus}{streak}</li>"
        )
    question = host.current
    if compact:
        choice = isinstance(question, SingleChoice | MultipleChoice | Scenario | Poll)
        explained = "" if choice else iconify(markdown_to_html(host.explanation()))
        teams = " · ".join(lines) or "No teams answered."
        return f"<div>{explained}<p style='margin:0.2em 0'>{teams}</p></div>"
    verdicts = f"<ul>{''.join(lines)}</ul>" if lines else "<p>No teams answered.</p>"
    return (
        "<div style='font-size:1.5em'>"
        f"<h3>The answer</h3>{iconify(markdown_to_html(host.explanation()))}"
        f"<h3>Teams</h3>{verdicts}</div>"
    )


def distribution_html(distribution: Distribution, *, compact: bool = False) -> str:
    """Return how the teams answered as horizontal bars drawn in HTML (one line each)."""
    scale = max(distribution.teams, 1)
    label_width = ("2em" if not compact else "2.2em") if distribution.kind == "options" else "8em"
    rows = []
    for bar in distribution.bars:
        colour = RIGHT_COLOUR if bar.correct else OTHER_COLOUR
        mark = f" {icon('check')} right answer" if bar.correct and not compact else ""
        beside = f" {icon('check', 'right answer')}" if bar.correct and compact else ""
        width = 100 * bar.count / scale
        label = iconify(escape(bar.label))
        teams = f"{bar.count} team{'s' if bar.count != 1 else ''}"
        track = (
            f"<span style='flex:1 1 30%;height:1.1em;border-left:2px solid #000;"
            f"background:{TRACK_COLOUR}'><span style='display:inline-block;height:100%;"
            f"width:{width:.1f}%;background:{colour}'></span></span>"
        )
        text = "" if bar.text == bar.label else markdown_to_html(bar.text, inline=True)
        described = "" if compact else f"<span style='flex:0 0 30%'>{text}</span>"
        rows.append(
            "<div style='display:flex;align-items:center;gap:0.5em;margin:0.15em 0'>"
            f"<strong style='flex:0 0 {label_width}'>{label}{beside}</strong>{described}{track}"
            f"<span style='flex:0 0 {'4.5em' if compact else 'auto'}'>{teams}{mark}</span></div>"
        )
    if distribution.unanswered:
        rows.append(f"<p style='margin:0.15em 0'>— No answer: {distribution.unanswered}</p>")
    size = "1em" if compact else "1.3em"
    heading = (
        "<strong>How teams answered</strong>" if compact else "<h3>How the teams answered</h3>"
    )
    return (
        f"<div role='group' aria-label='How the teams answered' style='font-size:{size}'>"
        f"{heading}{''.join(rows)}</div>"
    )


def standings_html(standings: list[Standing], revealed: int, *, compact: bool = False) -> str:
    """Return the leaderboard as a table (``revealed``: how many questions are revealed)."""
    after = (
        f"after {revealed} question{'s' if revealed != 1 else ''}"
        if revealed
        else "before the first reveal"
    )
    if not standings:
        return "<p style='font-size:1.3em'>No teams yet.</p>"
    rows = "".join(
        f"<tr><td>{ordinal(s.rank)}</td>"
        f"<td><strong>{escape(s.team)}</strong></td><td>{s.points}</td>"
        + ("" if compact else f"<td>{s.correct}</td><td>{s.streak}</td>")
        + "</tr>"
        for s in standings
    )
    extra = "" if compact else "<th>Right answers</th><th>Streak</th>"
    heading = "<strong>Leaderboard</strong>" if compact else f"<h3>Leaderboard {after}</h3>"
    return (
        f"<div style='font-size:{'1em' if compact else '1.5em'}'>{heading}"
        "<table style='border-spacing:1em 0;margin-left:-1em'><thead><tr>"
        f"<th>Rank</th><th>Team</th><th>Points</th>{extra}</tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )


def podium_html(standings: list[Standing]) -> str:
    """Return the podium: each rank's team and points, medals as shapes named by place."""
    if standings:
        steps = "".join(
            f"<p style='font-size:{2.6 - 0.4 * (s.rank - 1):.1f}em;margin:0.2em 0'>"
            f"{icon('medal') + ' ' if s.rank <= 3 else ''}{ordinal(s.rank)}: "
            f"<strong>{escape(s.team)}</strong> · {s.points} points</p>"
            for s in standings
        )
    else:
        steps = "<p>No teams played.</p>"
    title = f"<h2 style='font-size:2.4em'>{icon('medal')} The podium</h2>"
    return f"<div role='status'>{title}{steps}</div>"
