"""Service Improvement Lab: models, metrics, charts and quizzes for continual improvement.

Everything a lesson or an analyst needs is importable from here::

    import toolkit
"""

from toolkit import plots
from toolkit._version import __version__
from toolkit.course import LESSONS, Lesson, lesson, lessons, route_for
from toolkit.course_widget import RoutePicker
from toolkit.paths import datasets_dir, notebooks_dir, quizzes_dir

__all__ = [
    "LESSONS",
    "Lesson",
    "RoutePicker",
    "__version__",
    "datasets_dir",
    "lesson",
    "lessons",
    "notebooks_dir",
    "plots",
    "quizzes_dir",
    "route_for",
]
