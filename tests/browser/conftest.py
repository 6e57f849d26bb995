"""Real servers and a real browser: JupyterLab and Voila on 127.0.0.1, driven by Chromium.

The servers are started by the tests themselves, on a free port with a token, over a
temporary copy of the lessons (JupyterLab autosaves; the checkout must stay clean). The
browser is Debian's chromium driven by Playwright; without it these tests skip on a laptop
and fail in CI. On failure, pytest-playwright saves a screenshot under ``test-artifacts/``.
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support import skip_or_fail
from toolkit.cli.lab import free_port, server_command, server_env
from toolkit.export.browser import CHROMIUM_ARGS, chromium_path
from toolkit.paths import notebooks_dir

STARTUP_SECONDS = 90


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's chromium instead of a Playwright-downloaded browser."""
    executable = chromium_path()
    if executable is None:
        skip_or_fail("Debian's chromium is not installed (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A projector-sized window."""
    return {**browser_context_args, "viewport": {"width": 1366, "height": 900}}


@dataclass
class Server:
    """A running Jupyter server the tests started."""

    url: str
    token: str
    root: Path
    process: subprocess.Popen[bytes]
    log: Path

    def address(self, path: str) -> str:
        """Return the full URL of ``path`` with the token."""
        separator = "&" if "?" in path else "?"
        return f"{self.url}{path}{separator}token={self.token}"


def _wait_until_up(server: Server, probe: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"server exited with {server.process.returncode}:\n{server.log.read_text()}"
            )
        try:
            with urllib.request.urlopen(server.address(probe), timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise RuntimeError(f"server not up after {STARTUP_SECONDS}s:\n{server.log.read_text()}")


def _start(tmp_root: Path, *, voila: bool, present: bool = False) -> Iterator[Server]:
    lessons = tmp_root / "lessons"
    shutil.copytree(notebooks_dir(), lessons)
    port = free_port("127.0.0.1", preferred=0)
    token = secrets.token_hex(16)
    command = server_command(lessons, voila=voila, ip="127.0.0.1", port=port, open_browser=False)
    log = tmp_root / "server.log"
    env = {
        **server_env(token, present=present),
        "SMLAB_DATA_DIR": str(tmp_root / "data"),
        "SMLAB_LEARNER": "browser-test",
        "JUPYTER_CONFIG_DIR": str(tmp_root / "jupyter-config"),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_root / "lab-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_root / "lab-workspaces"),
    }
    env.pop("MPLBACKEND", None)  # the kernel's inline backend must draw figures
    if not present:
        env.pop("SMLAB_PRESENT", None)
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command, stdout=sink, stderr=subprocess.STDOUT, env=env, cwd=lessons
        )
    server = Server(f"http://127.0.0.1:{port}", token, lessons, process, log)
    try:
        _wait_until_up(server, "/voila/tree" if voila else "/api/status")
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def jupyterlab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A real JupyterLab server on a temporary copy of the lessons."""
    yield from _start(tmp_path_factory.mktemp("jupyterlab"), voila=False)


@pytest.fixture(scope="session")
def voila_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A real Voila server on a temporary copy of the lessons."""
    yield from _start(tmp_path_factory.mktemp("voila"), voila=True)


@pytest.fixture(scope="session")
def voila_present_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A real Voila server in projector mode (``smlab lab --voila --present``)."""
    yield from _start(tmp_path_factory.mktemp("voila-present"), voila=True, present=True)
