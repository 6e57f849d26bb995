"""The Voila server ``smlab lab --voila`` starts: Voila, after the lost wake-up mend.

Voila runs each lesson's cells through nbclient; see :mod:`toolkit.kernel_replies` for the
stall this avoids (a page left at "Executing n of m" for good).
"""

from __future__ import annotations

import sys

from toolkit.kernel_replies import mend_lost_wakeups

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Start Voila with ``argv`` (default: this process's arguments) after the mend.

    Parameters
    ----------
    argv : list of str, optional
        Voila's command-line arguments, without the program name.

    Returns
    -------
    int
        Voila's exit status.
    """
    mend_lost_wakeups()
    from voila.app import Voila

    Voila.launch_instance(argv=sys.argv[1:] if argv is None else argv)
    return 0


if __name__ == "__main__":  # pragma: no cover - run as ``python -m toolkit.cli.voila_server``
    raise SystemExit(main())
