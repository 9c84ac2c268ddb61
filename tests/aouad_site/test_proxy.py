"""The production recipe's proxy (aouad_site/nginx.conf) in front of a real gunicorn: slow
clients do not starve the site, anonymous pages are kept a second, signed-in pages never."""

from __future__ import annotations

import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from django.test import Client
from pytest_django import Settings

from accounts.models import User
from bench import servers
from moderation import actions
from tests.aouad_site.helpers import sharing_env
from tests.theories.factories import TheoryFactory

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not Path(NGINX).exists() and not os.environ.get("REQUIRE_NGINX"),
        reason="nginx is not installed (apt-get install nginx)",
    ),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited during start-up"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


@dataclass
class Site:
    proxy: str
    app: str
    gunicorn: subprocess.Popen
    spill: list[Path]  # gunicorn's temporary folder and nginx's, where bodies could land

    def spilled_bytes(self) -> int:
        """Bytes in files there, besides nginx's logs and cache and the metrics' files."""
        return sum(
            path.stat().st_size
            for folder in self.spill
            for path in folder.rglob("*")
            if path.is_file()
            and path.suffix not in {".log", ".conf", ".pid"}
            and not any(part == "cache" or part.startswith("aouad-metrics") for part in path.parts)
        )

    def kept(self, path: str) -> Message:
        """The headers of a GET answered from the proxy's copy of a page just fetched. nginx
        answers the first reader before it has finished filing the copy; a reader in that
        moment gets a MISS of its own, so this asks a few times in the next half second."""
        for _ in range(10):
            headers = self.get(path)[1]
            if headers["X-Proxy-Cache"] == "HIT":
                return headers
            time.sleep(0.05)
        return headers

    def get(self, path: str, *, cookie: str = "", base: str = "", timeout: float = 5):
        """(status, headers, body) of a GET through the proxy, or `base`."""
        request = urllib.request.Request((base or self.proxy) + path)  # noqa: S310
        if cookie:
            request.add_header("Cookie", cookie)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()


@pytest.fixture
def site(request: pytest.FixtureRequest, settings: Settings, tmp_path: Path) -> Iterator[Site]:
    """gunicorn per the README, with nginx in front; `@pytest.mark.site_env(NAME=value)` adds
    to gunicorn's environment."""
    app_port, proxy_port = _free_port(), _free_port()
    env = sharing_env(settings, tmp_path / "cache")
    env.update(
        GUNICORN_BIND=f"127.0.0.1:{app_port}",
        WEB_CONCURRENCY="2",
        GUNICORN_ACCESS_LOG="",
        PROXY_CACHE_SECONDS="1",
        PROXY_STALE_IF_ERROR_SECONDS="3",
        TRUSTED_PROXY_COUNT="1",
    )
    env["TMPDIR"] = str(tmp_path / "gunicorn-tmp")  # where its uploads would spill
    (tmp_path / "gunicorn-tmp").mkdir()
    if marker := request.node.get_closest_marker("site_env"):
        env.update(marker.kwargs)
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "aouad_site/gunicorn.conf.py", "aouad_site.wsgi"],
        cwd=settings.BASE_DIR,
        env=env,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its workers stop with it
    )
    nginx, run_dir = servers.start_proxy(f"127.0.0.1:{proxy_port}", f"127.0.0.1:{app_port}")
    try:
        _wait_for(app_port, gunicorn)
        _wait_for(proxy_port, nginx)
        yield Site(
            f"http://127.0.0.1:{proxy_port}",
            f"http://127.0.0.1:{app_port}",
            gunicorn,
            spill=[tmp_path / "gunicorn-tmp", run_dir],
        )
    finally:
        nginx.terminate()
        if gunicorn.poll() is None:
            os.killpg(gunicorn.pid, signal.SIGTERM)
        for process in (nginx, gunicorn):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(run_dir, ignore_errors=True)


def _hold_connections(port: int, stop: threading.Event) -> list[socket.socket]:
    """20 connections that send nothing, and 20 that send their headers a line every half
    second and never finish (slowloris)."""
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(20)]
    slow = [socket.create_connection(("127.0.0.1", port)) for _ in range(20)]
    for sock in slow:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")

    def dribble() -> None:
        while not stop.wait(0.5):
            for sock in slow:
                with suppress(OSError):
                    sock.sendall(b"X-Slow: 1\r\n")

    threading.Thread(target=dribble, daemon=True).start()
    return idle + slow


