"""``HostWidget``: the projector view of a :class:`~toolkit.quiz.host.session.HostSession`.

A thin view in big type: one question at a time, a countdown, the trainer's answer entry (a
drop-down of teams, an answer box and an Enter button), Reveal (every team's verdict, the
explanation of every option and the answer distribution as a bar chart drawn in HTML), the
leaderboard (top 3, top 5, all, or hidden), Next, and the podium at the end. Every text
from a bank is rendered from Markdown and sanitised (:mod:`toolkit.quiz.sanitize`); team
names are escaped. Right and wrong are said with words and shipped SVG shapes, never colour
alone (no icon or emoji font). A mistake (no team chosen, an unknown letter, time up) shows as
a message, never a traceback.

In projector mode (:func:`toolkit.paths.presenting`) the panel is compact, so a question, its
timer, the distribution and the reveal fit one 1280 x 720 screen without scrolling: the
question and its options (marked once revealed, the right one with its explanation) on the
left, the timer, the answers in, the distribution and the leaderboard on the right, and the
trainer's controls in one row below. The parts' HTML is built in
:mod:`toolkit.widgets.host_html`.

The countdown ticks with an ipywidgets ``Play`` widget: its timer runs in the browser (in
JupyterLab and in Voila) and sends a tick to the kernel four times a second; each tick
redraws the countdown from the session's clock, so the time shown is the session's time,
however irregular the ticks. Without a browser (in tests), set ``widget.play.value`` or call
:meth:`HostWidget.tick` after moving the session's injected clock.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import ipywidgets as widgets

from toolkit.paths import presenting, shown_path
from toolkit.quiz.course_bank import origin_of
from toolkit.quiz.host.session import HostSession
from toolkit.quiz.model import TIME_LIMITS, Question
from toolkit.quiz.sanitize import escape, markdown_to_html
from toolkit.safety.files import NotSavedError
from toolkit.widgets.host_html import (
    choices_html,
    distribution_html,
    podium_html,
    reveal_html,
    standings_html,
)
from toolkit.widgets.icons import icon, iconify
from toolkit.widgets.not_saved import not_saved_text
from toolkit.widgets.style import HOUSE_CLASS, slider_labeller, style_element

__all__ = ["LEADERBOARD_CHOICES", "HostWidget"]

#: The leaderboard toggle's choices: label shown, and how many ranks it shows (0: hidden).
LEADERBOARD_CHOICES: Final[dict[str, int | None]] = {
    "Hidden": 0,
    "Top 3": 3,
    "Top 5": 5,
    "All": None,
}
#: Milliseconds between the browser's ticks.
TICK_MS: Final = 250
_BIG: Final = {"font_size": "1.25em"}
_BUTTON: Final = {"height": "2.6em", "width": "auto"}


def _alert(text: str) -> str:
    """An error as HTML: an icon and words, announced by screen readers."""
    return (
        f'<div role="alert" style="font-size:1.3em"><strong>{icon("warning", "Warning")} '
        f"{escape(text)}</strong></div>"
    )


def _status(text: str) -> str:
    """A confirmation as HTML (the text is escaped)."""
    return f'<div role="status" style="font-size:1.3em">{iconify(escape(text))}</div>'


def _lesson_line(question: Question) -> str:
    """Where a course-challenge question comes from, as escaped text (or empty)."""
    origin = origin_of(question.id)
    if origin is None:
        return ""
    from toolkit.course import lesson

    try:
        found = lesson(origin[0])
    except ValueError:
        return ""
    return f" · from lesson {found.number:02d}: {escape(found.title)}"


class HostWidget(widgets.VBox):  # type: ignore[misc]
    """The projector view of a team quiz.

    Parameters
    ----------
    host : HostSession
        The session to run.
    leaderboard : {"Hidden", "Top 3", "Top 5", "All"}, default "Top 5"
        What the leaderboard shows at first (the trainer can change it at any time).
    results_file : str, default "final-challenge-results.csv"
        Suggested file name for saving the results at the end.

    Attributes
    ----------
    host : HostSession
        The session.
    header, prompt, choices, timer, answers_in, message, reveal_html, chart, board, podium
        ``ipywidgets.HTML`` parts: the question's number, the question, its options, the
        countdown, who has answered, any error or confirmation, the reveal (verdicts and
        explanation), the distribution bar chart, the leaderboard and the podium.
    time_limit : ipywidgets.Dropdown
        The time limit for the next start (5 to 240 s).
    start_button, enter_button, reveal_button, next_button, add_team_button, save_button
        ``ipywidgets.Button`` actions.
    team : ipywidgets.Dropdown
        The team whose answer is typed.
    answer_box, new_team, save_path : ipywidgets.Text
        The answer the trainer types (Enter in the box enters it too), a new team's name,
        and where to save the results.
    leaderboard_toggle : ipywidgets.ToggleButtons
        Hidden, top 3, top 5 or all.
    play : ipywidgets.Play
        The browser-side ticker that drives the countdown (kept out of sight).

    Examples
    --------
    >>> import random
    >>> from toolkit.quiz.model import Bank
    >>> bank = Bank.model_validate({
    ...     "id": "demo", "title": "Demo", "lesson": "demo",
    ...     "questions": [{"id": "q1", "type": "true_false", "prompt": "Sky is blue.",
    ...                    "answer": True, "explanation_true": "Yes.",
    ...                    "explanation_false": "Look up."}]})
    >>> now = [0.0]
    >>> host = HostSession(bank, clock=lambda: now[0], rng=random.Random(1))
    >>> _ = host.add_team("Owls")
    >>> view = HostWidget(host)
    >>> view.start_button.click()
    >>> now[0] = 4.0
    >>> view.tick()
    >>> "16 s" in view.timer.value
    True
    >>> view.answer_box.value = "T"
    >>> view.enter_button.click()
    >>> view.reveal_button.click()
    >>> "Correct" in view.reveal_html.value
    True
    """

    def __init__(
        self,
        host: HostSession,
        *,
        leaderboard: str = "Top 5",
        results_file: str = "final-challenge-results.csv",
    ) -> None:
        super().__init__()
        if leaderboard not in LEADERBOARD_CHOICES:
            choices = ", ".join(LEADERBOARD_CHOICES)
            raise ValueError(f"leaderboard must be one of {choices}, not {leaderboard!r}")
        self.add_class("smlab-host")
        self.add_class(HOUSE_CLASS)
        self.style_tag = style_element()
        self.labeller = slider_labeller()
        self.host = host
        self.compact = presenting()
        self.layout.max_width = "1200px"
        self.title = widgets.HTML(
            f"<h2 style='font-size:{'1.1em;margin:0' if self.compact else '2em'}'>"
            f"{markdown_to_html(host.title, inline=True)}</h2>"
        )
        self.header = widgets.HTML()
        self.prompt = widgets.HTML()
        self.choices = widgets.HTML()
        self.timer = widgets.HTML()
        self.time_limit = widgets.Dropdown(
            options=[(f"{limit} s", limit) for limit in TIME_LIMITS],
            value=host.limit,
            description="Time limit",
            layout={"width": "auto"},
        )
        self.start_button = self._button("Start timer", "Start the countdown")
        self.team = widgets.Dropdown(
            options=host.teams, description="Team", layout={"width": "18em"}
        )
        self.answer_box = widgets.Text(
            value="",
            description="Answer",
            placeholder="e.g. B, then Enter",
            style=_BIG,
            layout={"width": "24em"},
        )
        self.enter_button = self._button("Enter", "Record this team's answer")
        self.answers_in = widgets.HTML()
        self.message = widgets.HTML()
        self.reveal_button = self._button("Reveal", "Show the answer and the scores")
        self.next_button = self._button("Next question", "Go to the next question")
        self.leaderboard_toggle = widgets.ToggleButtons(
            options=list(LEADERBOARD_CHOICES),
            value=leaderboard,
            description="Leaderboard",
            tooltips=["Hide the scores", "The top 3", "The top 5", "Every team"],
        )
        self.reveal_html = widgets.HTML()
        self.chart = widgets.HTML()
        self.board = widgets.HTML()
        self.podium = widgets.HTML()
        self.new_team = widgets.Text(value="", description="New team", placeholder="team name")
        self.add_team_button = self._button("Add team", "Register this team")
        self.save_path = widgets.Text(
            value=results_file, description="Results file", style={"description_width": "initial"}
        )
        self.save_button = self._button("Save results (CSV)", "Write the results")
        self.play = widgets.Play(
            value=0, min=0, max=10**6, step=1, interval=TICK_MS, show_repeat=False
        )
        self.play.layout.display = "none"
        for part, name in (
            (self.header, "header"),
            (self.prompt, "prompt"),
            (self.choices, "choices"),
            (self.timer, "timer"),
            (self.time_limit, "time-limit"),
            (self.team, "team"),
            (self.answer_box, "answer"),
            (self.answers_in, "answers-in"),
            (self.message, "message"),
            (self.reveal_html, "reveal"),
            (self.chart, "chart"),
            (self.board, "board"),
            (self.podium, "podium"),
            (self.start_button, "start"),
            (self.enter_button, "enter"),
            (self.reveal_button, "reveal-button"),
            (self.next_button, "next"),
            (self.leaderboard_toggle, "leaderboard"),
            (self.new_team, "new-team"),
            (self.add_team_button, "add-team"),
            (self.save_button, "save"),
        ):
            part.add_class(f"smlab-host-{name}")  # stable hooks for browser tests and styling

        # Built once: redrawing changes values, never the boxes (no flicker, no lost clicks).
        self._question_parts: tuple[widgets.Widget, ...] = (
            self._compact_parts() if self.compact else self._roomy_parts()
        )
        self._showing = ""
        self._podium_parts: tuple[widgets.Widget, ...] = (
            self.style_tag,
            self.labeller,
            self.title,
            self.header,
            self.podium,
            self.board,
            widgets.HBox([self.save_path, self.save_button], layout={"align_items": "center"}),
            self.message,
            self.play,
        )

        self.start_button.on_click(self._safely(self._on_start))
        self.enter_button.on_click(self._safely(self._on_enter))
        self.reveal_button.on_click(self._safely(self._on_reveal))
        self.next_button.on_click(self._safely(self._on_next))
        self.add_team_button.on_click(self._safely(self._on_add_team))
        self.save_button.on_click(self._safely(self._on_save))
        self.answer_box.on_msg(self._on_key(self._on_enter))
        self.new_team.on_msg(self._on_key(self._on_add_team))
        self.leaderboard_toggle.observe(self._safely(self._draw_board), names="value")
        self.play.observe(self._safely(self.tick), names="value")
        self._draw()

    # -- parts ------------------------------------------------------------------------------

    def _roomy_parts(self) -> tuple[widgets.Widget, ...]:
        """The notebook layout: every part in big type, one under the other."""
        return (
            self.style_tag,
            self.labeller,
            self.title,
            self.header,
            self.prompt,
            self.choices,
            widgets.HBox(
                [self.timer, self.time_limit, self.start_button],
                layout={"align_items": "center", "flex_flow": "row wrap"},
            ),
            widgets.HBox(
                [self.team, self.answer_box, self.enter_button],
                layout={"align_items": "center", "flex_flow": "row wrap"},
            ),
            self.answers_in,
            self.message,
            widgets.HBox([self.reveal_button, self.next_button]),
            self.reveal_html,
            self.chart,
            self.leaderboard_toggle,
            self.board,
            widgets.HBox([self.new_team, self.add_team_button], layout={"align_items": "center"}),
            self.play,
        )

    def _compact_parts(self) -> tuple[widgets.Widget, ...]:
        """The projector layout: the question on the left, the room's state on the right.

        Left: title, question, options (marked once revealed) and the verdicts. Right: the
        timer, the answers in, the distribution, the leaderboard and the trainer's controls,
        of which only those the phase needs are shown (see :meth:`_update_controls`).
        """
        for part in (self.team, self.answer_box, self.new_team, self.time_limit):
            part.layout.width = "auto"
        self.answer_box.style.font_size = "1em"
        self.leaderboard_toggle.style.button_width = "auto"
        row = {"align_items": "center", "flex_flow": "row wrap"}  # gaps: see PRESENT_CSS
        self._entry_row = widgets.HBox(
            [self.time_limit, self.start_button, self.team, self.answer_box, self.enter_button],
            layout=row,
        )
        self._team_row = widgets.HBox([self.new_team, self.add_team_button], layout=row)
        question = widgets.VBox(  # the bank's title is left out: the header names the lesson
            [self.header, self.prompt, self.choices, self.reveal_html, self.message],
            layout={"flex": "5 1 0", "min_width": "0"},
        )
        room = widgets.VBox(
            [
                self.timer,
                self.answers_in,
                self._entry_row,
                widgets.HBox([self.reveal_button, self.next_button], layout=row),
                self.chart,
                self.board,
                self.leaderboard_toggle,
                self._team_row,
            ],
            layout={"flex": "2 1 0", "min_width": "0"},
        )
        self.leaderboard_toggle.description = ""  # its buttons say what they do
        self.add_class("smlab-host-compact")
        return (
            self.style_tag,
            self.labeller,
            widgets.HBox([question, room], layout={"align_items": "flex-start"}),
            self.play,
        )

    def _button(self, description: str, tooltip: str) -> widgets.Button:
        layout = {"height": "auto", "width": "auto"} if presenting() else dict(_BUTTON)
        button = widgets.Button(description=description, tooltip=tooltip, layout=layout)
        if not presenting():
            button.style.font_size = "1.2em"
        return button

    def _safely(self, action: Callable[..., None]) -> Callable[..., None]:
        """Run ``action``; show any error as a message instead of a traceback."""

        def run(*_args: Any) -> None:
            try:
                action()
            except ValueError as exc:  # HostError, ResponseError: written for the trainer
                self.message.value = _alert(str(exc))
            except Exception as exc:  # anything else: still no traceback on the projector
                self.message.value = _alert(f"Something went wrong: {exc}")

        return run

    def _on_key(self, action: Callable[[], None]) -> Callable[..., None]:
        """A handler for a text box's messages: Enter in the box runs ``action``."""
        safe = self._safely(action)

        def handle(_widget: Any, content: Any, _buffers: Any = None) -> None:
            if isinstance(content, dict) and content.get("event") == "submit":
                safe()

        return handle

    # -- drawing ----------------------------------------------------------------------------

    def _draw(self) -> None:
        """Draw the whole view for the session's phase."""
        host = self.host
        if host.finished:
            self._draw_podium()
            return
        question = host.current
        assert question is not None
        number, total = host.position
        worth = "no points (a poll)" if question.type == "poll" else f"{question.points} points"
        big = not self.compact
        self.header.value = (
            f"<p style='font-size:{'1.3em' if big else '1em;margin:0'}'>Question {number} of "
            f"{total} · {worth}{_lesson_line(question)}</p>"
        )
        prompt = markdown_to_html(question.prompt)
        self.prompt.value = (
            f"<div style='font-size:{'2.2em' if big else '1.1em'};line-height:1.3'>{prompt}</div>"
        )
        self._draw_choices(question, revealed=False)
        self.time_limit.value = host.limit
        self.reveal_html.value = ""
        self.chart.value = ""
        self._refresh_teams()
        self._update_controls()
        self.tick()
        self._draw_board()
        if self._showing != "question":
            self.children = self._question_parts
            self._showing = "question"

    def _draw_choices(self, question: Question, *, revealed: bool) -> None:
        size = "1.8em" if not self.compact else "1em"
        html = choices_html(
            self.host, question, revealed=revealed and self.compact, compact=self.compact
        )
        self.choices.value = f"<div style='font-size:{size}'>{html}</div>"

    def _refresh_teams(self) -> None:
        teams = self.host.teams
        current = self.team.value
        self.team.options = teams
        waiting = [t for t in teams if t not in self.host.answered_teams]
        if current in teams and current not in self.host.answered_teams:
            self.team.value = current
        elif waiting:
            self.team.value = waiting[0]
        elif teams:
            self.team.value = current if current in teams else teams[0]
        answered = self.host.answered_teams
        size = "1.3em" if not self.compact else "1em"
        if self.compact and self.host.phase == "revealed":
            self.answers_in.value = ""  # the verdicts say it now
        elif self.host.phase == "running" or answered:
            names = ", ".join(f"{icon('pencil')} {escape(t)}" for t in answered) or "none yet"
            everyone = (
                " · every team has answered: press Reveal when ready"
                if teams and len(answered) == len(teams) and self.host.phase == "running"
                else ""
            )
            self.answers_in.value = (
                f"<p style='font-size:{size}'>Answers in: {len(answered)} of {len(teams)} teams"
                f" · {names}{everyone}</p>"
            )
        elif not teams:
            self.answers_in.value = (
                f"<p style='font-size:{size}'>No teams yet: add one below (New team).</p>"
            )
        else:
            self.answers_in.value = ""

    def _update_controls(self) -> None:
        phase = self.host.phase
        running = phase == "running"
        self.start_button.disabled = phase != "ready"
        self.time_limit.disabled = phase != "ready"
        entry_closed = not running or self.host.time_up
        self.enter_button.disabled = entry_closed
        self.answer_box.disabled = entry_closed
        self.team.disabled = entry_closed
        self.reveal_button.disabled = not running
        self.next_button.disabled = running
        if self.compact:  # one screen: only the controls this phase needs
            self._entry_row.layout.display = "none" if phase == "revealed" else None
            self._team_row.layout.display = None if phase == "ready" else "none"
            self.reveal_button.layout.display = None if running else "none"
        number, total = self.host.position
        if number == total:
            self.next_button.description = "Finish: the podium"
            self.next_button.tooltip = "End the quiz and show the podium"
        elif phase == "ready":
            self.next_button.description = "Skip question"
            self.next_button.tooltip = "Move on without asking this question"
        else:
            self.next_button.description = "Next question"
            self.next_button.tooltip = "Go to the next question"

    def tick(self) -> None:
        """Redraw the countdown from the session's clock (the browser calls this 4x a second)."""
        host = self.host
        phase = host.phase
        if phase == "ready":
            text = f"{host.limit} s on the clock: press Start"
        elif phase == "running" and not host.time_up:
            text = f"{math.ceil(host.remaining())} s left"
        elif phase == "running":
            text = "Time is up: reveal the answer"
            if self.play.playing:
                self.play.playing = False
            if not self.enter_button.disabled:
                self._update_controls()
        elif phase == "revealed":
            text = "Revealed"
        else:
            text = "Finished"
        shape = {"Time is up": "clock", "Revealed": "check", "Finished": "flag"}
        drawn = next((icon(s) + " " for start, s in shape.items() if text.startswith(start)), "")
        size = "2.6em;min-width:9em" if not self.compact else "1.3em"
        self.timer.value = (
            f"<div role='timer' style='font-size:{size};font-weight:bold'>"
            f"{drawn}{escape(text)}</div>"
        )

    def _draw_board(self) -> None:
        top = LEADERBOARD_CHOICES[self.leaderboard_toggle.value]
        if top == 0:
            self.board.value = "<p><em>The leaderboard is hidden.</em></p>"
            return
        self.board.value = standings_html(
            self.host.leaderboard(top=top), self.host.revealed, compact=self.compact
        )

    def _draw_podium(self) -> None:
        self.play.playing = False
        self.podium.value = podium_html(self.host.podium())
        self.header.value = (
            "<p style='font-size:1.3em'>The quiz is over: well played, everyone.</p>"
        )
        self.timer.value = ""
        self.board.value = standings_html(self.host.leaderboard(), self.host.revealed)
        self.children = self._podium_parts
        self._showing = "podium"

    # -- actions ----------------------------------------------------------------------------

    def _on_start(self) -> None:
        self.message.value = ""
        limit = self.host.start_question(self.time_limit.value)
        self.play.playing = False
        self.play.value = 0
        self.play.playing = True
        self.message.value = _status(f"{limit} seconds: teams, answer now!")
        self._refresh_teams()
        self._update_controls()
        self.tick()

    def _on_enter(self) -> None:
        team = self.team.value
        if team is None:
            raise ValueError("Add a team first (New team, below).")
        self.host.answer_text(team, self.answer_box.value)
        seconds = self.host.elapsed()
        self.answer_box.value = ""
        self._refresh_teams()
        self.message.value = _status(f"{team}: answer recorded at {seconds:.1f} s.")
        self.tick()

    def _on_reveal(self) -> None:
        self.play.playing = False
        distribution = self.host.reveal()
        self.message.value = ""
        results = self.host.revealed_results()
        self.reveal_html.value = reveal_html(self.host, results, compact=self.compact)
        self.chart.value = distribution_html(distribution, compact=self.compact)
        question = self.host.current
        if question is not None:
            self._draw_choices(question, revealed=True)
        self._refresh_teams()
        self._update_controls()
        self.tick()
        self._draw_board()

    def _on_next(self) -> None:
        self.message.value = ""
        self.host.next()
        self._draw()

    def _on_add_team(self) -> None:
        name = self.host.add_team(self.new_team.value)
        self.new_team.value = ""
        self.message.value = _status(f"Team {name} joined.")
        self._refresh_teams()
        self._draw_board()

    def _on_save(self) -> None:
        path = Path(self.save_path.value.strip() or "final-challenge-results.csv")
        try:
            written = self.host.export_csv(path)
        except NotSavedError as exc:  # a read-only folder, a full disk: what, where, why
            self.message.value = _alert(not_saved_text(exc))
            return
        rows = len(self.host.results())
        self.message.value = _status(f"Saved {rows} rows to {shown_path(written)}")
