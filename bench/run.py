"""The benchmark: one command, see bench/README.md.

    .venv/bin/python bench/run.py                      # SQLite, 100 000 theories, 1 000 000 votes
    .venv/bin/python bench/run.py --database postgresql
    .venv/bin/python bench/run.py --theories 1000 --votes 10000 --users 2000   # small data
    .venv/bin/python bench/run.py --flatness           # and 1/100 of the data, in the same rounds
    .venv/bin/python bench/run.py --only-night         # readers while votes land (bench/night.py)

It builds a fresh database with `load_bench_data`, starts the production recipe (gunicorn
with aouad_site/gunicorn.conf.py, DEBUG off, whitenoise, persistent connections) on loopback,
then loads each page with wrk in interleaved rounds, each page right after a run of the minimal
Django view, the yardstick. It prints one table: requests/s, p50, p99, non-2xx responses and
the ratio to the minimal view (medians over the rounds; each round's ratio is to the minimal
view's run just before the page, so the machine's drift between pages cancels), then checks
that the database holds exactly one new vote per successful vote response. With --flatness it
also serves a hundredth of the data from a second server and measures both in the same rounds,
each page on one size right after the other, so that the machine's drift falls on both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import night
import servers
import wrk
from wrk import Measure, Target, fans_script, run_wrk

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = 8765  # the data asked for; with --flatness the hundredth on the next port
REDIS_DB = 13  # likewise, and the next database down


@dataclass
class Site:
    """One dataset, served by its own gunicorn."""

    theories: int
    votes: int
    users: int
    comments: int
    port: int
    redis_url: str
    pg_name: str
    work: Path
    env: dict[str, str] = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    targets: list[Target] = field(default_factory=list)
    results: dict[str, list[Measure]] = field(default_factory=dict)
    # Each round's requests/s of a page ÷ the minimal view's, measured just before it.
    ratios: dict[str, list[float]] = field(default_factory=dict)
    warm_up: list[Measure] = field(default_factory=list)
    loaded_in: float = 0.0
    proxy: str = ""  # nginx in front of this site's gunicorn, with --proxy

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def label(self) -> str:
        return f"{self.theories:,} theories"


def _env(args: argparse.Namespace, site: Site) -> dict[str, str]:
    work = site.work
    env = servers.production_env(work)
    env.update(
        DJANGO_BENCH_ENDPOINT="1",
        DJANGO_LOG_LEVEL="WARNING",
        # Set, not left to the settings' default: how old a reader's page may be is part of
        # what is measured (votes land on pages at most this old).
        PAGE_CACHE_SECONDS=str(args.page_cache_seconds),
        GUNICORN_BIND=f"127.0.0.1:{site.port}",
        GUNICORN_ACCESS_LOG="",
        PYTHONDONTWRITEBYTECODE="1",
    )
    if args.database == "postgresql":
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{site.pg_name}"
    else:
        env["DJANGO_SQLITE_PATH"] = str(work / "bench.sqlite3")
    if args.cache == "redis":
        env["REDIS_URL"] = site.redis_url
    else:  # one machine without Redis: the workers share a folder of files
        env["DJANGO_CACHE_DIR"] = str(work / "cache")
    return env


def _prepare(args: argparse.Namespace, site: Site) -> dict:
    env, work = site.env, site.work
    if args.database == "postgresql":
        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-qc",
                f"DROP DATABASE IF EXISTS {site.pg_name}",
            ],
            check=True,
        )
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", site.pg_name], check=True)
    started = time.monotonic()
    servers.manage(env, "migrate", "--noinput", "-v0")
    servers.manage(env, "load_demo", "--allow-production")
    loading = time.monotonic()
    servers.manage(
        env,
        "load_bench_data",
        f"--theories={site.theories}",
        f"--users={site.users}",
        f"--votes={site.votes}",
        f"--comments={site.comments}",
        "--seed=7",
    )
    site.loaded_in = time.monotonic() - loading
    servers.manage(env, "collectstatic", "--noinput", "-v0")
    data_file = work / "prepared.json"
    subprocess.run(
        [
            PYTHON,
            str(ROOT / "bench" / "prepare.py"),
            str(data_file),
            str(0 if args.only_night else args.voters),
            "20",
            str(args.fans),
            *night.prepare_arguments(args),
        ],
        env=env,
        cwd=ROOT,
        check=True,
    )
    if args.database == "postgresql":
        # Bulk loading leaves autovacuum a lot to do (the visibility map of a million new
        # rows); done now, it cannot compete with the measurements for the two cores.
        for statement in ("VACUUM (ANALYZE)", "CHECKPOINT"):
            subprocess.run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", site.pg_name, "-qc", statement],
                check=True,
            )
    print(f"Prepared {site.label} in {time.monotonic() - started:.0f} s.", flush=True)
    return json.loads(data_file.read_text())


def _lua_headers(headers: dict[str, str]) -> str:
    return "\n".join(f'wrk.headers["{k}"] = "{v}"' for k, v in headers.items())


WARM_UP_SECONDS = 3  # each target once before the measured rounds, not measured


def _vote_script(work: Path, data: dict, offset: int) -> str:
    """Votes from the first second to the last, each a new (fan, theory) pair.

    Every vote sent is accounted for: answered with the widget (a new row), refused (no row),
    or still in the server's hands when wrk stops (it lands a moment later, answered to a
    closed socket). Stopping early instead does not work with gunicorn's sync workers: a
    connection wrk reopens and leaves idle holds a worker until wrk exits, and the votes
    queued behind it are then the ones answered to nobody.
    """
    pairs = ",\n".join(f'{{"{s}", {t}}}' for s, t in data["pairs"])
    path = work / f"vote-{offset}.lua"
    path.write_text(
        f"""