def _answers_within(url: str, seconds: float) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=seconds) as response:  # noqa: S310
            return response.status == 200
    except OSError:
        return False


def test_idle_and_slowloris_connections_do_not_starve_the_site(
    site: Site, record_property: Callable[[str, object], None]
) -> None:
    TheoryFactory(title="Nam-ra keeps watch")
    stop = threading.Event()
    proxy_port = int(site.proxy.rsplit(":", 1)[1])
    app_port = int(site.app.rsplit(":", 1)[1])
    held = _hold_connections(proxy_port, stop)
    try:
        time.sleep(0.5)
        started = time.monotonic()
        assert _answers_within(site.proxy + "/theories/?slow-clients", 1.0)
        answered = time.monotonic() - started
        record_property("seconds_through_nginx", round(answered, 3))
        assert answered < 1.0
        # The same clients straight at gunicorn: each of its two sync workers is held by one.
        held += _hold_connections(app_port, stop)
        time.sleep(0.5)
        assert not _answers_within(site.app + "/theories/?slow-clients", 1.0)
    finally:
        stop.set()
        for sock in held:
            sock.close()


def test_anonymous_pages_are_kept_by_the_proxy_for_a_second(site: Site) -> None:
    TheoryFactory(title="Cheong-san's last call")

    status, first, body = site.get("/theories/")
    assert status == 200 and "Cheong-san" in body
    assert first["Cache-Control"] == "public, max-age=0, s-maxage=1, stale-if-error=3"
    assert first["X-Proxy-Cache"] == "MISS"
    assert site.kept("/theories/")["X-Proxy-Cache"] == "HIT"
    time.sleep(2.1)  # nginx counts whole seconds: a copy for 1 s lives 1–2 s
    assert site.get("/theories/")[1]["X-Proxy-Cache"] == "EXPIRED"


def test_a_cached_copy_carries_its_own_request_id_not_the_one_that_filled_it(
    site: Site,
) -> None:
    status, miss, _body = site.get("/theories/")
    hit = site.kept("/theories/")

    assert status == 200 and hit["X-Proxy-Cache"] == "HIT"
    assert len(miss.get_all("X-Request-ID")) == len(hit.get_all("X-Request-ID")) == 1
    assert miss["X-Request-ID"] != hit["X-Request-ID"]
    assert site.get("/nowhere/")[1]["X-Request-ID"]  # the app's own answers carry one too


def test_a_removal_reaches_readers_behind_the_proxy_within_its_lifetime(
    site: Site, moderator: User
) -> None:
    theory = TheoryFactory(title="Su-hyeok's secret")
    page = theory.get_absolute_url()
    assert site.get(page)[0] == 200
    assert site.kept(page)["X-Proxy-Cache"] == "HIT"

    actions.remove(items=[theory], moderator=moderator, reason="spam")
    # The app's own cache knows at once; the proxy's copy lives out its second.
    assert site.get(page, base=site.app)[0] == 404
    time.sleep(2.1)  # nginx counts whole seconds: a copy for 1 s lives 1–2 s

    assert site.get(page)[0] == 404


def test_readers_of_a_page_the_proxy_never_keeps_do_not_wait_for_each_other(
    site: Site, record_property: Callable[[str, object], None]
) -> None:
    """The sign-in form sets a cookie, so nginx keeps no copy of it: eight readers at once each
    go to the app, and none waits for another (behind `proxy_cache_lock`, up to 1.02 s)."""

    def read(_: int) -> tuple[int, float]:
        started = time.monotonic()
        status = site.get("/accounts/login/")[0]
        return status, time.monotonic() - started

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = [answer for _ in range(3) for answer in pool.map(read, range(8))]
    slowest = max(seconds for _, seconds in answers)
    record_property("slowest_of_8_concurrent_sign_in_forms_s", round(slowest, 3))

    assert {status for status, _ in answers} == {200}
    assert slowest < 0.45


def test_a_signed_in_fan_never_gets_a_page_from_the_proxy(site: Site, other_fan: User) -> None:
    theory = TheoryFactory(title="On-jo's map")
    pages = ["/", "/theories/", theory.get_absolute_url(), "/characters/", "/quotes/"]
    for page in pages:  # an anonymous reader fills the proxy's cache first
        site.get(page)
        assert site.kept(page)["X-Proxy-Cache"] == "HIT", page
    client = Client()
    client.force_login(other_fan)
    cookie = f"sessionid={client.cookies['sessionid'].value}; csrftoken=abc"

    for page in pages:
        status, headers, body = site.get(page, cookie=cookie)
        assert status == 200, page
        assert headers["X-Proxy-Cache"] == "BYPASS", page
        assert headers["Cache-Control"] == "private", page
        assert "other_fan" in body, page  # the fan's own account menu


