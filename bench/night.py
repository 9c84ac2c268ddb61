"""The episode-night scenario (bench/README.md): readers while votes land.

For each vote rate (0, 10 and 50 a second by default): the minimal view alone (the yardstick),
then the readers with wrk while the writes arrive (writes.py: paced votes, each from a fan who
votes only once in the whole scenario, and a comment and an approval every 2 s), then the
minimal view under the same writes (the most a perfect cache could give). The first pass's
readers are anonymous, on home, the hot list and the popular theory; the second pass's are
signed-in fans taking turns on the hot list. Then the database must hold exactly one new row
for each vote answered with the widget, and none for a vote refused.
"""

from __future__ import annotations

import argparse
import json
import statistics
from dataclasses import dataclass
from pathlib import Path

import servers
import two_servers
from client import percentile, theory_id
from writes import Writes
from wrk import Measure, Target, fans_script, paths_script, run_wrk

RATES = [0, 10, 50]
WARM_UP_SECONDS = 3
LATE_MS = 50  # a vote leaving later than this after its time is counted as late


@dataclass
class Report:
    text: str
    ok: bool


@dataclass
class Row:
    readers: str
    rate: int
    anchor: Measure
    load: Measure
    under_writes: Measure
    writes: list[Writes]  # during the readers' run, then during the minimal view's


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("episode night (bench/night.py)")
    group.add_argument("--night", action="store_true", help="after the table, the scenario")
    group.add_argument("--only-night", action="store_true", help="the scenario, not the table")
    group.add_argument(
        "--night-rates",
        type=int,
        nargs="+",
        default=RATES,
        metavar="VOTES_A_S",
        help="votes a second, one run of each in each pass (default: 0 10 50)",
    )
    group.add_argument("--night-seconds", type=int, default=10, help="length of each run")
    group.add_argument(
        "--night-browsers", type=int, default=200, help="signed-in fans on the list, second pass"
    )
    group.add_argument(
        "--two-servers",
        action="store_true",
        help="PostgreSQL + Redis: a second gunicorn sharing them; a removal and a vote made on "
        "one server must show on the other",
    )


def check_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    args.night = args.night or args.only_night
    if args.only_night and args.flatness:
        parser.error("--flatness measures the table's pages: not with --only-night")
    if args.two_servers and (args.database != "postgresql" or args.cache != "redis"):
        parser.error("--two-servers needs --database postgresql and the Redis cache")
    if args.night and args.night_browsers > args.fans:
        parser.error("--night-browsers cannot be more than --fans")
    if any(rate < 0 for rate in args.night_rates) or args.night_seconds < 2:
        parser.error("vote rates are at least 0 a second, runs at least 2 s long")


def _runs(args: argparse.Namespace) -> int:
    """Runs with writes at each rate: readers then minimal view, in each pass (two, and with
    --proxy a third: the anonymous readers through nginx)."""
    return (6 if args.proxy else 4) if args.night else 0


def more_ports(args: argparse.Namespace) -> list[int]:
    return [two_servers.port(args)] if args.two_servers else []


def prepare_arguments(args: argparse.Namespace) -> list[str]:
    """prepare.py's fresh fans (one per vote and per comment) and theories to approve."""
    if not (args.night or args.two_servers):
        return []
    events = Writes.event_count(args.night_seconds) * _runs(args) * len(args.night_rates)
    votes = sum(args.night_rates) * args.night_seconds * _runs(args)
    return [str(votes + events + two_servers.FANS), str(max(events, 1))]


def run(
    args: argparse.Namespace, port: int, env: dict[str, str], data: dict, work: Path, proxy: str
) -> list[Report]:
    reports = [_night(args, port, env, data, work, proxy)] if args.night else []
    fans = data.get("night_fans", [])[-two_servers.FANS :]
    if args.two_servers:
        reports.append(Report(*two_servers.check(args, env, data, fans)))
    return reports


def _night(
    args: argparse.Namespace, port: int, env: dict[str, str], data: dict, work: Path, proxy: str
) -> Report:
    base = f"http://127.0.0.1:{port}"
    fans = iter(data["night_fans"][: -two_servers.FANS])
    pending = iter(data["pending"])
    popular = (theory_id(data["popular_theory"]), data["popular_theory"])
    targets = data["targets"]

    def writes(rate: int, label: str) -> Writes:
        votes = []
        for n in range(rate * args.night_seconds):
            session, fan = next(fans)
            votes.append((session, fan, targets[n % len(targets)]))
        events = Writes.event_count(args.night_seconds)
        return Writes(
            port=port,
            csrf=data["csrf"],
            token=data["csrf_token"],
            votes=votes,
            rate=rate,
            seconds=args.night_seconds,
            commenters=[next(fans)[0] for _ in range(events)],
            theory=popular,
            moderator=data["moderator_session"],
            pending=[next(pending) for _ in range(events)],
            label=label,
        )

    def under(target: Target, rate: int, label: str) -> tuple[Measure, Writes]:
        load = writes(rate, label)
        load.start()
        try:
            at = target.base or base
            measured = run_wrk(at, target, args.night_seconds, args.connections, target.script)
        finally:
            load.join()
        return measured, load

    minimal = Target("minimal view", "/bench/minimal/")
    paths = ["/", "/theories/?sort=hot", data["popular_theory"]]
    anonymous = Target("anonymous readers", "/", paths_script(work / "night-readers.lua", paths))
    browsers = data["fan_sessions"][: args.night_browsers]
    signed_in = Target(
        f"{len(browsers)} signed-in fans",
        "/theories/?sort=hot",
        fans_script(work / "night-fans.lua", browsers),
    )
    passes = [anonymous, signed_in]
    if proxy:  # the same readers through nginx, each divided by the minimal view straight
        passes.append(Target("anonymous readers, via nginx", "/", anonymous.script, base=proxy))
    fan_ids = [fan for _, fan in data["night_fans"]]
    before = _vote_rows(env, fan_ids)
    for target in (minimal, *passes):  # workers load templates and code first
        run_wrk(target.base or base, target, WARM_UP_SECONDS, args.connections, target.script)
    rows = []
    for number, readers in enumerate(passes, start=1):
        for rate in args.night_rates:
            label = f"p{number}v{rate}"
            anchor = run_wrk(base, minimal, args.anchor_seconds, args.connections)
            load, during_load = under(readers, rate, label + "r")
            under_writes, during_minimal = under(minimal, rate, label + "m")
            during = [during_load, during_minimal]
            rows.append(Row(readers.name, rate, anchor, load, under_writes, during))
            print(
                f"Night: {readers.name} at {rate} votes/s: {load.rps:,.0f} requests/s "
                f"({load.rps / anchor.rps:.2f} × the minimal view); minimal view under the "
                f"writes {under_writes.rps:,.0f} requests/s.",
                flush=True,
            )
    after = _vote_rows(env, fan_ids)
    new_rows = {fan: after.get(fan, 0) - before.get(fan, 0) for fan in fan_ids}
    return _report(args, env, rows, new_rows)


