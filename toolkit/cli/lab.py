"""``smlab lab``: open the course in JupyterLab, or as Voila apps with the code hidden."""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

from toolkit.paths import WORKSPACE_ENV, prepare_workspace

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
    site-packages. Lessons are copied once; a learner's edited files are never overwritten.
    """
    return prepare_workspace()


def server_command(
    root: Path, *, voila: bool, ip: str, port: int, token: str, open_browser: bool
) -> list[str]:
    """Return the argv that starts JupyterLab (or Voila) on ``root``."""
    if voila:
        return [
            sys.executable,
            "-m",
            "voila",
            str(root),
            f"--Voila.ip={ip}",
            f"--port={port}",
            f"--Voila.token={token}",
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
        f"--IdentityProvider.token={token}",
        f"--LabApp.default_url=/lab/tree/{START_NOTEBOOK}",
        f"--ServerApp.open_browser={open_browser}",
        # Offline first: no news feed and no update checks from the network.
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


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
        root,
        voila=args.voila,
        ip=args.ip,
        port=port,
        token=token,
        open_browser=not args.no_browser,
    )
    url = course_url(voila=args.voila, ip=args.ip, port=port, token=token)
    if args.dry_run:
        print(" ".join(command))
        print(url)
        return 0
    what = "Voila (lessons as apps, code hidden)" if args.voila else "JupyterLab"
    print(f"Starting {what} on the lessons in {root}")
    print(f"Open the course at: {url}", flush=True)
    print("Stop the server with Ctrl+C.", flush=True)
    completed = subprocess.run(command, check=False)
    return 0 if completed.returncode in (0, -2, 130) else completed.returncode