def test_during_an_outage_the_proxy_serves_its_last_copy_for_a_bounded_time(site: Site) -> None:
    TheoryFactory(title="Gwi-nam in the dark")
    assert site.get("/theories/")[0] == 200
    os.killpg(site.gunicorn.pid, signal.SIGKILL)
    site.gunicorn.wait()
    time.sleep(2.1)  # the copy has expired (nginx counts whole seconds)

    status, headers, body = site.get("/theories/")
    assert (status, headers["X-Proxy-Cache"]) == (200, "STALE") and "Gwi-nam" in body
    status, headers, _ = site.get("/characters/")  # never kept: nothing to fall back on
    assert (status, headers["Retry-After"]) == (503, "5")
    time.sleep(3)  # past stale-if-error

    assert site.get("/theories/")[0] == 503


@pytest.mark.site_env(GUNICORN_TIMEOUT="2")
@pytest.mark.skipif(connection.vendor != "postgresql", reason="locks a PostgreSQL table")
def test_a_request_stuck_on_the_database_ends_as_a_503_within_the_worker_timeout(
    site: Site, record_property: Callable[[str, object], None]
) -> None:
    TheoryFactory()
    database = connection.settings_dict
    with psycopg.connect(
        host=database["HOST"],
        port=database["PORT"],
        user=database["USER"],
        dbname=database["NAME"],
        autocommit=False,
    ) as other:
        other.execute("LOCK TABLE theories_theory IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        status, headers, _ = site.get("/theories/?stuck", timeout=10)
        waited = time.monotonic() - started
    record_property("seconds_to_503", round(waited, 3))

    assert (status, headers["Retry-After"]) == (503, "5")
    assert waited < 5  # gunicorn ended it at 2 s; the statement timeout (5 s) would have later


def _post_huge_body(base: str, path: str, size: int, cookie: str = "") -> tuple[int, int]:
    """Status and bytes sent of a multipart POST declaring `size` bytes of picture, streamed a
    mebibyte at a time until the server answers (as a client that never stops would)."""
    host, port = base.removeprefix("http://").rsplit(":", 1)
    boundary = "aouad-huge-body"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="avatar"; filename="a.png"\r\n'
        "Content-Type: image/png\r\n\r\n"
    ).encode()
    request = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
        f"Content-Length: {size}\r\nConnection: close\r\n\r\n"
    ).encode()
    chunk, sent = b"\0" * 1_048_576, 0
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request + head)
        while sent < size and not select.select([sock], [], [], 0.005)[0]:
            try:
                sock.sendall(chunk[: size - sent])
            except OSError:  # the server closed its end: its answer is waiting
                break
            sent += len(chunk)
        answer = sock.recv(65_536).decode("latin-1")
    return int(answer.split(" ", 2)[1]), sent


def test_huge_bodies_are_refused_at_once_and_nothing_reaches_the_disk(
    site: Site, other_fan: User, record_property: Callable[[str, object], None]
) -> None:
    """The fault table's rows: an anonymous 500 MB POST to sign-up or password reset, and a
    signed-in fan's 50 MB POST to theory create or settings, straight at gunicorn and through
    nginx."""
    client = Client()
    client.force_login(other_fan)
    fan = f"sessionid={client.cookies['sessionid'].value}"
    posts = [
        ("/accounts/signup/", 500_000_000, ""),
        ("/accounts/password_reset/", 500_000_000, ""),
        ("/theories/new/", 50_000_000, fan),
        ("/accounts/settings/", 50_000_000, fan),
    ]
    for base, name in ((site.app, "gunicorn"), (site.proxy, "nginx")):
        for path, size, cookie in posts:
            started = time.monotonic()
            status, sent = _post_huge_body(base, path, size, cookie)
            took = time.monotonic() - started
            record_property(f"{name} {path} seconds", round(took, 3))
            record_property(f"{name} {path} bytes sent", sent)

            assert status == 413, (name, path)
            assert took < 1.0, (name, path)
            assert site.spilled_bytes() == 0, (name, path)
