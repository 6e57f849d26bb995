"""``smlab lab``: open the course in JupyterLab, or as Voila apps with the code hidden."""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
from pathlib import Path

from toolkit.paths import PRESENT_ENV, WORKSPACE_ENV, refresh_workspace

START_NOTEBOOK = "00-start-here.ipynb"
__all__ = ["WORKSPACE_ENV", "lesson_workspace", "register", "run"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``lab`` command to ``smlab``."""
    parser = subparsers.add_parser(
        "lab",
        help="open the course in JupyterLab (or Voila with --voila)",
        description=(
            "Open the lessons in JupyterLab on 00-start-here, or with --voila serve them as "
            "apps with the code hidden. Prints the address to open."
        ),
    )
    parser.add_argument("--voila", action="store_true", help="serve lessons as Voila apps")
    parser.add_argument(
        "--present",
        action="store_true",
        help=(
            "projector mode: text of 24 px or more, charts across the page, the host panel "
            "on one screen, no personal points or level"
        ),
    )
    parser.add_argument("--port", type=int, default=None, help="port (default: a free one)")
    parser.add_argument("--ip", default="127.0.0.1", help="address to listen on")
    parser.add_argument(
        "--no-browser", action="store_true", help="print the address but do not open a browser"
    )
    parser.add_argument("--dry-run", action="store_true", help="print the server command and exit")
    parser.set_defaults(handler=run)


def free_port(ip: str = "127.0.0.1", preferred: int = 8888) -> int:
    """Return ``preferred`` if it is free on ``ip``, else a free port the OS picks."""
    for candidate in (preferred, 0):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind((ip, candidate))
            except OSError:
                continue
            port: int = sock.getsockname()[1]
            return port
    raise OSError(f"no free port on {ip}")  # pragma: no cover - the OS always offers one


def lesson_workspace() -> Path:
    """Return the folder the server opens: the learner's workspace copy of the lessons.

    Always a copy (see :func:`toolkit.paths.workspace_dir`), from a checkout as from a wheel,
    so JupyterLab's autosave and the files a lesson saves never land in the repository or in
    site-packages. Lessons the course has updated are refreshed unless the learner edited
    them; a learner's edits are never overwritten (it says so, and where the new version is).
    """
    report = refresh_workspace()
    for notice in report.notices():
        print(notice)
    return report.folder


#: How the token reaches the server: never in argv, where every user of the machine reads it
#: with ``ps``. jupyter_server's IdentityProvider reads it from this variable (Voila too,
#: with ``--Voila.auto_token=True``); a process's environment is readable by its owner only.
TOKEN_ENV = "JUPYTER_TOKEN"


def server_command(root: Path, *, voila: bool, ip: str, port: int, open_browser: bool) -> list[str]:
    """Return the argv that starts JupyterLab (or Voila) on ``root``.

    The token is not in it: pass ``server_env(token)`` as the process's environment.
    """
    if voila:
        return [
            sys.executable,
            "-m",
            "toolkit.cli.voila_server",  # Voila, with a lost-wake-up stall mended (see there)
            str(root),
            f"--Voila.ip={ip}",
            f"--port={port}",
            "--Voila.auto_token=True",  # the token comes from JUPYTER_TOKEN
            f"--Voila.open_browser={open_browser}",
            "--strip_sources=True",
            f"--ServerApp.root_dir={root}",
        ]
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.ip={ip}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--LabApp.default_url=/lab/tree/{START_NOTEBOOK}",
        f"--ServerApp.open_browser={open_browser}",
        # Offline first: no news feed and no update checks from the network.
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


def server_env(
    token: str, base: dict[str, str] | None = None, *, present: bool = False
) -> dict[str, str]:
    """Return the environment that gives the server its token (``JUPYTER_TOKEN``).

    Parameters
    ----------
    token : str
        The token the server will ask for.
    base : dict, optional
        The environment to extend (default: this process's).
    present : bool, default False
        Projector mode: set ``$SMLAB_PRESENT``, which every kernel the server starts
        inherits (see :func:`toolkit.paths.presenting`).

    Returns
    -------
    dict
        ``base`` with ``JUPYTER_TOKEN`` set (and ``JUPYTER_TOKEN_FILE`` removed), and
        ``SMLAB_PRESENT=1`` if ``present``.
    """
    env = dict(os.environ if base is None else base)
    env.pop("JUPYTER_TOKEN_FILE", None)
    env[TOKEN_ENV] = token
    if present:
        env[PRESENT_ENV] = "1"
    return env


def course_url(*, voila: bool, ip: str, port: int, token: str) -> str:
    """Return the address a person opens to start the course."""
    if voila:
        return f"http://{ip}:{port}/voila/render/{START_NOTEBOOK}?token={token}"
    return f"http://{ip}:{port}/lab/tree/{START_NOTEBOOK}?token={token}"


def run(args: argparse.Namespace) -> int:
    """Start the server in the foreground and print where to open the course."""
    root = lesson_workspace()
    port = args.port if args.port is not None else free_port(args.ip)
    token = secrets.token_hex(16)
    command = server_command(
        root, voila=args.voila, ip=args.ip, port=port, open_browser=not args.no_browser
    )
    url = course_url(voila=args.voila, ip=args.ip, port=port, token=token)
    if args.dry_run:
        print((f"{PRESENT_ENV}=1 " if args.present else "") + " ".join(command))
        print(url)
        return 0
    what = "Voila (lessons as apps, code hidden)" if args.voila else "JupyterLab"
    if args.present:
        what += " in projector mode"
    print(f"Starting {what} on the lessons in {root}")
    print(f"Open the course at: {url}", flush=True)
    print("Stop the server with Ctrl+C.", flush=True)
    return _serve(command, server_env(token, present=args.present))


class _StopError(Exception):
    """SIGTERM arrived: stop the server."""


def _stop(signum: int, frame: object) -> None:
    raise _StopError


def _serve(command: list[str], env: dict[str, str]) -> int:
    """Run the server in its own process group; end the whole group on Ctrl+C or SIGTERM.

    The server starts kernels (and Voila its own); a plain ``kill`` of ``smlab lab`` must
    leave none of them behind, so every way out ends the group: SIGTERM first (the server
    then shuts its kernels down), SIGKILL if it has not ended within 20 seconds.
    """
    previous = signal.signal(signal.SIGTERM, _stop)
    process = subprocess.Popen(command, env=env, start_new_session=True)
    try:
        code = process.wait()
    except (KeyboardInterrupt, _StopError):
        code = 0
    finally:
        _end_group(process)
        signal.signal(signal.SIGTERM, previous)
    return 0 if code in (0, -2, -15, 130) else code


def _end_group(process: subprocess.Popen[bytes]) -> None:
    """End ``process`` and every process in its group."""
    for sent in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sent)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            continue
        # The leader ended; end any child it left in the group.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        return
