"""Demo episodes, estimates and verdicts.

Season 1's twelve episodes (FACTS gives the premiere date and no titles). The resolved
theories are a watch-along from the week before the premiere, each settled by something
the project's FACTS say happens in season 1, so the track records and the leaderboard have
real evidence behind them; one is unresolvable because FACTS leave that fate open.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TextIO

from django.utils import timezone

from accounts.models import User
from characters.models import Character
from episodes.models import Episode
from theories.choices import Outcome
from theories.models import Theory, TheoryRevision
from verdicts.models import Estimate, EstimateChange, Verdict
from verdicts.services import give_verdict

PREMIERE = date(2022, 1, 28)
AIRED_AT = datetime(2022, 1, 28, tzinfo=UTC)

# author, title, body, characters, days before the premiere, deciding episode, outcome,
# the verdict's explanation, and the estimates: {fan: per cent} (the author's own included).
RESOLVED = [
    {
        "author": "namra_believer",
        "title": "Nam-ra makes it to the end of the season alive",
        "body": (
            "The class president is written as the one who keeps her head. Whatever happens "
            "to her, I think she is still standing when the last episode ends."
        ),
        "characters": ["choi-nam-ra"],
        "days": 6,
        "episode": 12,
        "outcome": Outcome.CONFIRMED,
        "explanation": "Nam-ra is alive in the finale, changed into a half-zombie.",
        "estimates": {"namra_believer": 80, "suhyeok_fan": 60, "daesu_sings": 45, "onjo_fan": 70},
    },
    {
        "author": "suhyeok_fan",
        "title": "Su-hyeok survives season 1",
        "body": "He is the one who protects everyone else. Killing him off would end the show's "
        "heart, so he lives to the finale.",
        "characters": ["lee-su-hyeok"],
        "days": 5,
        "episode": 12,
        "outcome": Outcome.CONFIRMED,
        "explanation": "Su-hyeok is among the survivors at the end of season 1.",
        "estimates": {"suhyeok_fan": 85, "namra_believer": 70, "daesu_sings": 60, "onjo_fan": 75},
    },
    {
        "author": "onjo_fan",
        "title": "We will see Cheong-san turn into a zombie on screen",
        "body": "If he is bitten, the show will make us watch it happen: that is the kind of "
        "gut punch this story is going for.",
        "characters": ["lee-cheong-san"],
        "days": 4,
        "episode": 12,
        "outcome": Outcome.DEBUNKED,
        "explanation": "Gwi-nam bites Cheong-san, but the season ends without ever showing "
        "him turn.",
        "estimates": {"onjo_fan": 40, "namra_believer": 30, "suhyeok_fan": 55, "daesu_sings": 65},
    },
    {
        "author": "daesu_sings",
        "title": "None of the students get out of the school",
        "body": "The trailer looks bleak. My bet is the school is a trap nobody leaves.",
        "characters": [],
        "days": 3,
        "episode": 12,
        "outcome": Outcome.DEBUNKED,
        "explanation": "Six students are saved from the school and return in the finale.",
        "estimates": {"daesu_sings": 35, "namra_believer": 10, "suhyeok_fan": 15, "onjo_fan": 20},
    },
    {
        "author": "namra_believer",
        "title": "The science teacher carries a changed strain of his own virus",
        "body": "A scientist who makes a virus like this keeps a version for himself. I think "
        "we find out he has been carrying something different from what spreads in the school.",
        "characters": ["lee-byeong-chan"],
        "days": 2,
        "episode": 4,
        "outcome": Outcome.CONFIRMED,
        "explanation": "In episode 4 Byeong-chan turns out to carry a mutated version of the "
        "Jonas virus.",
        "estimates": {"namra_believer": 65, "suhyeok_fan": 40, "daesu_sings": 30},
    },
    {
        "author": "suhyeok_fan",
        "title": "Nam-ra learns she is not the only one of her kind",
        "body": "If someone ends up half-way between human and zombie, they will not be the "
        "only one. I expect the finale to hint at others.",
        "characters": ["choi-nam-ra"],
        "days": 1,
        "episode": 12,
        "outcome": Outcome.PARTLY,
        "explanation": "In the finale Nam-ra says there are others like her — but the season "
        "never shows them.",
        "estimates": {"suhyeok_fan": 55, "namra_believer": 75, "onjo_fan": 50, "daesu_sings": 25},
    },
    {
        "author": "daesu_sings",
        "title": "Gwi-nam is definitely dead by the end of season 1",
        "body": "Nobody survives what happens to him. He is gone for good.",
        "characters": ["yoon-gwi-nam"],
        "days": 1,
        "episode": 12,
        "outcome": Outcome.UNRESOLVABLE,
        "explanation": "The season leaves Gwi-nam's fate open; season 1 cannot settle this.",
        "estimates": {"daesu_sings": 70, "onjo_fan": 30},
    },
]

# Estimates on the open season 2 theories: {author of the theory: {fan: per cent}}.
OPEN_ESTIMATES = {
    "namra_believer": {"namra_believer": 70, "suhyeok_fan": 55, "onjo_fan": 60},
    "suhyeok_fan": {"suhyeok_fan": 80, "namra_believer": 85, "daesu_sings": 65},
    "onjo_fan": {"onjo_fan": 65, "namra_believer": 50, "daesu_sings": 35},
    "daesu_sings": {"daesu_sings": 45, "suhyeok_fan": 30},
}


def _estimate(theory: Theory, user: User, probability: int, *, at: datetime) -> None:
    """A demo fan's estimate, with its history, unless they already gave one."""
    _, created = Estimate.objects.get_or_create(
        theory=theory,
        user=user,
        defaults={"probability": probability, "created": at, "updated": at},
    )
    if created:
        EstimateChange.objects.create(theory=theory, user=user, probability=probability, at=at)


