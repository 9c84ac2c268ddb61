"""Demo comments: fans answering each other's theories, in English and in Korean."""

from __future__ import annotations

from datetime import timedelta
from typing import TextIO

from django.utils import timezone

from accounts.models import User
from aouad_site.languages import written_in
from discussion.models import Comment, CommentRevision
from theories.models import Theory

# (theory title, author, body, hours ago, index of the comment it answers or None)
COMMENTS = [
    (
        "청산이는 절비가 되어 살아 있다",
        "mingyu_kr",
        "저도 같은 생각이에요. 변하는 장면을 끝까지 안 보여 준 건 "
        "시즌 2를 위해 남겨 둔 거라고 봐요.",
        30,
        None,
    ),
    (
        "청산이는 절비가 되어 살아 있다",
        "namra_believer",
        "If this is right, it fits the emotion theory as well: worth citing both.",
        20,
        None,
    ),
    (
        "Season 2 is told from the zombies' side, with more half-zombies in the ruins",
        "seoyeon_kr",
        "남라가 자기 같은 사람이 더 있다고 말한 장면이 핵심이죠. 이 이론에 한 표 던져요!",
        50,
        None,
    ),
    (
        "시즌 2는 살아남은 절비들의 이야기다",
        "suhyeok_fan",
        "Same idea as mine, from the other side of the world. The director calls Eun-ji an "
        "immortal too, so she may be one of them.",
        8,
        None,
    ),
    (
        "시즌 2는 살아남은 절비들의 이야기다",
        "mingyu_kr",
        "맞아요, 감독이 은지도 같은 경우라고 했으니 시즌 2에 꼭 나올 것 같아요.",
        6,
        3,
    ),
]


def load(*, stdout: TextIO) -> list[str]:
    now = timezone.now()
    made: list[Comment | None] = []  # by index, for the answers
    for title, username, body, hours_ago, answers in COMMENTS:
        theory = Theory.objects.filter(title=title).first()
        author = User.objects.filter(username=username).first()
        if theory is None or author is None:
            made.append(None)
            continue
        parent = made[answers] if answers is not None else None
        comment = Comment.objects.filter(theory=theory, author=author, body=body).first()
        if comment is None:
            created = now - timedelta(hours=hours_ago)
            comment = Comment.objects.create(
                theory=theory,
                author=author,
                parent=parent,
                body=body,
                created=created,
                language=written_in(body),
            )
            CommentRevision.objects.create(comment=comment, body=body, created=created)
        made.append(comment)
    return [f"  Comments: {len(COMMENTS)} in English and Korean."]
