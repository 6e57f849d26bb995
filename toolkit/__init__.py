"""Service Improvement Lab: models, metrics, charts and quizzes for continual improvement.

Everything a lesson or an analyst needs is importable from here::

    import toolkit
"""

from toolkit._version import __version__
from toolkit.paths import datasets_dir, notebooks_dir, quizzes_dir

__all__ = [
    "__version__",
    "datasets_dir",
    "notebooks_dir",
    "quizzes_dir",
]