def _episodes() -> dict[int, Episode]:
    episodes = {}
    for number in range(1, 13):
        episode, _ = Episode.objects.get_or_create(
            season=1, number=number, defaults={"air_date": PREMIERE, "aired_at": AIRED_AT}
        )
        episodes[number] = episode
    return episodes


def load(*, stdout: TextIO) -> list[str]:
    episodes = _episodes()
    users = {u.username: u for u in User.objects.filter(username__in=_usernames())}
    moderator = User.objects.get(username="moderator")
    characters = {c.slug: c for c in Character.objects.all()}
    for data in RESOLVED:
        author = users[data["author"]]
        theory = Theory.objects.filter(author=author, title=data["title"]).first()
        if theory is None:
            created = AIRED_AT - timedelta(days=data["days"])
            theory = Theory.objects.create(
                author=author, title=data["title"], body=data["body"], created=created
            )
            theory.characters.set([characters[s] for s in data["characters"] if s in characters])
            TheoryRevision.objects.create(
                theory=theory, title=theory.title, body=theory.body, created=created
            )
        for username, probability in data["estimates"].items():
            stated = theory.created + timedelta(hours=1 + len(username))
            _estimate(theory, users[username], probability, at=stated)
        if theory.is_live and not Verdict.objects.filter(theory=theory).exists():
            give_verdict(
                theory=theory,
                outcome=data["outcome"],
                episode=episodes[data["episode"]],
                explanation=data["explanation"],
                moderator=moderator,
            )
    for author_name, estimates in OPEN_ESTIMATES.items():
        theory = Theory.objects.filter(author=users[author_name], outcome=Outcome.OPEN).first()
        if theory is None:
            continue
        for username, probability in estimates.items():
            _estimate(theory, users[username], probability, at=timezone.now())
    return [
        f"  Episodes: season 1 ({len(episodes)} episodes); "
        f"{len(RESOLVED)} season 1 watch-along theories with verdicts and estimates."
    ]


def _usernames() -> set[str]:
    names = {d["author"] for d in RESOLVED}
    for data in RESOLVED:
        names |= set(data["estimates"])
    return names | set(OPEN_ESTIMATES)
