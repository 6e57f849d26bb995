"""Take-aways that work offline: slides, handouts, a quiz page and quick reference cards.

- :func:`export_lesson` runs a lesson and writes reveal.js slides and an HTML handout (and a
  PDF printed by chromium), loading every script from the vendored copies in ``assets/``;
- :func:`export_quiz` writes a bank's quiz as one self-contained HTML page, graded in the
  page exactly as :func:`toolkit.quiz.grade` grades;
- :func:`export_plan` writes a learner's one-page improvement plan (lesson 11) as one
  self-contained HTML file;
- :func:`export_card` draws a lesson's one-page quick reference card (PNG and PDF).

``smlab export slides|handout|quiz|card`` is the command line over the same functions.
"""

from toolkit.export.assets import copy_assets
from toolkit.export.browser import CHROMIUM_ARGS, chromium_path, print_pdf
from toolkit.export.card import Card, draw_card, export_card, load_cards
from toolkit.export.errors import ExportError
from toolkit.export.notebook_export import LessonExport, export_lesson, export_lessons
from toolkit.export.plan import export_plan, plan_html
from toolkit.export.quiz_html import export_quiz, quiz_page
from toolkit.export.trainer import common_wrong_answers, lesson_timings, trainer_guide

__all__ = [
    "CHROMIUM_ARGS",
    "Card",
    "ExportError",
    "LessonExport",
    "chromium_path",
    "common_wrong_answers",
    "copy_assets",
    "draw_card",
    "export_card",
    "export_lesson",
    "export_lessons",
    "export_plan",
    "export_quiz",
    "lesson_timings",
    "load_cards",
    "plan_html",
    "print_pdf",
    "quiz_page",
    "trainer_guide",
]
