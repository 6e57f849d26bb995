"""``smlab quiz``: a lesson's quiz (or the review queue) in a terminal, for those without Jupyter.

The same :class:`~toolkit.quiz.session.QuizSession` as the notebook widget, driven by typed
lines: the number of an option (several separated by spaces or commas), a number, a word,
``h`` for a hint, ``q`` (or end of input, or Ctrl+C) to stop. Every answer is saved as it is
given, so stopping keeps what was answered. A mistyped answer gets a message and the question
again, never a traceback.
"""

from __future__ import annotations

import argparse
import random
import string
import sys
import warnings
from datetime import UTC, datetime
from typing import Any, TextIO

from toolkit.quiz.bank_finder import find_bank
from toolkit.quiz.loader import load_bank
from toolkit.quiz.model import (
    BankError,
    Grade,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Poll,
    Question,
    Reflection,
    ResponseError,
    Scenario,
    ShortText,
    SingleChoice,
    TrueFalse,
)
from toolkit.quiz.review import load_course, review_session
from toolkit.quiz.sanitize import to_plain_text
from toolkit.quiz.scoring import hint_cost
from toolkit.quiz.session import QuizSession, SessionError, default_learner
from toolkit.quiz.store import ProgressStore, StoreError, StoreRecoveredWarning
from toolkit.safety.symbols import in_words
from toolkit.safety.terminal import for_terminal

__all__ = ["TerminalQuiz", "register", "run"]

