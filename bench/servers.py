"""Starting and stopping the production recipe (gunicorn) on loopback for the benchmark."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parent.parent


def production_env(work: Path) -> dict[str, str]:
    """This process's environment without the site's own settings, then production mode as the
    README runs it (plain HTTP on 127.0.0.1, static and media files under `work`)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=str(work / "static"),
        DJANGO_MEDIA_ROOT=str(work / "media"),
    )
    return env


def refuse_a_busy_port(port: int) -> None:
    # Another server on the port would answer the health check, and be measured instead.
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"Something already listens on 127.0.0.1:{port}: stop it first.")


def start(env: dict[str, str]) -> subprocess.Popen:
    """gunicorn with aouad_site/gunicorn.conf.py, bound where env's GUNICORN_BIND says."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            str(ROOT / "aouad_site" / "gunicorn.conf.py"),
            "aouad_site.wsgi",
        ],
        env=env,
        cwd=ROOT,
    )


def start_proxy(listen: str, upstream: str) -> tuple[subprocess.Popen, Path]:
    """nginx with aouad_site/nginx.conf in front of `upstream`, and the folder it runs in."""
    # Its workers drop to an unprivileged user when started as root: a folder they can use.
    run_dir = Path(tempfile.mkdtemp(prefix="aouad-nginx-"))
    run_dir.chmod(0o755)
    conf = Template((ROOT / "aouad_site" / "nginx.conf").read_text()).safe_substitute(
        AOUAD_LISTEN=listen, AOUAD_UPSTREAM=upstream, AOUAD_RUN_DIR=str(run_dir)
    )
    (run_dir / "nginx.conf").write_text(conf)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    command = [nginx, "-p", str(run_dir), "-c", str(run_dir / "nginx.conf"), "-g", "daemon off;"]
    return subprocess.Popen(command), run_dir


def wait_until_up(process: subprocess.Popen, base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server exited during start-up")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{base} did not answer /healthz in time")


def manage(env: dict[str, str], *args: str) -> None:
    """`manage.py` with `args`, in the benchmark's environment."""
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True)


def shell(env: dict[str, str], code: str) -> str:
    """The last line `manage.py shell -c code` prints, in the benchmark's environment."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "--no-imports", "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.strip().splitlines()[-1]


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
