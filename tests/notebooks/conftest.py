"""Notebook tests run the lessons through nbclient, as Voila and ``smlab export`` do.

They wait for kernel replies the same way, with the lost wake-up mended (see
:mod:`toolkit.kernel_replies`): without it a cell can wait out its whole time limit.
"""

from toolkit.kernel_replies import mend_lost_wakeups

mend_lost_wakeups()
