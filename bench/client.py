"""A small HTTP client for the benchmark's fans, moderator and readers, over loopback.

It sends what a browser with htmx sends: the session and CSRF cookies, the form's fields with
the page's masked CSRF token, the same token in `X-CSRFToken` (base.html's `hx-headers`) and
`HX-Request: true` for htmx forms. Nothing is retried: a vote sent twice takes itself back.
"""

from __future__ import annotations

import http.client
import math
import re
import time
from dataclasses import dataclass
from urllib.parse import urlencode

TIMEOUT_SECONDS = 10
# What follows /theories/<id>/ in the links that are not the theory's page (theories/urls.py).
NOT_PAGES = {"edit", "delete", "history", "vote", "report", "comments", "estimate"}


@dataclass
class Answer:
    status: int  # 0: no answer (a timeout, a closed connection)
    body: str
    ms: float
    error: str = ""
    location: str = ""  # where a redirect points


class Client:
    """One keep-alive connection (reopened when the server closes it, as sync workers do)."""

    def __init__(self, port: int, csrf: str = "", token: str = "") -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_SECONDS)
        self.csrf, self.token = csrf, token  # the cookie's secret, the page's masked token

    def send(self, method: str, path: str, headers: dict[str, str], body: str = "") -> Answer:
        started = time.monotonic()
        try:
            self.connection.request(method, path, body=body or None, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            if response.will_close:
                self.connection.close()
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            return Answer(0, "", (time.monotonic() - started) * 1000, type(error).__name__)
        elapsed = (time.monotonic() - started) * 1000
        return Answer(response.status, text, elapsed, location=response.getheader("Location", ""))

    def get(self, path: str, session: str = "") -> Answer:
        return self.send("GET", path, {"Cookie": f"sessionid={session}"} if session else {})

    def post(
        self, path: str, session: str, fields: dict[str, str], htmx_target: str = ""
    ) -> Answer:
        headers = {
            "Cookie": f"sessionid={session}; csrftoken={self.csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        if htmx_target:
            headers |= {"HX-Request": "true", "HX-Target": htmx_target, "X-CSRFToken": self.token}
        body = urlencode({"csrfmiddlewaretoken": self.token, **fields})
        return self.send("POST", path, headers, body)

    def vote(self, session: str, theory_id: int, value: int = 1) -> Answer:
        """The vote widget's form as htmx sends it: answered with the widget, new score in it."""
        fields = {"next": "/theories/?sort=hot", "value": str(value)}
        return self.post(f"/theories/{theory_id}/vote/", session, fields, f"vote-{theory_id}")

    def close(self) -> None:
        self.connection.close()


def vote_counted(answer: Answer) -> bool:
    return answer.status == 200 and "vote-score" in answer.body


def theory_id(url: str) -> int:
    return int(re.match(r"/theories/(\d+)/", url).group(1))


def score_on(page: str, theory: int) -> int | None:
    """The score a theory's vote widget shows on a page, if the page shows it."""
    found = re.search(
        rf'id="vote-{theory}".*?class="vote-score"[^>]*>\s*(-?\d+)\s*<', page, re.DOTALL
    )
    return int(found.group(1)) if found else None


def theories_listed(page: str) -> dict[int, str]:
    """The theories a page links to, in order: id → page."""
    found = re.findall(r'href="(/theories/(\d+)/([^/"]+)/)"', page)
    return {int(pk): url for url, pk, slug in found if slug not in NOT_PAGES}


def shows(page: str, theory: int) -> bool:
    return f"/theories/{theory}/" in page


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share 0.99 for p99); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]