def _vote_rows(env: dict[str, str], fans: list[int]) -> dict[int, int]:
    """Each fan's vote rows, read through the application's own database settings."""
    code = (
        "import json; from django.db.models import Count; from theories.models import Vote; "
        f"rows = Vote.objects.filter(user_id__in={fans}).values('user_id')"
        ".annotate(n=Count('pk')).values_list('user_id', 'n'); print(json.dumps(list(rows)))"
    )
    return dict(json.loads(servers.shell(env, code)))


def _votes_check(row: Row, new_rows: dict[int, int]) -> tuple[str, bool]:
    sent = [vote for w in row.writes for vote in w.sent]
    if not sent:
        return "no votes", True
    counted = [v for v in sent if v.counted]
    refused = [v for v in sent if v.answer.status and not v.counted]
    unanswered = len(sent) - len(counted) - len(refused)
    rows_counted = sum(new_rows[v.fan] for v in counted)
    exact = all(new_rows[v.fan] == 1 for v in counted) and not any(new_rows[v.fan] for v in refused)
    ok = exact and not unanswered
    text = f"{len(counted)} answered → {rows_counted} rows"
    if refused:
        text += f", {len(refused)} refused → {sum(new_rows[v.fan] for v in refused)} rows"
    if unanswered:
        text += f", {unanswered} unanswered"
    return f"{text}: {'OK' if ok else 'MISMATCH'}", ok


def _events(row: Row, kind: str) -> tuple[str, bool]:
    events = [e for w in row.writes for e in w.events if e.kind == kind]
    done, shown = sum(e.done for e in events), sum(e.shown for e in events)
    return f"{done} · {shown} of {len(events)}", done == shown == len(events)


def _report(
    args: argparse.Namespace, env: dict[str, str], rows: list[Row], new_rows: dict
) -> Report:
    lines = [
        f"Episode night · {args.night_seconds} s per run, each after {args.anchor_seconds} s of "
        f"the minimal view · {args.connections} connections · votes paced at "
        f"{', '.join(map(str, args.night_rates))} a second, each from a different fan · a "
        f"comment and an approval every 2 s · PAGE_CACHE_SECONDS={env['PAGE_CACHE_SECONDS']}",
        "",
        "| readers | votes/s | requests/s | p50 ms | p99 ms | non-2xx | ratio to minimal "
        "(its requests/s) | minimal under the writes | votes' p50 ms | votes' p99 ms | votes "
        "answered → rows (both runs) | comments taken · shown | approvals taken · shown |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |",
    ]
    ok, late = True, []
    for row in rows:
        during = [v.answer.ms for v in row.writes[0].sent if v.counted]
        votes, votes_ok = _votes_check(row, new_rows)
        comments, comments_ok = _events(row, "comment")
        approvals, approvals_ok = _events(row, "approval")
        ok = ok and votes_ok and comments_ok and approvals_ok
        quantiles = (
            f"{statistics.median(during):.1f} | {percentile(during, 0.99):.1f}"
            if during
            else "– | –"
        )
        lines.append(
            f"| {row.readers} | {row.rate} | {row.load.rps:,.0f} | {row.load.p50_ms:.1f} | "
            f"{row.load.p99_ms:.1f} | {row.load.non_2xx} | {row.load.rps / row.anchor.rps:.2f} "
            f"({row.anchor.rps:,.0f}) | {row.under_writes.rps:,.0f} | {quantiles} | {votes} | "
            f"{comments} | {approvals} |"
        )
        ok = ok and row.load.non_2xx == 0 and row.under_writes.non_2xx == 0
        slow = sum(v.late_ms > LATE_MS for w in row.writes for v in w.sent)
        if slow:
            late.append(f"{slow} at {row.rate} votes/s ({row.readers})")
    lines.append("")
    if late:
        lines.append(
            f"Votes that left more than {LATE_MS} ms after their time (every voter thread still "
            f"waiting for an answer): {'; '.join(late)}."
        )
    lines.append(f"Episode night: {'PASS' if ok else 'FAIL'}.")
    return Report("\n".join(lines) + "\n", ok)
