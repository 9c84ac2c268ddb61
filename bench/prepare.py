"""Run inside the benchmark's environment: sign fans in and choose what the load hits.

Writes a JSON file with: a signed-in session for the list, fresh voters' sessions paired
with theories they have never voted on (so every vote request adds exactly one vote row),
and the ids and names the URLs need. For the episode-night scenario (bench/night.py) also:
fresh fans who each vote once, a moderator's session and theories waiting for approval.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aouad_site.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret  # noqa: E402

from accounts.models import User  # noqa: E402
from accounts.usernames import skeleton_key  # noqa: E402
from moderation.models import ContentStatus  # noqa: E402
from moderation.roles import ensure_moderators_group  # noqa: E402
from theories.models import Theory  # noqa: E402
from theories.services import create_theory  # noqa: E402


def session_for(user: User) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def fresh_fans(prefix: str, count: int) -> list[User]:
    """Established fans (joined long ago) with no votes yet."""
    joined = datetime.now(UTC) - timedelta(days=400)
    password = make_password("bench-voter-not-secret")
    User.objects.bulk_create(
        [
            User(
                username=f"{prefix}{n}",
                username_skeleton=skeleton_key(f"{prefix}{n}"),  # bulk_create skips save()
                email="",
                password=password,
                date_joined=joined,
            )
            for n in range(count)
        ],
        ignore_conflicts=True,
    )
    return list(User.objects.filter(username__startswith=prefix).order_by("pk")[:count])


def night(night_fans: int, pending: int) -> dict:
    moderator, _ = User.objects.get_or_create(
        username="benchmoderator", defaults={"is_staff": True, "email": ""}
    )
    moderator.groups.add(ensure_moderators_group())
    author, _ = User.objects.get_or_create(username="benchnightauthor", defaults={"email": ""})
    waiting = []
    for n in range(pending):
        theory, _ = create_theory(
            author=author,
            title=f"Night theory {n}: the broadcast tower matters in season 2",
            body="Waiting for a moderator during the episode-night benchmark.",
            spoiler=False,
            characters=[],
            citations=[],
        )
        if theory.status != ContentStatus.PENDING:
            raise SystemExit("The episode-night author's theories no longer wait for approval.")
        waiting.append([theory.pk, theory.get_absolute_url()])
    return {
        "night_fans": [[session_for(f), f.pk] for f in fresh_fans("benchnightfan", night_fans)],
        "moderator_session": session_for(moderator),
        "pending": waiting,
    }


def main(
    out: Path,
    voters: int,
    theories_per_voter: int,
    fans_reading: int,
    night_fans: int = 0,
    pending: int = 0,
) -> None:
    fresh = fresh_fans("benchvoter", voters)
    targets = list(
        Theory.objects.published()
        .order_by("-score", "-pk")
        .values_list("pk", flat=True)[:theories_per_voter]
    )
    csrf = _get_new_csrf_string()
    pairs = []
    for voter in fresh:
        session = session_for(voter)
        pairs.extend([session, theory] for theory in targets)
    reader = (
        User.objects.annotate(n=Count("votes"))
        .filter(n__gt=0, is_staff=False)
        .order_by("-n")
        .first()
    )
    # Fans who read the list one after another, each with votes of their own on it.
    fans = (
        User.objects.annotate(n=Count("votes"))
        .filter(n__gt=0, is_staff=False)
        .order_by("-n", "pk")[:fans_reading]
    )
    author = User.objects.annotate(n=Count("theories")).order_by("-n").first()
    data = {
        "csrf": csrf,  # the cookie's secret
        "csrf_token": _mask_cipher_secret(csrf),  # what a page gives the browser to send back
        "pairs": pairs,
        "reader_session": session_for(reader),
        "fan_sessions": [session_for(fan) for fan in fans],
        "popular_theory": Theory.objects.published().order_by("-score").first().get_absolute_url(),
        "profile": author.get_absolute_url(),
        "voters": [v.pk for v in fresh],
        "targets": targets,
    }
    if night_fans:
        data |= night(night_fans, pending)
    out.write_text(json.dumps(data))


if __name__ == "__main__":
    main(Path(sys.argv[1]), *(int(a) for a in sys.argv[2:]))
