"""The one error the export commands raise for a problem a trainer can fix."""

from __future__ import annotations


class ExportError(ValueError):
    """An export could not be made: an unknown lesson or bank, a lesson that fails to run,
    or a missing browser for PDF printing. The message says what and how to fix it.

    It is a ``ValueError``, so ``smlab`` prints it as an error line (exit 1), never a
    traceback.
    """
