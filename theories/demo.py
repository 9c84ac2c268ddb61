"""Demo quotes and theories.

The three quotes are stored verbatim and attributed as the project's FACTS give them (the
seed article is the source of record). The four theories are the ones the seed articles
discuss, written afresh, posted by demo fans and backed with citations; two of them come from
fans who write in Korean.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TextIO

from django.utils import timezone

from accounts.models import User
from aouad_site.languages import written_in
from characters.models import Character
from moderation.roles import ensure_moderators_group
from quotes.models import Quote, Source, Stance
from theories.models import Citation, Theory, TheoryRevision, Vote
from theories.services import VoteRefused, cast_vote

SEED_REPORT = (
    "Quoted in an English-language article on a possible All of Us Are Dead season 2 "
    "(the project's seed article 000)"
)

SOURCES = {
    "herald": {
        "outlet": "The Korea Herald",
        "title": "Interview with director Lee Jae-gyu on All of Us Are Dead",
        "reported_via": SEED_REPORT + ", which names the paper “The Korean Herald”.",
    },
    "spotv": {
        "outlet": "SpotTV News",
        "title": "Interview with director Lee Jae-gyu on the Jonas virus",
        "reported_via": SEED_REPORT + ".",
    },
}

QUOTES = {
    "survival": (
        "herald",
        "If the first season can be seen as having presented humanity's survival, the next "
        "season can talk about the survival of zombies. I hope to present viewers with another "
        "season.",
        [],
    ),
    "infection": (
        "spotv",
        "If 10 people eat in the same place, 5 people do not get infected with the coronavirus, "
        "2 people get infected quickly, and some people don't get infected. Each person's immune "
        "system as the reaction varies depending on the situation, I thought that there might be "
        "a sudden situation in which the zombie virus is not 100% infected,",
        [],
    ),
    "semi": (
        "spotv",
        "It can be collectively referred to as a semi-infected person. It is not in a state of "
        "not having a disease because of the presence of very strong antibodies,",
        ["yoon-gwi-nam", "min-eun-ji"],
    ),
}

FANS = ["namra_believer", "suhyeok_fan", "daesu_sings", "seoyeon_kr", "mingyu_kr"]
# Korean-writing fans, shown by their Hangul display names.
DISPLAY_NAMES = {"seoyeon_kr": "서연", "mingyu_kr": "민규"}

THEORIES = [
    {
        "author": "namra_believer",
        "title": "The Jonas virus changes with what you feel at the moment you are bitten",
        "days_ago": 9,
        "characters": ["choi-nam-ra", "yoon-gwi-nam", "lee-byeong-chan"],
        "body": (
            "Look at who came out of a bite still *thinking*: Nam-ra, Gwi-nam, and Byeong-chan "
            "with his mutated strain in episode 4. Each of them was in the grip of something "
            "strong when the virus took hold — fear, rage, obsession.\n\n"
            "My theory: the virus does not just infect, it **adapts to the host's emotional "
            "state**. Calm or terrified victims turn fully; people carried by one overwhelming "
            "feeling end up half-way, conscious and stronger. Season 2 will have to explain "
            "why, and I think emotions are the key."
        ),
        "citations": [
            (
                "infection",
                Stance.SUPPORTS,
                "The director says infection is not all-or-nothing and varies person to person.",
            ),
        ],
    },
    {
        "author": "suhyeok_fan",
        "title": "Season 2 is told from the zombies' side, with more half-zombies in the ruins",
        "days_ago": 6,
        "characters": ["choi-nam-ra", "min-eun-ji", "yoon-gwi-nam"],
        "body": (
            "Nam-ra tells the others in the finale that she is not the only one. The town was "
            "demolished, but people like her got out.\n\n"
            "So season 2 follows the *immortals*: how they hide, what they need, and whether "
            "humans will let them live. The survivors from season 1 become the ones deciding "
            "whether the half-zombies are a threat or friends."
        ),
        "citations": [
            (
                "survival",
                Stance.SUPPORTS,
                "He says outright that the next season can be about the survival of zombies.",
            ),
            (
                "semi",
                Stance.SUPPORTS,
                "He already has a name for a whole group of semi-infected people.",
            ),
        ],
    },
    {
        "author": "onjo_fan",
        "title": "Cheong-san survived the bite as a half-zombie",
        "days_ago": 3,
        "characters": ["lee-cheong-san", "yoon-gwi-nam", "nam-on-jo"],
        "body": (
            "Gwi-nam bites Cheong-san and then the show cuts away. We **never see him turn**, "
            "and a show this careful about its deaths would have shown us.\n\n"
            "If bites from an immortal can pass on the half-infection, Cheong-san is out there "
            "somewhere like Nam-ra: conscious, changed, and waiting to find On-jo again."
        ),
        "citations": [
            (
                "semi",
                Stance.SUPPORTS,
                "Semi-infection exists in the director's own words: surviving a bite is possible.",
            ),
            (
                "infection",
                Stance.SUPPORTS,
                "Not everyone who meets the virus ends up fully infected.",
            ),
        ],
    },
    {
        "author": "daesu_sings",
        "title": "Season 2 will land around January 2024, two years after season 1",
        "days_ago": 1,
        "characters": [],
        "body": (
            "Season 1 arrived in January 2022. Netflix renewed the show but gave no date, and "
            "reports talk about late 2023 or early 2024.\n\n"
            "Big Korean productions often take two years between seasons, so my guess is "
            "January 2024 — the same month as season 1."
        ),
        "citations": [
            (
                "survival",
                Stance.SUPPORTS,
                "He wanted another season from the start, so planning began early — but he "
                "gives no date.",
            ),
        ],
    },
    {
        "author": "seoyeon_kr",
        "title": "청산이는 절비가 되어 살아 있다",
        "days_ago": 2,
        "characters": ["lee-cheong-san", "yoon-gwi-nam", "nam-on-jo"],
        "body": (
            "귀남이에게 물린 뒤 청산이가 변하는 장면은 끝내 나오지 않아요. 누가 죽는지는 "
            "꼬박꼬박 보여 준 드라마가 청산이만 보여 주지 않았다는 게 이상하죠.\n\n"
            "의식이 남은 채로 변한 귀남이에게 물렸으니, 청산이도 남라처럼 **절비**가 됐을 "
            "거라고 생각해요. 시즌 2에서 온조 앞에 다시 나타날 거예요."
        ),
        "citations": [
            (
                "semi",
                Stance.SUPPORTS,
                "감독이 직접 ‘반감염자’라는 말을 썼어요. "
                "물려도 완전히 변하지 않을 수 있다는 뜻이죠.",
            ),
        ],
    },
    {
        "author": "mingyu_kr",
        "title": "시즌 2는 살아남은 절비들의 이야기다",
        "days_ago": 0.5,
        "characters": ["choi-nam-ra", "min-eun-ji"],
        "body": (
            "마지막 회에서 남라는 자기 같은 사람이 또 있다고 말해요. 도시는 무너졌지만 그 "
            "안에서 살아 나온 절비들이 분명히 있을 거예요.\n\n"
            "감독도 다음 시즌은 *좀비의 생존*을 이야기할 수 있다고 했으니, 시즌 2는 인간이 "
            "아니라 절비들 쪽에서 펼쳐질 것 같아요."
        ),
        "citations": [
            (
                "survival",
                Stance.SUPPORTS,
                "다음 시즌은 좀비의 생존을 다룰 수 있다고 감독이 직접 말했어요.",
            ),
        ],
    },
]

# (voter, theory author, value): demo fans reacting to each other's theories.
VOTES = [
    ("suhyeok_fan", "namra_believer", 1),
    ("onjo_fan", "namra_believer", 1),
    ("daesu_sings", "namra_believer", -1),
    ("namra_believer", "suhyeok_fan", 1),
    ("onjo_fan", "suhyeok_fan", 1),
    ("daesu_sings", "suhyeok_fan", 1),
    ("namra_believer", "onjo_fan", 1),
    ("suhyeok_fan", "onjo_fan", 1),
    ("daesu_sings", "onjo_fan", 1),
    ("namra_believer", "daesu_sings", -1),
    ("suhyeok_fan", "daesu_sings", 1),
    ("mingyu_kr", "seoyeon_kr", 1),
    ("onjo_fan", "seoyeon_kr", 1),
    ("seoyeon_kr", "mingyu_kr", 1),
    ("namra_believer", "mingyu_kr", 1),
]


def _fan(username: str) -> User:
    korean = username in DISPLAY_NAMES
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "email": f"{username}@example.com",
            "display_name": DISPLAY_NAMES.get(username, ""),
            "language": "ko" if korean else "en",
        },
    )
    if created:
        user.set_unusable_password()  # content authors only; nobody signs in as them
        user.save(update_fields=["password"])
    return user


def _load_quotes() -> dict[str, Quote]:
    characters = {c.slug: c for c in Character.objects.all()}
    sources = {
        key: Source.objects.get_or_create(
            outlet=data["outlet"], title=data["title"], defaults=data
        )[0]
        for key, data in SOURCES.items()
    }
    quotes: dict[str, Quote] = {}
    for key, (source_key, text, about) in QUOTES.items():
        quote, created = Quote.objects.get_or_create(
            speaker="Lee Jae-gyu",
            text=text,
            defaults={
                "source": sources[source_key],
                "verified": True,
                "verified_at": timezone.now(),
            },
        )
        if created:
            quote.characters.set([characters[slug] for slug in about if slug in characters])
        quotes[key] = quote
    return quotes


def load(*, stdout: TextIO) -> list[str]:
    # Staff who are not superusers are the moderators (accounts made the demo ones).
    moderators = ensure_moderators_group()
    for staff in User.objects.filter(is_staff=True, is_superuser=False):
        staff.groups.add(moderators)
    quotes = _load_quotes()
    users = {name: _fan(name) for name in FANS}
    users["onjo_fan"] = User.objects.get(username="onjo_fan")
    characters = {c.slug: c for c in Character.objects.all()}
    now = timezone.now()
    by_author: dict[str, Theory] = {}
    for data in THEORIES:
        author = users[data["author"]]
        theory = Theory.objects.filter(author=author, title=data["title"]).first()
        if theory is None:
            created = now - timedelta(days=data["days_ago"])
            theory = Theory.objects.create(
                author=author,
                title=data["title"],
                body=data["body"],
                created=created,
                language=written_in(data["title"], data["body"]),
            )
            theory.characters.set([characters[slug] for slug in data["characters"]])
            Citation.objects.bulk_create(
                Citation(theory=theory, quote=quotes[key], stance=stance, note=note)
                for key, stance, note in data["citations"]
            )
            TheoryRevision.objects.create(
                theory=theory, title=theory.title, body=theory.body, created=created
            )
        by_author[data["author"]] = theory
    for voter, author, value in VOTES:
        theory = by_author[author]
        if not Vote.objects.filter(user=users[voter], theory=theory).exists():
            try:
                cast_vote(user=users[voter], theory_id=theory.pk, value=value)
            except VoteRefused:
                continue  # the theory was hidden or removed since: leave it be
    return [
        f"  Quotes: {len(QUOTES)} verified; theories: {len(THEORIES)} by demo fans, with votes."
    ]
