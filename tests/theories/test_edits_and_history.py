"""Edits count toward a daily limit, and history pages come twenty versions at a time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries, Settings

from accounts.models import User
from discussion.models import Comment, CommentRevision
from discussion.services import post_comment
from tests.theories.factories import TheoryFactory
from tests.theories.test_theory_pages import _post_data
from theories.models import Theory, TheoryRevision

LONG_BODY = "Season 2 opens on the rooftop. " * 600  # about 18 000 characters


def _with_revisions(count: int) -> Theory:
    """A theory whose history holds `count` versions, the newest last."""
    theory = TheoryFactory(title="Version 1", body="Body of version 1")
    start = timezone.now() - timedelta(hours=count)
    TheoryRevision.objects.filter(theory=theory).update(created=start)
    TheoryRevision.objects.bulk_create(
        TheoryRevision(
            theory=theory,
            title=f"Version {n}",
            body=f"Body of version {n}",
            created=start + timedelta(minutes=n),
        )
        for n in range(2, count + 1)
    )
    return theory


@pytest.mark.django_db
def test_the_41st_edit_in_a_day_is_refused_and_nothing_changes(
    author: User, author_client: Client, settings: Settings
) -> None:
    settings.DAILY_LIMITS = {**settings.DAILY_LIMITS, "edit": (40, 40)}
    theory = TheoryFactory(author=author)
    url = f"/theories/{theory.pk}/edit/"
    for n in range(40):
        response = author_client.post(
            url, _post_data(title=f"Edited title {n}", body=f"{n} {LONG_BODY}")
        )
        assert response.status_code == 302, n

    response = author_client.post(
        url, _post_data(title="Edit 41 typed", body="One edit too many today.")
    )

    assert response.status_code == 429
    html = response.content.decode()
    assert "You have reached today&#x27;s limit of 40 edits" in html
    assert 'value="Edit 41 typed"' in html  # the form comes back as typed
    theory.refresh_from_db()
    assert theory.title == "Edited title 39"
    assert theory.revisions.count() == 41  # the first version and forty edits


@pytest.mark.django_db
def test_comment_edits_count_toward_the_same_daily_limit(
    author: User, author_client: Client, settings: Settings
) -> None:
    settings.DAILY_LIMITS = {**settings.DAILY_LIMITS, "edit": (2, 2)}
    comment, _ = post_comment(author=author, theory=TheoryFactory(), body="First words.")
    theory = TheoryFactory(author=author)
    author_client.post(f"/theories/{theory.pk}/edit/", _post_data(title="One edit"))
    author_client.post(f"/comments/{comment.pk}/edit/", {"body": "Second words."})

    response = author_client.post(f"/comments/{comment.pk}/edit/", {"body": "Third words."})

    assert response.status_code == 429
    html = response.content.decode()
    assert "limit of 2 edits" in html and "Third words." in html
    assert Comment.objects.get(pk=comment.pk).body == "Second words."
    assert CommentRevision.objects.filter(comment=comment).count() == 2


@pytest.mark.django_db
def test_an_identical_edit_adds_no_revision(author: User, author_client: Client) -> None:
    theory = TheoryFactory(author=author, title="Same title", body="Same words.")

    author_client.post(
        f"/theories/{theory.pk}/edit/", _post_data(title="Same title", body="Same words.")
    )

    assert theory.revisions.count() == 1


@pytest.mark.django_db
def test_the_history_shows_twenty_versions_a_page_and_links_to_the_next(
    anonymous: Client,
) -> None:
    theory = _with_revisions(25)

    first = anonymous.get(f"/theories/{theory.pk}/history/").content.decode()
    second = anonymous.get(f"/theories/{theory.pk}/history/?page=2").content.decode()

    assert first.count("<details") == 20
    assert "(current) — Version 25<" in first and "— Version 6<" in first
    assert "— Version 5<" not in first
    assert '<a href="?page=2" rel="next">Older versions</a>' in first
    assert second.count("<details") == 5
    assert "(first version) — Version 1" in second
    assert '<a href="?page=1" rel="prev">Newer versions</a>' in second


@pytest.mark.django_db
@pytest.mark.parametrize("versions", [25, 60])
def test_the_history_page_runs_three_queries_however_long_the_history(
    anonymous: Client, django_assert_num_queries: DjangoAssertNumQueries, versions: int
) -> None:
    theory = _with_revisions(versions)

    # 1. the theory with its author and episodes  2. the number of versions  3. twenty of them
    with django_assert_num_queries(3):
        response = anonymous.get(f"/theories/{theory.pk}/history/")

    assert response.content.decode().count("<details") == 20


@pytest.mark.django_db
def test_a_comments_history_is_paginated_too(author: User, author_client: Client) -> None:
    comment, _ = post_comment(author=author, theory=TheoryFactory(), body="Version 1")
    CommentRevision.objects.bulk_create(
        CommentRevision(comment=comment, body=f"Version {n}") for n in range(2, 23)
    )

    first = author_client.get(f"/comments/{comment.pk}/history/").content.decode()
    second = author_client.get(f"/comments/{comment.pk}/history/?page=2").content.decode()

    assert first.count('class="prose"') == 20 and second.count('class="prose"') == 2
    assert 'rel="next"' in first and 'rel="prev"' in second
