"""Lighthouse scores of the main pages: one command, see bench/README.md ("Lighthouse").

    .venv/bin/python bench/lighthouse.py
    .venv/bin/python bench/lighthouse.py --runs 1 --keep
    .venv/bin/python bench/lighthouse.py --theories 100   # demo content + 100 generated theories

It builds a fresh SQLite database with the demo content in a temporary folder, starts the
production recipe (gunicorn, DEBUG off, whitenoise) on a free loopback port, then runs
Lighthouse from npm (through npx, nothing is written to the checkout) with Debian's Chromium in
its default mobile preset against home, the theory list, a theory page and a character
profile. It prints the scores, the audits that failed, and what the theory list's HTML, CSS
and JS weigh on the wire; it exits non-zero when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import servers  # bench/servers.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN_CONF = ROOT / "aouad_site" / "gunicorn.conf.py"
# 12.8.2 is the last Lighthouse that runs on Debian 12's Node 20 (13.x needs Node >= 22.19).
LIGHTHOUSE = "lighthouse@12.8.2"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
BUDGET_BYTES = 60 * 1024  # HTML + CSS + JS of the theory list, compressed (Lighthouse's KB)
TEXT_TYPES = {"Document", "Stylesheet", "Script"}
BUSY_LOAD = 1.0  # a load average from other work that makes the performance scores unreliable

Report = dict[str, Any]


@dataclass
class Page:
    name: str
    path: str
    report: Report  # the run with the median performance score

    def score(self, category: str) -> int:
        return round((self.report["categories"][category]["score"] or 0) * 100)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(work: Path, port: int) -> dict[str, str]:
    env = servers.production_env(work)
    env.update(
        DJANGO_SQLITE_PATH=str(work / "lighthouse.sqlite3"),
        DJANGO_CACHE_DIR=str(work / "cache"),  # no page version from another run
        DJANGO_LOG_LEVEL="WARNING",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_ACCESS_LOG="",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback only)
        return response.read().decode()


def _wait_until_up(server: subprocess.Popen, base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited during start-up")
        try:
            _get(base + "/healthz")
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer /healthz in time")


def _first_link(html: str, pattern: str, what: str) -> str:
    match = re.search(rf'href="({pattern})"', html)
    if not match:
        raise SystemExit(f"no {what} link found")
    return match.group(1)


def _lighthouse(url: str, out: Path, chrome: str, work: Path) -> Report:
    command = [
        "npx",
        "--yes",
        LIGHTHOUSE,
        url,
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-dev-shm-usage",
        "--quiet",
    ]
    for attempt in (1, 2):  # a busy machine sometimes spoils a trace (NO_NAVSTART): retry once
        out.unlink(missing_ok=True)
        done = subprocess.run(command, env={**os.environ, "CHROME_PATH": chrome}, cwd=work)
        report = json.loads(out.read_text()) if out.exists() else {}
        if not done.returncode and not report.get("runtimeError"):
            return report
        reason = report.get("runtimeError", {}).get("message", f"exit status {done.returncode}")
        print(f"Lighthouse failed on {url} (attempt {attempt}): {reason}", flush=True)
    raise SystemExit(f"Lighthouse failed twice on {url}")


def _median_run(reports: list[Report]) -> Report:
    """The run with the median performance score, as Lighthouse's docs recommend."""
    ordered = sorted(reports, key=lambda r: r["categories"]["performance"]["score"] or 0)
    return ordered[len(ordered) // 2]


def _failed_audits(page: Page) -> list[str]:
    lines = []
    for category in CATEGORIES:
        if category == "performance" and page.score(category) >= TARGETS[category]:
            continue
        for ref in page.report["categories"][category]["auditRefs"]:
            audit = page.report["audits"][ref["id"]]
            mode = audit.get("scoreDisplayMode")
            if mode == "error":
                lines.append(f"  {page.name} · {category} · {ref['id']}: {audit['errorMessage']}")
            if audit["score"] is None or audit["score"] >= 1 or mode in ("informative", "manual"):
                continue
            value = f" — {audit['displayValue']}" if audit.get("displayValue") else ""
            items = [i for i in audit.get("details", {}).get("items", []) if isinstance(i, dict)]
            nodes = [i["node"].get("snippet", "") for i in items if "node" in i]
            lines.append(
                f"  {page.name} · {category} · {ref['id']} ({audit['score']:.2f}): "
                f"{audit['title']}{value}"
            )
            lines += [f"      {snippet}" for snippet in nodes[:5]]
    return lines


def _text_requests(report: Report) -> list[dict[str, Any]]:
    items = report["audits"]["network-requests"]["details"]["items"]
    return [item for item in items if item.get("resourceType") in TEXT_TYPES]


def _measure(args: argparse.Namespace, work: Path) -> tuple[list[Page], str]:
    """Build the site in `work`, serve it and run Lighthouse on each page."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = _env(work, port)
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "load_demo", "--allow-production")
    if args.theories:
        _manage(
            env,
            "load_bench_data",
            f"--theories={args.theories}",
            "--users=50",
            f"--votes={args.theories * 10}",
            f"--comments={args.theories}",
            "--seed=7",
        )
    _manage(env, "collectstatic", "--noinput", "-v0")
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "aouad_site.wsgi"],
        env=env,
        cwd=ROOT,
    )
    try:
        _wait_until_up(server, base)
        theory = _first_link(_get(base + "/theories/"), r"/theories/\d+/[\w-]+/", "theory")
        character = _first_link(_get(base + "/characters/"), r"/characters/[\w-]+/", "profile")
        targets = {
            "home": "/",
            "theory list": "/theories/",
            "theory page": theory,
            "character profile": character,
        }
        pages = []
        for name, path in targets.items():
            reports = []
            for run in range(args.runs):
                print(f"Lighthouse: {name} ({path}), run {run + 1} of {args.runs}", flush=True)
                out = work / f"{name.replace(' ', '-')}-{run + 1}.json"
                reports.append(_lighthouse(base + path, out, args.chrome, work))
            pages.append(Page(name, path, _median_run(reports)))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return pages, base


def _print_results(pages: list[Page], base: str, runs: int, load: float) -> bool:
    """Print the scores, failed audits and the transfer size; True when a target is missed."""
    report = pages[0].report
    cpu = sorted(round(page.report["environment"]["benchmarkIndex"]) for page in pages)
    print()
    print(
        f"Lighthouse {report['lighthouseVersion']} · {report['configSettings']['formFactor']} · "
        f"{report['environment']['hostUserAgent'].split(') ')[-1]} · median of {runs} · "
        f"{os.cpu_count()} cores, load average {load:.1f} before the run, "
        f"CPU benchmark index {cpu[0]}–{cpu[-1]}"
    )
    if load >= BUSY_LOAD:
        print("The machine was not idle before the run: performance scores may be lower.")
    print()
    print("| page | performance | accessibility | best practices | SEO |")
    print("| --- | ---: | ---: | ---: | ---: |")
    missed = False
    for page in pages:
        scores = [page.score(c) for c in CATEGORIES]
        missed |= any(s < TARGETS[c] for s, c in zip(scores, CATEGORIES, strict=True))
        print(f"| {page.name} (`{page.path}`) | " + " | ".join(map(str, scores)) + " |")
    failures = [line for page in pages for line in _failed_audits(page)]
    print()
    print("Failed audits:" if failures else "Failed audits: none.")
    for line in failures:
        print(line)
    for page in pages:
        for warning in page.report.get("runWarnings", []):
            print(f"  warning ({page.name}): {warning}")

    requests = _text_requests(pages[1].report)
    total = sum(item.get("transferSize", 0) for item in requests)
    print()
    print("Theory list, HTML + CSS + JS: transferred (compressed where served so) / uncompressed")
    for item in requests:
        sent, size = item.get("transferSize", 0) / 1024, item.get("resourceSize", 0) / 1024
        print(f"  {sent:6.1f} KB / {size:6.1f} KB  {item['url'].removeprefix(base)}")
    verdict = "within" if total <= BUDGET_BYTES else "OVER"
    print(f"  {total / 1024:6.1f} KB in all — {verdict} the {BUDGET_BYTES // 1024} KB budget")
    return missed or total > BUDGET_BYTES


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median counts")
    parser.add_argument("--chrome", default="/usr/bin/chromium", help="the Chromium to drive")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (reports)")
    parser.add_argument(
        "--theories", type=int, default=0, help="also generate this many theories (full pages)"
    )
    args = parser.parse_args()
    if not shutil.which("npx"):
        raise SystemExit("npx is needed to run Lighthouse: apt-get install nodejs npm")
    if not Path(args.chrome).exists():
        raise SystemExit(f"no Chromium at {args.chrome}: apt-get install chromium")

    load = os.getloadavg()[0]  # taken before this script adds its own load
    if load >= BUSY_LOAD:
        print(f"Load average {load:.1f}: other work running now lowers the performance scores.")
    work = Path(tempfile.mkdtemp(prefix="aouad-lighthouse-"))
    try:
        pages, base = _measure(args, work)
        missed = _print_results(pages, base, args.runs, load)
    finally:
        if args.keep:
            print(f"\nReports kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    if missed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