local pairs = {{
{pairs}
}}
local offset = {offset}
local threads = 0
local all = {{}}
-- Globals: wrk's thread:set and thread:get reach only globals.
counter, ok, refused, id = 0, 0, 0, 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
  table.insert(all, thread)
end
function request()
  local i = offset + counter * 2 + id
  counter = counter + 1
  local pair = pairs[(i % #pairs) + 1]
  wrk.headers["Cookie"] = "sessionid=" .. pair[1] .. "; csrftoken={data["csrf"]}"
  wrk.headers["X-CSRFToken"] = "{data["csrf_token"]}"
  wrk.headers["HX-Request"] = "true"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  -- Uncompressed, so that response() can read the widget in the answer.
  wrk.headers["Accept-Encoding"] = "identity"
  -- What htmx sends for the widget's form: its fields, and the page's token in a header too.
  return wrk.format("POST", "/theories/" .. pair[2] .. "/vote/", nil,
    "csrfmiddlewaretoken={data["csrf_token"]}&next=%2Ftheories%2F&value=1")
end
function response(status, headers, body)
  if status == 200 and string.find(body, "vote-score", 1, true) then
    ok = ok + 1
  else
    refused = refused + 1
  end
end
function done(summary, latency, requests)
  -- wrk calls request() once more on the first thread, before the run, to check the script.
  local answered, declined, sent = 0, 0, -1
  for _, thread in ipairs(all) do
    answered = answered + thread:get("ok")
    declined = declined + thread:get("refused")
    sent = sent + thread:get("counter")
  end
  io.write("VOTES_OK " .. answered .. "\\n")
  io.write("VOTES_REFUSED " .. declined .. "\\n")
  io.write("VOTES_SENT " .. sent .. "\\n")
  io.write("MAX_MS " .. latency.max / 1000 .. "\\n")
end
"""
    )
    return str(path)


def _signed_in_script(work: Path, data: dict) -> str:
    path = work / "signed-in.lua"
    path.write_text(_lua_headers({"Cookie": f"sessionid={data['reader_session']}"}) + "\n")
    return str(path)


def _count_votes(env: dict[str, str], data: dict) -> int:
    code = (
        "from theories.models import Vote;"
        f"print(Vote.objects.filter(user_id__in={data['voters']}).count())"
    )
    return int(servers.shell(env, code))


def _targets(site: Site, proxy: str) -> list[Target]:
    work, data = site.work, site.data
    # With --proxy, anonymous pages through nginx (aouad_site/nginx.conf) as well, each divided
    # by the minimal view served by gunicorn directly, as the others are.
    through_proxy = [
        Target(f"{name}, via nginx", path, base=proxy)
        for name, path in [
            ("minimal view", "/bench/minimal/"),
            ("home", "/"),
            ("list: hot", "/theories/?sort=hot"),
            ("theory page", data["popular_theory"]),
        ]
    ]
    return [
        Target("minimal view", "/bench/minimal/"),
        Target("home", "/"),
        Target("list: hot", "/theories/?sort=hot"),
        Target("list: new", "/theories/?sort=new"),
        Target("list: top", "/theories/?sort=top&t=all"),
        Target("theory page", data["popular_theory"]),
        # The same pages in Korean: both languages must be as fast.
        Target("home (ko)", "/ko/"),
        Target("list: hot (ko)", "/ko/theories/?sort=hot"),
        Target("theory page (ko)", "/ko" + data["popular_theory"]),
        Target("character board", "/characters/"),
        Target("profile", data["profile"]),
        Target("search", "/search/?q=immune+rooftop"),
        Target("list, signed in", "/theories/?sort=hot", _signed_in_script(work, data)),
        Target(
            "list, many fans",
            "/theories/?sort=hot",
            fans_script(work / "many-fans.lua", data["fan_sessions"]),
        ),
        Target("vote POST", "__vote__"),
        *(through_proxy if proxy else []),
    ]


def _table(site: Site) -> dict[str, float]:
    """Print the site's table; return each row's ratio to the minimal view: the median of the
    rounds' ratios, each to the minimal view's run just before the page (the minimal view's
    row shows all those runs)."""
    ratios = {}
    print("| page | requests/s | p50 ms | p99 ms | non-2xx | ratio to minimal |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for target in site.targets:
        runs = site.results[target.name]
        rps = statistics.median(m.rps for m in runs)
        ratio = statistics.median(site.ratios[target.name]) if target.name in site.ratios else 1
        ratios[target.name] = ratio
        print(
            f"| {target.name} | {rps:,.0f} | {statistics.median(m.p50_ms for m in runs):.1f} | "
            f"{statistics.median(m.p99_ms for m in runs):.1f} | {sum(m.non_2xx for m in runs)} | "
            f"{ratio:.2f} |"
        )
    print()
    return ratios


def _check_votes(site: Site) -> bool:
    """Every vote sent is either refused or in the database, once; a socket error would leave
    a vote unaccounted for, so it fails the check too."""
    voting = [*site.warm_up, *site.results.get("vote POST", [])]
    if not voting:
        return True
    votes_ok = sum(m.ok_votes for m in voting)
    votes_sent = sum(m.sent_votes for m in voting)
    votes_refused = sum(m.refused_votes for m in voting)
    socket_errors = sum(m.socket_errors for m in voting)
    votes_in_db = _count_votes(site.env, site.data)
    in_flight = votes_sent - votes_ok - votes_refused
    exact = votes_in_db == votes_sent - votes_refused and socket_errors == 0
    print(
        f"Votes at {site.label}: {votes_sent} sent — {votes_ok} answered with the new score, "
        f"{votes_refused} refused, {in_flight} still in the server's hands when wrk stopped; "
        f"{votes_in_db} new vote rows — {'OK' if exact else 'MISMATCH'}. "
        f"Slowest answered vote: {max((m.max_ms for m in voting), default=0):.0f} ms."
    )
    return exact


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--pg-name", default="aouad_bench_run")
    parser.add_argument(
        "--port", type=int, default=PORT, help="loopback port (with --flatness also the next)"
    )
    parser.add_argument(
        "--redis-db", type=int, default=REDIS_DB, help="Redis database (and the next one down)"
    )
    parser.add_argument(
        "--page-cache-seconds",
        type=int,
        default=5,
        help="PAGE_CACHE_SECONDS for the servers: how old a reader's page may be",
    )
    parser.add_argument(
        "--cache",
        choices=["redis", "files"],
        default="redis",
        help=f"redis (the production recipe; its database {REDIS_DB}, and {REDIS_DB - 1} with "
        "--flatness, is emptied first) or files (one machine without Redis: the workers share "
        "a folder of files)",
    )
    parser.add_argument("--theories", type=int, default=100_000)
    parser.add_argument("--votes", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=20_000)
    parser.add_argument("--comments", type=int, default=50_000)
    parser.add_argument(
        "--flatness",
        action="store_true",
        help="also serve a hundredth of the data (a tenth of the users) from a second server "
        "and measure both in the same rounds, alternating",
    )
    parser.add_argument(
        "--voters", type=int, default=3000, help="fresh fans who cast the POSTed votes"
    )
    parser.add_argument(
        "--fans", type=int, default=1000, help="fans taking turns on the list, signed in"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5, help="length of each measurement")
    parser.add_argument(
        "--anchor-seconds",
        type=int,
        default=3,
        help="length of the minimal view's run before each page",
    )
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--accept-encoding",
        default=wrk.ACCEPT_ENCODING,
        help='what every request accepts ("" for uncompressed pages)',
    )
    parser.add_argument(
        "--proxy",
        action="store_true",
        help="also measure anonymous pages through nginx with aouad_site/nginx.conf (port + 10)",
    )
    parser.add_argument(
        "--only", nargs="+", metavar="PAGE", help='measure only these rows, e.g. "vote POST"'
    )
    night.add_arguments(parser)
    args = parser.parse_args()
    wrk.ACCEPT_ENCODING = args.accept_encoding
    night.check_arguments(parser, args)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")

    sizes = [(args.theories, args.votes, args.users, args.comments)]
    if args.flatness:
        sizes.append(
            (args.theories // 100, args.votes // 100, args.users // 10, args.comments // 100)
        )
    sites = [
        Site(
            *size,
            port=args.port + n,
            redis_url=f"redis://127.0.0.1:6379/{args.redis_db - n}",
            pg_name=args.pg_name + ("_small" if n else ""),
            work=Path(tempfile.mkdtemp(prefix="aouad-bench-")),
        )
        for n, size in enumerate(sizes)
    ]
    proxy_ports = [site.port + 10 for site in sites] if args.proxy else []
    for site, port in zip(sites, proxy_ports, strict=False):
        site.proxy = f"http://127.0.0.1:{port}"
    # Before spending minutes on the data as well.
    for port in [site.port for site in sites] + proxy_ports + night.more_ports(args):
        servers.refuse_a_busy_port(port)
    processes: list[subprocess.Popen] = []
    for site in sites:
        site.env = _env(args, site)
        if args.cache == "redis":
            import redis

            redis.Redis.from_url(site.redis_url).flushdb()  # no page or version from before
        site.data = _prepare(args, site)
        # Each round (and the warm-up) takes its own share of the (fan, theory) pairs: room for
        # twice the most votes a second measured so far. Sent twice, a vote takes itself back.
        if args.only_night:
            site.targets, site.results, site.ratios = [], {}, {}
            continue
        if len(site.data["pairs"]) < (args.rounds + 1) * args.seconds * 2000:
            raise SystemExit(f"Too few fresh (fan, theory) pairs to vote with at {site.label}.")
        site.targets = _targets(site, site.proxy)
        if args.only:
            unknown = set(args.only) - {t.name for t in site.targets[1:]}
            if unknown:
                raise SystemExit(
                    f"--only takes pages of the table but the minimal view: not {sorted(unknown)}"
                )
            # The minimal view always runs: every figure is a ratio to it.
            site.targets = [
                t for t in site.targets if t.name == "minimal view" or t.name in args.only
            ]
        site.results = {t.name: [] for t in site.targets}
        site.ratios = {t.name: [] for t in site.targets[1:]}

    def per_round(site: Site) -> int:
        """Each round's share of the site's (fan, theory) pairs; the warm-up has its own."""
        return len(site.data["pairs"]) // (args.rounds + 1)

    def measure(site: Site, target: Target, seconds: int, round_number: int) -> Measure:
        offset = round_number * per_round(site)
        if target.path != "__vote__":
            base = target.base or site.base
            return run_wrk(base, target, seconds, args.connections, target.script)
        before = _count_votes(site.env, site.data)
        script = _vote_script(site.work, site.data, offset)
        result = run_wrk(site.base, Target(target.name, "/"), seconds, args.connections, script)
        result.rps = result.ok_votes / seconds  # answered votes, not wrk's requests
        time.sleep(1)  # the votes still in the server's hands when wrk stopped land meanwhile
        new_rows = _count_votes(site.env, site.data) - before
        print(
            f"Votes ({site.label}): {result.sent_votes} sent, {result.ok_votes} answered, "
            f"{result.refused_votes} refused, {new_rows} new rows.",
            flush=True,
        )
        return result

    proxy_dirs: list[Path] = []
    try:
        for site in sites:
            processes.append(servers.start(site.env))
            servers.wait_until_up(processes[-1], site.base)
            if site.proxy:
                nginx, run_dir = servers.start_proxy(
                    site.proxy.removeprefix("http://"), f"127.0.0.1:{site.port}"
                )
                processes.append(nginx)
                servers.wait_until_up(nginx, site.proxy)
                proxy_dirs.append(run_dir)
        # Every worker's first requests load templates and code: not what a reader meets.
        for site in sites:
            for target in site.targets:
                site.warm_up.append(measure(site, target, WARM_UP_SECONDS, args.rounds))
        for round_number in range(0 if args.only_night else args.rounds):
            for index, target in enumerate(sites[0].targets[1:], start=1):
                # Each page on both sizes back to back, the first size alternating: no size
                # always meets the machine a few seconds later than the other.
                turn = sites if (round_number + index) % 2 == 0 else sites[::-1]
                for site in turn:
                    # The yardstick right before the page: the machine's speed drifts by tens
                    # of percent within minutes here, and both meet the same stretch of it.
                    anchor = measure(site, site.targets[0], args.anchor_seconds, round_number)
                    page = measure(site, site.targets[index], args.seconds, round_number)
                    site.results["minimal view"].append(anchor)
                    site.results[target.name].append(page)
                    site.ratios[target.name].append(page.rps / anchor.rps)
            print(f"Round {round_number + 1} of {args.rounds} done.", flush=True)
        first = sites[0]
        reports = night.run(args, first.port, first.env, first.data, first.work, first.proxy)
    finally:
        servers.stop(processes)
        for run_dir in proxy_dirs:
            shutil.rmtree(run_dir, ignore_errors=True)

    ratios = []
    for site in sites:
        rounds = (
            f"{args.rounds} rounds × {args.seconds} s, each after {args.anchor_seconds} s of the "
            f"minimal view · {args.connections} connections · "
        )
        print()
        print(
            f"Data: {site.theories:,} theories, {site.votes:,} votes, {site.users:,} users, "
            f"{site.comments:,} comments · database: {args.database}"
            f"{' + Redis' if args.cache == 'redis' else ' + shared files'} · "
            f"{'' if args.only_night else rounds}gunicorn, {os.cpu_count()} cores · "
            f"data loaded in {site.loaded_in:.1f} s"
        )
        print()
        if not args.only_night:
            ratios.append(_table(site))
    if len(sites) == 2:
        big, small = sites
        print(f"Flatness: each figure at {big.label} ÷ the same at {small.label}")
        print()
        print(
            f"| page | ratio at {big.label} | ratio at {small.label} | ÷ | requests/s ÷, "
            "same round (median, range) | within 10 % |"
        )
        print("| --- | ---: | ---: | ---: | ---: | --- |")
        for target in big.targets[1:]:
            at_big, at_small = ratios[0][target.name], ratios[1][target.name]
            # The page at both sizes seconds apart: the least the machine can move between two
            # figures. Each ratio above divides by a yardstick measured apart, with its own noise.
            direct = [
                b.rps / s.rps
                for b, s in zip(big.results[target.name], small.results[target.name], strict=True)
            ]
            quotient = statistics.median(direct)
            print(
                f"| {target.name} | {at_big:.2f} | {at_small:.2f} | {at_big / at_small:.2f} | "
                f"{quotient:.2f} ({min(direct):.2f}–{max(direct):.2f}) | "
                f"{'yes' if abs(quotient - 1) <= 0.10 else 'no'} |"
            )
        print()
    exact = [_check_votes(site) for site in sites]
    for report in reports:
        print(f"\n{report.text}")
        exact.append(report.ok)
    for site in sites:
        shutil.rmtree(site.work, ignore_errors=True)
    if not all(exact):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
