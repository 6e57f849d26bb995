"""A real PostgreSQL server for the tests: started on 127.0.0.1, a free port, a temp folder.

Debian's ``postgresql`` package provides ``initdb`` and ``pg_ctl`` (``.ci/run`` installs it).
PostgreSQL refuses to run as root, so as root the server runs as the ``postgres`` user the
package creates, in a temporary folder that user owns. Each test gets its own database
(:meth:`PostgresServer.new_database`); the server is stopped at the end of the session.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

STARTUP_SECONDS = 60


def _binaries() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl`` (newest version first), if any."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(folder) / "initdb").is_file():
            return Path(folder)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def why_unavailable() -> str | None:
    """Why no server can be started here, or ``None`` when one can."""
    if _binaries() is None:
        return "PostgreSQL is not installed (apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server as"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    """A PostgreSQL server this test session started."""

    folder: Path
    port: int
    _names: itertools.count[int] = field(default_factory=itertools.count)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://smlab@127.0.0.1:{self.port}/{database}"

    def new_database(self, prefix: str = "t") -> str:
        """Create an empty database; return its URL."""
        name = f"{prefix}_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def start(max_connections: int = 100) -> PostgresServer:
    """Initialise and start a server in a new temporary folder (call :func:`stop` after)."""
    binaries = _binaries()
    assert binaries is not None
    folder = Path(tempfile.mkdtemp(prefix="smlab-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    subprocess.run(
        _as_server_user(
            [
                str(binaries / "initdb"),
                "-D",
                str(data),
                "-U",
                "smlab",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ]
        ),
        check=True,
        capture_output=True,
    )
    port = free_port()
    options = (
        f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder} "
        f"-c max_connections={max_connections} -c shared_buffers=32MB"
    )
    subprocess.run(
        _as_server_user(
            [
                str(binaries / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(folder / "server.log"),
                "-o",
                options,
                "-w",
                "-t",
                str(STARTUP_SECONDS),
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    server = PostgresServer(folder, port)
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            psycopg.connect(server.url(), connect_timeout=2).close()
            return server
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def stop(server: PostgresServer) -> None:
    """Stop the server (fast shutdown) and remove its folder."""
    binaries = _binaries()
    assert binaries is not None
    subprocess.run(
        _as_server_user(
            [
                str(binaries / "pg_ctl"),
                "-D",
                str(server.folder / "data"),
                "-m",
                "fast",
                "-w",
                "stop",
            ]
        ),
        check=False,
        capture_output=True,
    )
    shutil.rmtree(server.folder, ignore_errors=True)
