"""JupyterHub configuration: the Service Improvement Lab course for a whole cohort.

The course (``pip install service-improvement-lab``) is installed once, in the environment the
single-user servers run from. On each learner's first start a pre-spawn hook copies the lessons
into their workspace (``~/service-improvement-lab``; files already there are never replaced),
and every server gets the shared progress database's URL, so the cohort's answers land in one
PostgreSQL database and the trainer's ``smlab cohort`` sees everyone.

Settings come from the environment of the hub, so the same file serves The Littlest JupyterHub,
a plain server and the tests (see ``deploy/README.md``):

``SMLAB_DATABASE_URL``  the shared database, e.g. ``postgresql://smlab:secret@db/course``
``SMLAB_TRAINERS``      comma-separated hub users who see the whole cohort
``SMLAB_HUB_IP``, ``SMLAB_HUB_PORT``  where the hub listens (default 0.0.0.0:8000)
``SMLAB_HUB_DUMMY``     ``1``: any name logs in with the shared password ``SMLAB_HUB_PASSWORD``
                        and servers run as the hub's own user in ``SMLAB_HUB_HOMES/<name>``
                        (trials and tests only; a real hub keeps its own authenticator)
"""

from __future__ import annotations

import os
import pwd
import shutil
import sys
from pathlib import Path
from typing import Any

c: Any = get_config()  # type: ignore[name-defined]  # noqa: F821 - given by JupyterHub

WORKSPACE = "service-improvement-lab"


def copy_workspace(home: Path) -> Path:
    """Copy the installed lessons into ``home/service-improvement-lab``; never overwrite."""
    from toolkit.paths import notebooks_dir

    target = home / WORKSPACE
    target.mkdir(parents=True, exist_ok=True)
    for item in notebooks_dir().iterdir():
        destination = target / item.name
        if item.is_file() and item.suffix == ".ipynb" and not destination.exists():
            shutil.copy2(item, destination)
    return target


def pre_spawn_hook(spawner: Any) -> None:
    """First start: the learner's own copy of the lessons, owned by them."""
    home = Path(getattr(spawner, "home_dir", "") or pwd.getpwnam(spawner.user.name).pw_dir)
    target = copy_workspace(home)
    if os.geteuid() == 0 and not os.environ.get("SMLAB_HUB_DUMMY"):
        for path in (target, *target.iterdir()):
            shutil.chown(path, spawner.user.name)


c.JupyterHub.ip = os.environ.get("SMLAB_HUB_IP", "0.0.0.0")
c.JupyterHub.port = int(os.environ.get("SMLAB_HUB_PORT", "8000"))
c.Spawner.pre_spawn_hook = pre_spawn_hook
c.Spawner.default_url = f"/lab/tree/{WORKSPACE}/00-start-here.ipynb"
c.Spawner.notebook_dir = "~"
c.Spawner.environment = {
    key: os.environ[key] for key in ("SMLAB_DATABASE_URL", "SMLAB_TRAINERS") if key in os.environ
}
# One learner's kernel with the course imported uses about 150 MB (deploy/README.md).
c.Spawner.mem_limit = os.environ.get("SMLAB_MEM_LIMIT", "1G")
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120

if os.environ.get("SMLAB_HUB_DUMMY") == "1":
    homes = Path(os.environ.get("SMLAB_HUB_HOMES", "/tmp/smlab-hub-homes"))
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = os.environ.get("SMLAB_HUB_PASSWORD", "")
    c.Authenticator.allow_all = True
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(homes / "{username}")
    c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
    c.Spawner.args = ["--allow-root"] if os.geteuid() == 0 else []
    state = Path(os.environ.get("SMLAB_HUB_STATE", str(homes)))
    c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
    c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
    c.JupyterHub.hub_ip = "127.0.0.1"
    if "SMLAB_HUB_INTERNAL_PORT" in os.environ:
        c.JupyterHub.hub_port = int(os.environ["SMLAB_HUB_INTERNAL_PORT"])
    if "SMLAB_PROXY_API_PORT" in os.environ:
        c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ['SMLAB_PROXY_API_PORT']}"
