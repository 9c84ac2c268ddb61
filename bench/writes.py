"""The writes of an episode night, paced, in threads beside wrk (which cannot pace).

Votes arrive at a steady rate, each from a different signed-in fan; every EVENT_SECONDS a fan
comments on the popular theory and a moderator approves a waiting theory, and the next
anonymous request for the page concerned checks that readers see the change at once.
"""

from __future__ import annotations

import math
import queue
import threading
import time
from dataclasses import dataclass, field

from client import Answer, Client, vote_counted

EVENT_SECONDS = 2.0
# Votes in flight at once, at most: a second's worth at the rate (votes keep arriving on time
# while each waits up to a second for a worker), and no fewer than a few.
MAX_VOTE_THREADS, MIN_VOTE_THREADS = 200, 8
QUEUE_PATH = "/admin/moderation/"


@dataclass
class VoteSent:
    fan: int  # the fan's user id: each fan votes once in the whole scenario
    answer: Answer
    late_ms: float  # how long after its time it left: every thread was still waiting

    @property
    def counted(self) -> bool:
        return vote_counted(self.answer)


@dataclass
class Event:
    kind: str  # "comment" or "approval"
    done: bool  # the server took it
    shown: bool  # the next anonymous request for its page shows it
    ms: float


@dataclass
class Writes:
    """What one run sends besides the readers' load, and what came back."""

    port: int
    csrf: str
    token: str
    votes: list[tuple[str, int, int]]  # (session, fan id, theory id)
    rate: int  # votes a second
    seconds: float
    commenters: list[str]  # sessions, one per event
    theory: tuple[int, str]  # the popular theory: id, page
    moderator: str
    pending: list[tuple[int, str]]  # waiting theories: id, page; one approved per event
    label: str  # makes this run's comments unique
    sent: list[VoteSent] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    threads: list[threading.Thread] = field(default_factory=list)

    @staticmethod
    def event_count(seconds: float) -> int:
        return math.ceil(seconds / EVENT_SECONDS)

    def start(self) -> None:
        """Begin now; votes due over `seconds`, an event every EVENT_SECONDS from the start."""
        begin = time.monotonic() + 0.1
        due: queue.Queue = queue.Queue()
        for n, vote in enumerate(self.votes):
            due.put((begin + n / self.rate, vote))
        workers = min(len(self.votes), max(MIN_VOTE_THREADS, min(MAX_VOTE_THREADS, self.rate)))
        self.threads = [threading.Thread(target=self._vote, args=(due,)) for _ in range(workers)]
        self.threads.append(threading.Thread(target=self._events, args=(begin,)))
        for thread in self.threads:
            thread.start()

    def join(self) -> None:
        for thread in self.threads:
            thread.join()

    def _vote(self, due: queue.Queue) -> None:
        client = Client(self.port, self.csrf, self.token)
        while True:
            try:
                when, (session, fan, theory) = due.get_nowait()
            except queue.Empty:
                break
            time.sleep(max(0.0, when - time.monotonic()))
            late = (time.monotonic() - when) * 1000
            self.sent.append(VoteSent(fan, client.vote(session, theory), late))
        client.close()

    def _events(self, begin: float) -> None:
        fan = Client(self.port, self.csrf, self.token)
        reader = Client(self.port)
        theory, page = self.theory
        for n in range(self.event_count(self.seconds)):
            time.sleep(max(0.0, begin + n * EVENT_SECONDS - time.monotonic()))
            text = f"Night comment {self.label}-{n}: the broadcast tower scene again"
            fields = {"body": text, "parent": "", "episode": ""}
            answer = fan.post(
                f"/theories/{theory}/comments/", self.commenters[n], fields, "comments"
            )
            done = answer.status == 200 and text in answer.body
            self.events.append(Event("comment", done, text in reader.get(page).body, answer.ms))
            approved, waiting = self.pending[n]
            # Asked for while it waits too: a 404 kept for readers would outlive the approval.
            hidden = reader.get(waiting).status == 404
            fields = {"one": f"approve:theory:{approved}", "reason": "", "note": ""}
            answer = fan.post(QUEUE_PATH, self.moderator, fields)
            shown = hidden and reader.get(waiting).status == 200
            done = answer.status == 302 and answer.location.endswith(QUEUE_PATH)
            self.events.append(Event("approval", done, shown, answer.ms))
        fan.close()
        reader.close()
