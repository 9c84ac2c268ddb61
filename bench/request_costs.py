"""Where a vote's time goes: a signed-in fan's request, step by step, against the minimal view.

python bench/request_costs.py [--requests 1000] [--theories 1000] [--redis-url redis://127.0.0.1:6379/14]

In-process, through Django's test client (the whole middleware stack, CSRF checks on, no
server, no network), in production mode on a fresh SQLite database with a small bench data
set, sessions in Redis as in production. Prints milliseconds per request for:
the minimal view read anonymously, the same read by a signed-in fan (session and user loaded),
the same POSTed by the fan (CSRF checked), a vote as htmx sends it, and the fan's hot list.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import redis
import servers  # bench/servers.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
READY = "REQUEST_COSTS_READY"


def prepare(args: argparse.Namespace, work: Path) -> dict[str, str]:
    redis.Redis.from_url(args.redis_url).flushdb()  # no session or page from an earlier run

    env = servers.production_env(work)
    env.update(
        DJANGO_BENCH_ENDPOINT="1",
        DJANGO_SQLITE_PATH=str(work / "costs.sqlite3"),
        REDIS_URL=args.redis_url,
        DJANGO_SETTINGS_MODULE="aouad_site.settings",
        PYTHONDONTWRITEBYTECODE="1",
    )
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_demo", "--allow-production"],
        [
            "load_bench_data",
            f"--theories={args.theories}",
            f"--users={args.theories}",
            f"--votes={args.theories * 10}",
            f"--comments={args.theories // 2}",
        ],
        ["collectstatic", "--noinput", "-v0"],
    ):
        servers.manage(env, *command)
    return env


def answered(status: int, what: str) -> None:
    if status != 200:
        raise SystemExit(f"{what}: answered {status}, not 200.")


def measure(requests: int) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from accounts.models import User
    from theories.models import Theory

    # Log lines are formatted and written as in production, to a stream nobody reads here.
    for handler in logging.getLogger().handlers:
        handler.setStream(open(os.devnull, "w"))  # type: ignore[attr-defined]  # noqa: SIM115
    joined = datetime.now(UTC) - timedelta(days=400)
    fans = [
        User.objects.create(username=f"costs{n}", email="", date_joined=joined)
        for n in range(requests // 20 + 1)
    ]
    theories = list(Theory.objects.published().order_by("-hot").values_list("pk", flat=True)[:40])
    if len(fans) * len(theories) <= requests:
        raise SystemExit(f"{len(theories)} theories are too few for {requests} new votes.")
    # One client for everything: each new client builds the middleware stack again.
    client = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
    cookies = []
    for fan in fans:
        client.cookies.clear()
        client.force_login(fan)
        response = client.get("/theories/?sort=hot")  # its vote forms hand out the CSRF cookie
        answered(response.status_code, "the fan's hot list")
        cookies.append(
            (client.cookies[settings.SESSION_COOKIE_NAME].value, client.cookies["csrftoken"].value)
        )

    def as_fan(n: int) -> dict[str, str]:
        session, token = cookies[n % len(fans)]
        client.cookies.clear()
        client.cookies[settings.SESSION_COOKIE_NAME] = session
        client.cookies["csrftoken"] = token
        return {"X-CSRFToken": token, "HX-Request": "true"}

    def anonymous(n: int) -> int:
        client.cookies.clear()
        return client.get("/bench/minimal/").status_code

    def fan_reads(n: int) -> int:
        as_fan(n)
        return client.get("/bench/minimal/").status_code

    def fan_posts(n: int) -> int:
        return client.post("/bench/minimal/", {"value": "1"}, headers=as_fan(n)).status_code

    def vote(n: int) -> int:
        # Every fan votes once on each theory in turn: each request adds one vote row.
        theory = theories[n // len(fans)]
        url = f"/theories/{theory}/vote/"
        return client.post(url, {"value": "1", "next": "/"}, headers=as_fan(n)).status_code

    def hot_list(n: int) -> int:
        as_fan(n)
        return client.get("/theories/?sort=hot").status_code

    steps = [
        ("minimal view, anonymous", anonymous),
        ("minimal view, fan reads", fan_reads),
        ("minimal view, fan POSTs", fan_posts),
        ("vote POST", vote),
        ("list: hot, signed in", hot_list),
    ]
    print(f"{'request':28} {'ms':>7} {'× minimal':>10}")
    baseline = 0.0
    for name, step in steps:
        answered(step(0), name)  # warm-up, unmeasured; each vote below is a new (fan, theory)
        started = time.perf_counter()
        for n in range(1, requests + 1):
            answered(step(n), name)
        cost = (time.perf_counter() - started) / requests * 1000
        baseline = baseline or cost
        print(f"{name:28} {cost:7.3f} {baseline / cost:10.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--theories", type=int, default=1000)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    args = parser.parse_args()
    if os.environ.get(READY):
        measure(args.requests)
        return
    with tempfile.TemporaryDirectory(prefix="aouad-costs-") as folder:
        env = prepare(args, Path(folder))
        env[READY] = "1"
        subprocess.run([sys.executable, __file__, *sys.argv[1:]], env=env, check=True)


if __name__ == "__main__":
    main()
