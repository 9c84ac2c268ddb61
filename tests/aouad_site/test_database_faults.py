"""A PostgreSQL of the test's own, frozen and then stopped under the production recipe (gunicorn
behind nginx): answers come within seconds, as 503s, the log stays short, and the site recovers
by itself when the database comes back."""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from bench import servers

GUNICORN_CONF = "aouad_site/gunicorn.conf.py"
BIN = next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin"))), "")
pytestmark = [
    # It needs no test database; it runs beside the PostgreSQL run of the suite only.
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL fault test"),
    pytest.mark.skipif(not BIN or not shutil.which("nginx"), reason="needs PostgreSQL and nginx"),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_postgres(*command: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)


@dataclass
class Cluster:
    data: Path
    port: int

    def pg_ctl(self, *args: str) -> None:
        command = _as_postgres(f"{BIN}/pg_ctl", "-D", str(self.data), "-w", *args)
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.pg_ctl("-o", options, "-l", str(self.data / "log"), "start")

    def processes(self) -> list[int]:
        """The server and every backend it forked."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        children = Path(f"/proc/{postmaster}/task/{postmaster}/children").read_text().split()
        return [postmaster, *map(int, children)]

    def signal(self, signum: int) -> None:
        for pid in self.processes():
            os.kill(pid, signum)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    root = Path(tempfile.mkdtemp(prefix="aouad-pg-"))
    root.chmod(0o755)
    data = root / "data"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    subprocess.run(
        _as_postgres(f"{BIN}/initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "-N"),
        check=True,
        capture_output=True,
        timeout=120,
    )
    cluster = Cluster(data, _free_port())
    cluster.start()
    try:
        yield cluster
    finally:
        subprocess.run(
            _as_postgres(f"{BIN}/pg_ctl", "-D", str(data), "-m", "immediate", "stop"),
            capture_output=True,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class Site:
    base: str
    log: Path

    def get(self, path: str) -> tuple[int, str, float]:
        """Status, Retry-After and seconds taken of a GET through nginx."""
        started = time.monotonic()
        try:
            with urllib.request.urlopen(self.base + path, timeout=30) as response:  # noqa: S310
                return response.status, "", time.monotonic() - started
        except urllib.error.HTTPError as error:
            retry_after = error.headers.get("Retry-After", "")
            return error.code, retry_after, time.monotonic() - started


@pytest.fixture(scope="module")
def site(cluster: Cluster) -> Iterator[Site]:
    app_port, proxy_port = _free_port(), _free_port()
    work = Path(tempfile.mkdtemp(prefix="aouad-faults-"))
    env = servers.production_env(work)  # JSON log lines, no development handlers
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{cluster.port}/postgres",
        GUNICORN_BIND=f"127.0.0.1:{app_port}",
        GUNICORN_TIMEOUT="3",
        GUNICORN_ACCESS_LOG="",
        WEB_CONCURRENCY="2",
        PAGE_CACHE_SECONDS="0",  # every page asks the database
        PROXY_CACHE_SECONDS="0",
    )
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput", "-v0"]):
        manage = [sys.executable, "manage.py", *command]
        subprocess.run(manage, cwd=settings.BASE_DIR, env=env, check=True, capture_output=True)
    log = work / "gunicorn.log"
    with log.open("w") as output:
        gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", GUNICORN_CONF, "aouad_site.wsgi"],
            cwd=settings.BASE_DIR,
            env=env,
            stderr=output,
            start_new_session=True,
        )
    nginx, run_dir = servers.start_proxy(f"127.0.0.1:{proxy_port}", f"127.0.0.1:{app_port}")
    try:
        servers.wait_until_up(gunicorn, f"http://127.0.0.1:{app_port}")
        servers.wait_until_up(nginx, f"http://127.0.0.1:{proxy_port}")
        yield Site(f"http://127.0.0.1:{proxy_port}", log)
    finally:
        nginx.terminate()
        os.killpg(gunicorn.pid, signal.SIGTERM)
        for process in (nginx, gunicorn):
            process.wait(timeout=30)
        shutil.rmtree(run_dir, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


def _recovers(site: Site, path: str, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if site.get(path)[0] == 200:
            return True
        time.sleep(0.2)
    return False


def test_a_frozen_database_gets_503s_within_seconds(
    cluster: Cluster, site: Site, record_property: Callable[[str, object], None]
) -> None:
    assert site.get("/theories/")[0] == 200
    cluster.signal(signal.SIGSTOP)  # still accepts connections, answers nothing
    try:
        health = site.get("/healthz")
        page = site.get("/theories/")
    finally:
        cluster.signal(signal.SIGCONT)
    record_property("healthz_seconds", round(health[2], 3))
    record_property("page_seconds", round(page[2], 3))

    assert health[0] == 503 and health[2] < 2
    # The worker held by the frozen database is ended at its timeout (3 s here); nginx answers.
    assert page[:2] == (503, "5") and page[2] < 6
    assert _recovers(site, "/theories/", within=10)


def test_a_stopped_database_gets_503s_a_short_log_and_recovers_by_itself(
    cluster: Cluster, site: Site, record_property: Callable[[str, object], None]
) -> None:
    assert site.get("/theories/")[0] == 200
    logged_before = site.log.read_text()
    cluster.pg_ctl("-m", "immediate", "stop")
    answers = []
    try:
        ends = time.monotonic() + 4
        while time.monotonic() < ends:
            answers.append(site.get("/theories/"))
    finally:
        cluster.start()
    log = site.log.read_text()[len(logged_before) :]
    record_property("answers_503", len(answers))
    record_property("slowest_seconds", round(max(seconds for *_, seconds in answers), 3))
    record_property("log_lines", len(log.splitlines()))

    assert answers and all(status == 503 and retry == "5" for status, retry, _ in answers)
    assert max(seconds for *_, seconds in answers) < 4
    assert "Traceback" not in log
    # One line per worker every five seconds at most, however many requests failed; besides
    # it, only the request log's own line per request (level INFO), no error per request.
    assert log.count("The database is unreachable") <= 4 < len(answers)
    errors = [line for line in log.splitlines() if '"level": "ERROR"' in line]
    assert len(errors) == log.count("The database is unreachable")
    assert _recovers(site, "/theories/", within=5)