_TRUE = frozenset({"1", "t", "true", "y", "yes"})
_FALSE = frozenset({"2", "f", "false", "n", "no"})
_QUIT = frozenset({"q", "quit", "exit"})
_HINT = frozenset({"h", "hint", "?"})


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``quiz`` command to ``smlab``."""
    parser = subparsers.add_parser(
        "quiz",
        help="take a lesson's quiz in the terminal (or --review what is due)",
        description=(
            "Take a lesson's quiz in the terminal: type the number of your answer, h for a "
            "hint, q to stop. Every answer is saved to your progress as you go. With "
            "--review, answer the questions due for review across all lessons."
        ),
    )
    parser.add_argument(
        "bank",
        nargs="?",
        metavar="BANK",
        help="a lesson name (e.g. 02-compound-improvement) or the path of a bank file",
    )
    parser.add_argument(
        "--mode",
        choices=("practice", "exam", "survey"),
        default="practice",
        help="practice: feedback after each answer, retries (default); exam: feedback at "
        "the end; survey: nothing graded",
    )
    parser.add_argument("--learner", default=None, help="your name (default: $SMLAB_LEARNER)")
    parser.add_argument("--seed", type=int, default=None, help="seed for the question order")
    parser.add_argument(
        "--review", action="store_true", help="answer the questions due for review instead"
    )
    parser.add_argument(
        "--store",
        default=None,
        metavar="PATH",
        help="progress file (default: $SMLAB_DATA_DIR/progress.sqlite3 or your data folder)",
    )
    parser.set_defaults(handler=run)


def _open_store(path: str | None, err: TextIO) -> ProgressStore | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", StoreRecoveredWarning)
            store = ProgressStore(path)
    except (StoreError, OSError) as exc:
        print(f"Your progress is not being saved this time: {exc}", file=err)
        return None
    if store.recovery is not None:
        print(f"Note: {store.recovery}", file=err)
    return store


def run(args: argparse.Namespace) -> int:
    """Run ``smlab quiz`` on standard input and output; return the exit status.

    Returns
    -------
    int
        0 when the quiz ends or the learner stops with ``q`` or end of input, 1 for a bank
        that cannot be used, 2 for a usage error, 130 when stopped with Ctrl+C.
    """
    out, err = sys.stdout, sys.stderr
    if args.review == bool(args.bank):
        print(
            "smlab quiz: give a lesson name or bank file, or --review (not both)",
            file=err,
        )
        return 2
    learner = args.learner or default_learner()
    rng = random.Random(args.seed)
    if args.review:
        banks, problems = load_course()
        for problem in problems:
            print(f"skipped: {problem}", file=err)
        store = _open_store(args.store, err)
        if store is None:
            print("The review queue lives in your progress file, which cannot be read.", file=err)
            return 1
        with store:
            session, notes = review_session(
                store, learner, banks=banks, now=datetime.now(UTC), rng=rng
            )
            for note in notes:
                print(note, file=out)
            if session is None:
                return 0
            return TerminalQuiz(session, sys.stdin, out).run()
    try:
        bank = load_bank(find_bank(args.bank))
    except BankError as exc:
        print(f"smlab quiz: the bank cannot be used:\n{exc}", file=err)
        return 1
    except FileNotFoundError as exc:
        print(f"smlab quiz: {exc}", file=err)
        return 1
    store = _open_store(args.store, err)
    session = QuizSession(bank, mode=args.mode, rng=rng, store=store, learner=learner)
    try:
        return TerminalQuiz(session, sys.stdin, out).run()
    finally:
        if store is not None:
            store.close()


class _StoppedError(Exception):
    """The learner asked to stop (``q`` or end of input)."""


class TerminalQuiz:
    """A session played on text streams: questions out, typed answers in.

    Parameters
    ----------
    session : QuizSession
        The session to play.
    stdin, stdout : text streams
        Where answers are read from and everything is written to.
    """

    def __init__(self, session: QuizSession, stdin: TextIO, stdout: TextIO) -> None:
        self.session = session
        self.stdin = stdin
        self.stdout = stdout

    def say(self, text: str = "") -> None:
        """Write a line (control characters removed: bank text never drives the terminal)."""
        print(for_terminal(in_words(text)), file=self.stdout, flush=True)

    def read(self, prompt: str) -> str:
        """Show ``prompt`` and read a line; raise ``_StoppedError`` on ``q`` or end of input."""
        self.stdout.write(for_terminal(in_words(prompt)))
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.say()
            raise _StoppedError
        text = line.strip()
        if text.lower() in _QUIT:
            raise _StoppedError
        return text

    def run(self) -> int:
        """Play until the end, ``q``, end of input or Ctrl+C; print the summary."""
        session = self.session
        mode = "review" if session.review else session.mode
        self.say(f"Quiz: {to_plain_text(session.bank.title)} ({mode}; learner {session.learner})")
        self.say("Type the number of your answer. h = hint, q = stop (your answers are saved).")
        status = 0
        try:
            while session.current is not None:
                self.ask(session.current)
        except _StoppedError:
            self.say("Stopped.")
        except KeyboardInterrupt:
            self.say("\nStopped.")
            status = 130
        self.finish()
        return status

    # -- one question --------------------------------------------------------------------

    def ask(self, question: Question) -> None:
        """Show ``question``, read answers until one is accepted, then show the feedback."""
        session = self.session
        number, total = session.position
        self.say()
        worth = f"{question.points} points" if question.points else "no points"
        self.say(f"Question {number} of {total} · {question.difficulty} · {worth}")
        self.say(to_plain_text(question.prompt))
        for line in self.choices(question):
            self.say(line)
        while True:
            text = self.read(f"{self.instruction(question)}: ")
            if text.lower() in _HINT:
                self.hint()
                continue
            if not text:
                self.say("Type an answer, h for a hint or q to stop.")
                continue
            try:
                grade = session.answer(self.parse(question, text))
            except (ResponseError, SessionError) as exc:
                self.say(f"Warning: {exc}")
                continue
            except StoreError as exc:
                self.say(f"Warning: your answer was not saved: {exc}. Try again.")
                continue
            if self.after(question, grade):
                break
        session.next()

    def after(self, question: Question, grade: Grade) -> bool:
        """Show what follows an answer; return whether to move on (not retry)."""
        session = self.session
        if session.mode == "survey":
            self.say("Recorded.")
            return True
        if not session.feedback_visible:
            self.say("Answer recorded. You will see how you did at the end.")
            return True
        self.feedback(grade)
        hidden = grade.correct is False and not session.answer_shown()
        prompt = (
            "Enter = next question, r = try again, a = show the answer, q = stop: "
            if hidden
            else "Enter = next question, r = try again, q = stop: "
            if grade.correct is False
            else "Enter = next question, q = stop: "
        )
        while True:
            choice = self.read(prompt).lower()
            if choice in ("", "n", "next"):
                return True
            if choice in ("r", "retry", "again"):
                for line in self.choices(question):
                    self.say(line)
                return False
            if choice in _HINT:
                self.hint()
                continue
            if hidden and choice in ("a", "answer"):
                session.show_answer()
                if grade.expected:
                    self.say(f"The right answer: {to_plain_text(grade.expected)}")
                continue
            self.say("Press Enter for the next question, r to try again, or q to stop.")

    def feedback(self, grade: Grade) -> None:
        """Write the verdict, the explanation and, if missed, the right answer."""
        self.say(grade.verdict)
        if grade.feedback:
            self.say(to_plain_text(grade.feedback))
        if grade.correct is False and grade.expected and self.session.answer_shown():
            self.say(f"The right answer: {to_plain_text(grade.expected)}")

    def hint(self) -> None:
        """Show the next hint, or say there is none left."""
        session = self.session
        question = session.current
        answered = session.answered()
        text = session.hint()
        if text is None:
            self.say("No more hints for this question.")
            return
        cost = "" if answered or question is None else f" (-{hint_cost(question.points)} points)"
        self.say(f"Hint {session.hints_used()}{cost}: {to_plain_text(text)}")

    # -- question types ------------------------------------------------------------------

    def choices(self, question: Question) -> list[str]:
        """The numbered lines a learner chooses from."""
        order = self.session.presented(question)
        if isinstance(question, SingleChoice | MultipleChoice | Scenario | Poll):
            texts = {option.id: option.text for option in question.options}
            return [f"  {n}. {to_plain_text(texts[i])}" for n, i in enumerate(order, 1)]
        if isinstance(question, TrueFalse):
            return ["  1. True", "  2. False"]
        if isinstance(question, Ordering):
            items = {item.id: item.text for item in question.items}
            return [f"  {n}. {to_plain_text(items[i])}" for n, i in enumerate(order, 1)]
        if isinstance(question, Matching):
            rights = question.right_sides()
            lines = [f"  {n}. {to_plain_text(p.left)}" for n, p in enumerate(question.pairs, 1)]
            lines += [
                f"  {letter}) {to_plain_text(rights[i])}"
                for letter, i in zip(string.ascii_lowercase, order, strict=False)
            ]
            return lines
        if isinstance(question, Numeric) and question.unit:
            return [f"  (in {to_plain_text(question.unit)})"]
        return []

    def instruction(self, question: Question) -> str:
        """What to type, in words."""
        if isinstance(question, MultipleChoice) or (
            isinstance(question, Poll) and question.multiple
        ):
            text = "Numbers of every option that applies (e.g. 1 3)"
        elif isinstance(question, SingleChoice | Scenario | Poll):
            text = "Number of your answer"
        elif isinstance(question, TrueFalse):
            text = "1 = true, 2 = false"
        elif isinstance(question, Numeric):
            text = "A number"
        elif isinstance(question, ShortText):
            text = "Your answer"
        elif isinstance(question, Reflection):
            text = "Your answer, on one line (not graded; kept with your progress)"
        elif isinstance(question, Ordering):
            text = "The numbers in the right order (e.g. 3 1 2)"
        else:
            text = "For each numbered item, the letter it matches (e.g. b a c)"
        left = self.session.hints_left(question)
        if left:
            text += f"; h = hint ({left} left)"
        return text

    def parse(self, question: Question, text: str) -> Any:
        """Turn a typed line into a response; raise ``ResponseError`` with a message."""
        order = self.session.presented(question)
        if isinstance(question, MultipleChoice) or (
            isinstance(question, Poll) and question.multiple
        ):
            return [order[n - 1] for n in _numbers(text, len(order))]
        if isinstance(question, SingleChoice | Scenario | Poll):
            picks = _numbers(text, len(order))
            if len(picks) != 1:
                raise ResponseError("Choose one option: type its number.")
            return order[picks[0] - 1]
        if isinstance(question, TrueFalse):
            word = text.lower()
            if word in _TRUE:
                return True
            if word in _FALSE:
                return False
            raise ResponseError("Type 1 for true or 2 for false.")
        if isinstance(question, Numeric | ShortText | Reflection):
            return text
        if isinstance(question, Ordering):
            picks = _numbers(text, len(order))
            if sorted(picks) != list(range(1, len(order) + 1)):
                raise ResponseError(
                    f"Type each number from 1 to {len(order)} once, in the order you choose."
                )
            return [order[n - 1] for n in picks]
        assert isinstance(question, Matching)
        letters = [c for c in text.lower() if not c.isspace() and c != ","]
        allowed = string.ascii_lowercase[: len(order)]
        if len(letters) != len(question.pairs) or any(c not in allowed for c in letters):
            raise ResponseError(
                f"Type {len(question.pairs)} letters from {allowed[0]} to {allowed[-1]}, one for "
                "each numbered item, in order (e.g. b a c)."
            )
        return {
            pair.id: order[allowed.index(letter)]
            for pair, letter in zip(question.pairs, letters, strict=True)
        }

    # -- the end -------------------------------------------------------------------------

    def finish(self) -> None:
        """Write the summary: score, points, streak, level, badges; exam results in full."""
        session = self.session
        summary = session.summary()
        self.say()
        if session.mode == "exam" and session.finished:
            for number, result in enumerate(summary.results, 1):
                self.say(f"{number}. {to_plain_text(result.question.prompt)}")
                if result.grade is None:
                    self.say("   (not answered)")
                else:
                    self.feedback(result.grade)
        self.say(
            f"Answered {summary.answered} of {summary.total}"
            + (
                f" · score {summary.score:.0%} · right first time {summary.correct}"
                if session.mode != "survey"
                else ""
            )
            + f" · points {summary.points} of {summary.max_points}"
        )
        self.say(f"Streak: {summary.streak} · {summary.level} ({session.total_points} points)")
        for badge in summary.badges:
            self.say(f"Badge earned: {badge} - {badge.description}")
        if session.store is not None and summary.answered:
            self.say("Your answers are saved.")
        elif summary.answered:
            self.say("Your answers were not saved (no progress file).")


def _numbers(text: str, count: int) -> list[int]:
    """Read option numbers (1 to ``count``) separated by spaces or commas."""
    parts = text.replace(",", " ").split()
    try:
        numbers = [int(part) for part in parts]
    except ValueError:
        raise ResponseError(f"Type option numbers from 1 to {count}, not {text!r}.") from None
    if not numbers:
        raise ResponseError(f"Type an option number from 1 to {count}.")
    bad = [n for n in numbers if not 1 <= n <= count]
    if bad:
        raise ResponseError(f"There is no option {bad[0]}: choose from 1 to {count}.")
    if len(set(numbers)) != len(numbers):
        raise ResponseError("Type each number once.")
    return numbers
