"""``smlab``: help, version and the lab command, as a person types them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

import toolkit
from tests.support import skip_or_fail
from toolkit.cli import build_parser, main
from toolkit.cli.lab import course_url, free_port, server_command, server_env

SMLAB = [sys.executable, "-m", "toolkit.cli"]
#: The token each server printed, by port.
_TOKENS: dict[int, str] = {}


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"smlab {toolkit.__version__}"


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    subparsers = next(action for action in build_parser()._actions if action.dest == "==SUPPRESS==")
    commands = list(subparsers.choices)  # type: ignore[attr-defined]
    assert "lab" in commands
    for command in commands:
        assert re.search(rf"^\s+{command}\s", out, re.MULTILINE), f"{command} missing from help"


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "commands:" in capsys.readouterr().out


def test_lab_dry_run_names_the_start_notebook(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lab", "--no-browser", "--port", "8899", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "jupyterlab" in out
    assert "--ServerApp.port=8899" in out
    assert "http://127.0.0.1:8899/lab/tree/00-start-here.ipynb?token=" in out


def test_lab_present_gives_the_server_and_its_kernels_projector_mode(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["lab", "--voila", "--present", "--no-browser", "--port", "8899", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("SMLAB_PRESENT=1 ")
    assert "toolkit.cli.voila_server" in out
    assert server_env("t", {}, present=True) == {"JUPYTER_TOKEN": "t", "SMLAB_PRESENT": "1"}
    assert "SMLAB_PRESENT" not in server_env("t", {})
    assert main(["lab", "--voila", "--no-browser", "--port", "8899", "--dry-run"]) == 0
    assert "SMLAB_PRESENT" not in capsys.readouterr().out


def test_lab_runs_as_root_only_with_allow_root(tmp_path: Path) -> None:
    command = server_command(tmp_path, voila=False, ip="127.0.0.1", port=1, open_browser=False)
    assert ("--allow-root" in command) == (os.geteuid() == 0)
    assert "--ServerApp.open_browser=False" in command


def test_voila_hides_code_and_uses_a_token(tmp_path: Path) -> None:
    command = server_command(tmp_path, voila=True, ip="127.0.0.1", port=1, open_browser=False)
    assert "--strip_sources=True" in command
    assert "--Voila.auto_token=True" in command  # the token itself comes from the environment
    assert server_env("secret", {})["JUPYTER_TOKEN"] == "secret"
    assert not any("secret" in word for word in command)
    url = course_url(voila=True, ip="127.0.0.1", port=1, token="secret")
    assert url == "http://127.0.0.1:1/voila/render/00-start-here.ipynb?token=secret"


def _serve_and_get(args: list[str], path: str, tmp_path: Path) -> tuple[int, str]:
    """Start ``smlab lab ARGS``, read the URL it prints, GET ``path`` there, stop it."""
    port = free_port("127.0.0.1", preferred=0)
    env = {
        **os.environ,
        "SMLAB_DATA_DIR": str(tmp_path / "data"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
    }
    with subprocess.Popen(
        [*SMLAB, "lab", "--no-browser", "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    ) as process:
        try:
            return _get_when_up(process, port, path)
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _get_when_up(process: subprocess.Popen[str], port: int, path: str) -> tuple[int, str]:
    """Read the URL ``smlab lab`` prints, then GET ``path`` there once it answers."""
    assert process.stdout is not None
    url = ""
    for line in process.stdout:
        if line.startswith("Open the course at: "):
            url = line.removeprefix("Open the course at: ").strip()
            break
    assert url.startswith(f"http://127.0.0.1:{port}/"), url
    token = url.split("token=")[1]
    _TOKENS[port] = token
    deadline = time.monotonic() + 90
    while True:
        try:
            target = f"http://127.0.0.1:{port}{path}?token={token}"
            with urllib.request.urlopen(target, timeout=60) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise
            time.sleep(0.3)


@pytest.mark.slow
def test_lab_serves_the_start_notebook(tmp_path: Path) -> None:
    status, body = _serve_and_get([], "/lab/tree/00-start-here.ipynb", tmp_path)
    assert status == 200
    assert "JupyterLab" in body


@pytest.mark.slow
def test_lab_voila_serves_the_lessons_as_apps(tmp_path: Path) -> None:
    status, body = _serve_and_get(["--voila"], "/voila/render/00-start-here.ipynb", tmp_path)
    assert status == 200
    assert "Find your route" in body  # the lesson's prose, rendered
    assert "application/vnd.jupyter.widget-view+json" in body  # its widgets, live
    assert "toolkit.RoutePicker()" not in body, "Voila must hide the lesson's code"


def test_listed_help_matches_each_command_module() -> None:
    """``smlab --help`` lists commands without importing them; the lines must stay true."""
    from toolkit.cli import COMMANDS

    full = build_parser()
    subparsers = next(action for action in full._actions if action.dest == "==SUPPRESS==")
    registered = {
        choice.dest: choice.help
        for choice in subparsers._choices_actions  # type: ignore[attr-defined]
    }
    assert registered == {command.name: command.help for command in COMMANDS}


def test_help_imports_no_command_module() -> None:
    probe = (
        "import sys, contextlib, io;"
        "from toolkit.cli import main;"
        "out = io.StringIO();"
        "ctx = contextlib.redirect_stdout(out);"
        "ctx.__enter__();"
        "code = main([]);"
        "ctx.__exit__(None, None, None);"
        "print(code, 'pandas' in sys.modules, 'toolkit.quiz' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    )
    assert result.stdout.split() == ["2", "False", "False"]


def _command_lines() -> list[tuple[int, str]]:
    """Every process's command line on this machine, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        found.append((int(entry.name), raw.replace(b"\0", b" ").decode("utf-8", "replace")))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("args", [[], ["--voila"]], ids=["jupyterlab", "voila"])
def test_lab_keeps_its_token_out_of_every_command_line_and_ends_its_children(
    tmp_path: Path, args: list[str]
) -> None:
    if not Path("/proc/self/cmdline").exists():
        skip_or_fail("no /proc to read command lines from")
    port = free_port("127.0.0.1", preferred=0)
    env = {
        **os.environ,
        "SMLAB_DATA_DIR": str(tmp_path / "data"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
    }
    with subprocess.Popen(
        [*SMLAB, "lab", "--no-browser", "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    ) as process:
        try:
            path = "/voila/render/00-start-here.ipynb" if args else "/api/status"
            status, _body = _get_when_up(process, port, path)  # Voila's page starts a kernel
            assert status == 200
            token = _TOKENS[port]
            assert len(token) == 32
            lines = _command_lines()
            assert any(pid == process.pid for pid, _line in lines)
            leaking = [line for _pid, line in lines if token in line]
            assert leaking == [], "the token is readable by every user in ps"
            descendants = psutil.Process(process.pid).children(recursive=True)
            assert descendants, "the server should be running under smlab lab"
        finally:
            process.terminate()  # a plain kill of smlab lab
            process.wait(timeout=60)
    _gone, alive = psutil.wait_procs(descendants, timeout=30)
    assert [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE] == []


def test_lab_serves_a_workspace_copy_never_the_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from toolkit.paths import notebooks_dir

    monkeypatch.setenv("SMLAB_WORKSPACE", str(tmp_path / "ws"))
    assert main(["lab", "--no-browser", "--port", "8899", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"--ServerApp.root_dir={tmp_path / 'ws'}" in out
    assert str(notebooks_dir()) not in out
    assert (tmp_path / "ws" / "00-start-here.ipynb").is_file()
