"""The moderation queue comes a page at a time, in a fixed number of queries, and its bulk
actions act on what was selected on that page and lead back to it."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from pytest_django import Settings

from accounts.models import User
from discussion.models import Comment
from moderation.models import ContentStatus, Report
from quotes.models import Quote
from tests.accounts.factories import UserFactory
from tests.discussion.factories import CommentFactory
from tests.quotes.factories import QuoteFactory
from tests.theories.factories import TheoryFactory
from theories.models import Theory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fifty_a_page(settings: Settings) -> None:
    settings.MODERATION_QUEUE_PER_PAGE = 50


@pytest.fixture
def moderator_client(moderator: User) -> Client:
    client = Client()
    client.force_login(moderator)
    return client


def _report(item: object, reporter: User) -> None:
    Report.objects.create(
        reporter=reporter,
        target_type=ContentType.objects.get_for_model(item),
        target_id=item.pk,  # type: ignore[attr-defined]
        reason="spam",
        note="Look at this.",
    )


def _fill_queue(rows: int) -> None:
    """`rows` waiting rows of every kind: pending theories, reported comments, quotes and
    profiles, each reported by a different fan."""
    reporter = UserFactory()
    for n in range(rows):
        kind = n % 4
        if kind == 0:
            TheoryFactory(status=ContentStatus.PENDING)
        elif kind == 1:
            _report(CommentFactory(), reporter)
        elif kind == 2:
            _report(QuoteFactory(), reporter)
        else:
            _report(UserFactory(display_name=f"Name {n}", bio="Words."), reporter)


def _rows(html: str) -> list[str]:
    return re.findall(r'name="items" value="([a-z]+:\d+)"', html)


@pytest.mark.parametrize("rows", [10, 60])
def test_the_queue_takes_the_same_queries_for_10_and_60_rows(
    rows: int, moderator_client: Client, django_assert_num_queries: Callable
) -> None:
    _fill_queue(rows)
    moderator_client.get("/admin/moderation/")  # content types and permissions cached

    # 1 session, 1 user, 1 the moderator's permissions,
    # 4 what waits, per kind (theories, comments, quotes, profiles): keys and times only,
    # 4 the page's items, per kind, with their authors,
    # 4 the page's open reports, per kind, with their reporters
    with django_assert_num_queries(15):
        response = moderator_client.get("/admin/moderation/")

    assert len(_rows(response.content.decode())) == min(rows, 50)


def test_the_queue_is_paginated_oldest_first(moderator_client: Client) -> None:
    theories = [TheoryFactory(status=ContentStatus.PENDING) for _ in range(60)]

    first = moderator_client.get("/admin/moderation/").content.decode()
    second = moderator_client.get("/admin/moderation/?page=2").content.decode()

    assert _rows(first) == [f"theory:{t.pk}" for t in theories[:50]]
    assert _rows(second) == [f"theory:{t.pk}" for t in theories[50:]]
    assert "60 items waiting · page 1 of 2" in first
    assert 'href="?page=2"' in first and 'href="?page=1"' in second


def test_a_bulk_action_acts_on_the_selected_rows_of_the_page_and_returns_to_it(
    moderator_client: Client,
) -> None:
    theories = [TheoryFactory(status=ContentStatus.PENDING) for _ in range(120)]
    on_page_two = theories[50:100]
    chosen = on_page_two[:3]

    response = moderator_client.post(
        "/admin/moderation/?kind=theory&page=2",
        {"action": "approve", "items": [f"theory:{t.pk}" for t in chosen], "reason": ""},
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/moderation/?kind=theory&page=2"
    published = Theory.objects.filter(status=ContentStatus.PUBLISHED)
    assert set(published) == set(chosen)
    after = moderator_client.get(response["Location"]).content.decode()
    assert _rows(after)[0] == f"theory:{on_page_two[3].pk}"
    assert "Approve: 3 item(s) done." in after


def test_the_queue_shows_one_kind_when_asked(moderator_client: Client) -> None:
    _fill_queue(8)

    html = moderator_client.get("/admin/moderation/?kind=quote").content.decode()

    assert {key.split(":")[0] for key in _rows(html)} == {"quote"}
    assert len(_rows(html)) == Quote.objects.count() == 2
    assert Comment.objects.count() == 2


def test_a_page_past_the_end_shows_the_last_page(moderator_client: Client) -> None:
    TheoryFactory.create_batch(3, status=ContentStatus.PENDING)

    response = moderator_client.get("/admin/moderation/?page=9")

    assert response.status_code == 200
    assert len(_rows(response.content.decode())) == 3
