"""Helpers for tests: the CI rule that nothing may be skipped, and file permissions for root."""

from __future__ import annotations

import contextlib
import ctypes
import os
from collections.abc import Iterator

import pytest

#: True when running in CI, where a test that cannot run is a failure, never a skip.
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def skip_or_fail(reason: str) -> None:
    """Skip with ``reason`` on a laptop; fail in CI, where nothing may be skipped."""
    if IN_CI:
        pytest.fail(f"cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


# Linux capabilities that let root ignore file permissions (linux/capability.h).
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER = 1, 2, 3
_CAPABILITY_VERSION_3 = 0x20080522


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


@contextlib.contextmanager
def as_an_ordinary_user() -> Iterator[None]:
    """Make file permissions bind this thread even when the tests run as root.

    Root writes into a mode-0500 folder because of three capabilities (override, read-search,
    owner). Inside this block they are cleared from the calling thread's effective set (and
    restored after; they stay permitted), so a read-only folder is read-only, as for any
    learner. Capabilities are per thread in Linux: the code under test runs in this thread.
    A no-op for an ordinary user.
    """
    if os.geteuid() != 0:
        yield
        return
    libc = ctypes.CDLL(None, use_errno=True)
    header = _CapHeader(_CAPABILITY_VERSION_3, 0)
    saved = (_CapData * 2)()
    if libc.capget(ctypes.byref(header), saved) != 0:
        raise OSError(ctypes.get_errno(), "capget failed")
    lowered = (_CapData * 2)()
    ctypes.memmove(lowered, saved, ctypes.sizeof(saved))
    lowered[0].effective &= ~(
        (1 << _CAP_DAC_OVERRIDE) | (1 << _CAP_DAC_READ_SEARCH) | (1 << _CAP_FOWNER)
    )
    if libc.capset(ctypes.byref(header), lowered) != 0:
        raise OSError(ctypes.get_errno(), "capset failed")
    try:
        yield
    finally:
        header = _CapHeader(_CAPABILITY_VERSION_3, 0)
        if libc.capset(ctypes.byref(header), saved) != 0:
            raise OSError(ctypes.get_errno(), "capset failed restoring root's capabilities")
