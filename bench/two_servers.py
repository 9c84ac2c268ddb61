"""Two servers sharing PostgreSQL and Redis (--two-servers): what one changes, the other shows.

(a) A moderator removes a published theory through server A (the moderation queue's form):
    server B's next anonymous responses answer its page with 404 and leave it off the hot list.
(b) A fan votes through server A: server B's anonymous page of the theory shows the new score
    within PAGE_CACHE_SECONDS, read from the servers' environment; B is polled for
    PAGE_CACHE_SECONDS + 1 s, and every response after PAGE_CACHE_SECONDS must show it.
Every page is first requested from B many times at once, so that each of its workers holds it.
"""

from __future__ import annotations

import argparse
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import servers
from client import Answer, Client, score_on, shows, theories_listed, theory_id, vote_counted
from writes import QUEUE_PATH

FANS = 1  # fresh fans this check votes with
AT_ONCE = 16  # concurrent requests: more than B's workers, so each of them answers some
POLLERS = 4
POLL_SECONDS = 0.05
SLACK_SECONDS = 0.25  # a page rendered just before the vote committed, stored just after
HOT_LIST = "/theories/?sort=hot"


def port(args: argparse.Namespace) -> int:
    return args.port + 2  # with --flatness the next port is taken


def _burst(port: int, path: str, count: int = AT_ONCE) -> list[Answer]:
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        return list(pool.map(lambda _: Client(port).get(path), range(count)))


def check(
    args: argparse.Namespace, env: dict[str, str], data: dict, fans: list[list]
) -> tuple[str, bool]:
    a, b = args.port, port(args)
    process = servers.start(env | {"GUNICORN_BIND": f"127.0.0.1:{b}"})
    try:
        servers.wait_until_up(process, f"http://127.0.0.1:{b}")
        lines = [
            _removal(a, b, data),
            _vote(a, b, data, fans[0][0], int(env["PAGE_CACHE_SECONDS"])),
        ]
    finally:
        servers.stop([process])
    ok = all(line.endswith("PASS") for line in lines)
    heading = f"Two servers sharing PostgreSQL and Redis: A on port {a}, B on port {b}."
    return "\n".join([heading, *lines, ""]), ok


def _removal(a: int, b: int, data: dict) -> str:
    popular = theory_id(data["popular_theory"])
    listed = theories_listed(Client(b).get(HOT_LIST).body)
    others = [(pk, url) for pk, url in listed.items() if pk not in [*data["targets"], popular]]
    if not others:
        return "(a) removal: no theory to remove on B's hot list: FAIL"
    victim, page = others[-1]
    before = _burst(b, page, 2 * AT_ONCE) + _burst(b, HOT_LIST, 2 * AT_ONCE)
    if not all(r.status == 200 and shows(r.body, victim) for r in before):
        return f"(a) removal: theory {victim} was not on B's pages before the removal: FAIL"
    fields = {"one": f"remove:theory:{victim}", "reason": "spam", "note": "Two-server check."}
    client = Client(a, data["csrf"], data["csrf_token"])
    removed = client.post(QUEUE_PATH, data["moderator_session"], fields)
    if removed.status != 302 or not removed.location.endswith(QUEUE_PATH):
        return f"(a) removal through A answered {removed.status}, not the queue again: FAIL"
    pages, lists = _burst(b, page), _burst(b, HOT_LIST)
    gone = sum(r.status == 404 for r in pages)
    off = sum(r.status == 200 and not shows(r.body, victim) for r in lists)
    verdict = "PASS" if gone == len(pages) and off == len(lists) else "FAIL"
    return (
        f"(a) theory {victim} removed through A: B's next {len(pages)} answers for its page "
        f"were 404 in {gone}; B's next {len(lists)} hot lists left it off in {off}: {verdict}"
    )


def _vote(a: int, b: int, data: dict, session: str, page_cache: int) -> str:
    theory, page = theory_id(data["popular_theory"]), data["popular_theory"]
    shown = Counter(score_on(r.body, theory) for r in _burst(b, page, 2 * AT_ONCE))
    old = shown.most_common(1)[0][0]
    if old is None:
        return f"(b) no score for theory {theory} on B's page (the vote widget changed?): FAIL"
    answer = Client(a, data["csrf"], data["csrf_token"]).vote(session, theory)
    voted = time.monotonic()
    new = score_on(answer.body, theory)
    if not vote_counted(answer) or new is None:
        return f"(b) the vote through A was answered {answer.status} without a score: FAIL"
    seen: list[tuple[float, int | None]] = []

    def poll() -> None:
        client = Client(b)
        while (moment := time.monotonic() - voted) < page_cache + 1:
            seen.append((moment, score_on(client.get(page).body, theory)))
            time.sleep(POLL_SECONDS)

    pollers = [threading.Thread(target=poll) for _ in range(POLLERS)]
    for poller in pollers:
        poller.start()
    for poller in pollers:
        poller.join()
    fresh = [moment for moment, score in seen if score == new]
    stale = [moment for moment, score in seen if score != new]
    last_stale = max(stale, default=None)
    ok = fresh and (last_stale is None or last_stale <= page_cache + SLACK_SECONDS)
    took = f"first shown {min(fresh):.2f} s after A answered" if fresh else "never shown"
    if last_stale is not None:
        took += f", last response without it {last_stale:.2f} s after"
    return (
        f"(b) a vote on theory {theory} through A (B showed {old}, A answered {new}): on B "
        f"{took} ({len(seen)} responses over {page_cache + 1} s; PAGE_CACHE_SECONDS="
        f"{page_cache}): {'PASS' if ok else 'FAIL'}"
    )
