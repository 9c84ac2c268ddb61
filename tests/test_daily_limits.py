"""Daily limits bite at exactly the numbers in settings, with a message and HTTP 429."""

from __future__ import annotations

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.utils import timezone
from pytest_django import Settings

from accounts import limits
from accounts.models import DailyCount, User
from moderation.models import Report
from quotes.models import Quote
from tests.accounts.factories import UserFactory
from tests.theories.factories import TheoryFactory
from tests.theories.test_theory_pages import _post_data
from theories.models import Theory, Vote
from theories.services import cast_vote
from verdicts.models import Estimate


@pytest.fixture
def theory_to_vote_on() -> Theory:
    return TheoryFactory()


def _fan(*, new: bool) -> tuple[User, Client]:
    joined = timezone.now() - timedelta(days=0 if new else settings.NEW_ACCOUNT_DAYS + 1)
    fan = UserFactory(date_joined=joined)
    client = Client()
    client.force_login(fan)
    return fan, client


@pytest.mark.django_db
@pytest.mark.parametrize("new", [True, False])
def test_theories_are_limited_per_day(new: bool) -> None:
    limit = settings.DAILY_LIMITS["theory"][0 if new else 1]
    fan, client = _fan(new=new)
    for n in range(limit):
        response = client.post("/theories/new/", _post_data(title=f"Limited theory number {n}"))
        assert response.status_code == 302, n

    response = client.post("/theories/new/", _post_data(title="One theory too many today"))

    assert response.status_code == 429
    html = response.content.decode()
    assert f"You have reached today&#x27;s limit of {limit} theories" in html
    assert "One theory too many today" in html  # what the fan typed is still in the form
    assert Theory.objects.filter(author=fan).count() == limit


@pytest.mark.django_db
def test_votes_are_limited_per_day() -> None:
    limit = settings.DAILY_LIMITS["vote"][0]
    fan, client = _fan(new=True)
    theories = TheoryFactory.create_batch(limit + 1)
    for theory in theories[:limit]:
        assert client.post(f"/theories/{theory.pk}/vote/", {"value": "1"}).status_code == 302

    over = client.post(f"/theories/{theories[-1].pk}/vote/", {"value": "1"})
    over_htmx = client.post(
        f"/theories/{theories[-1].pk}/vote/", {"value": "1"}, headers={"HX-Request": "true"}
    )

    assert over.status_code == over_htmx.status_code == 429
    assert f"limit of {limit} votes" in over_htmx.content.decode()
    assert Vote.objects.filter(user=fan).count() == limit


@pytest.mark.django_db
def test_a_vote_not_cast_does_not_count(settings: Settings) -> None:
    settings.DAILY_LIMITS = {**settings.DAILY_LIMITS, "vote": (2, 2)}
    fan, client = _fan(new=True)
    own = TheoryFactory(author=fan)
    for _ in range(3):
        assert client.post(f"/theories/{own.pk}/vote/", {"value": "1"}).status_code == 302
        assert client.post("/theories/999999/vote/", {"value": "1"}).status_code == 404
        assert client.post(f"/theories/{own.pk}/vote/", {"value": "2"}).status_code == 400
    first, second, third = TheoryFactory.create_batch(3)

    assert client.post(f"/theories/{first.pk}/vote/", {"value": "1"}).status_code == 302
    assert client.post(f"/theories/{second.pk}/vote/", {"value": "-1"}).status_code == 302
    assert client.post(f"/theories/{third.pk}/vote/", {"value": "1"}).status_code == 429
    assert Vote.objects.filter(user=fan).count() == 2


@pytest.mark.django_db
def test_take_counts_up_to_the_limit_and_no_further(settings: Settings) -> None:
    settings.DAILY_LIMITS = {**settings.DAILY_LIMITS, "vote": (3, 3)}
    fan, _ = _fan(new=True)

    taken = [limits.take(fan, "vote") for _ in range(5)]

    assert taken == [True, True, True, False, False]
    assert limits.used(fan, "vote") == 3  # refusals count nothing
    assert DailyCount.objects.get(user=fan, action="vote").used == 3


@pytest.mark.django_db
def test_a_new_day_starts_every_count_afresh(settings: Settings) -> None:
    settings.DAILY_LIMITS = {**settings.DAILY_LIMITS, "vote": (2, 2)}
    fan, _ = _fan(new=True)
    limits.count(fan, "comment")
    assert limits.take(fan, "vote") and limits.take(fan, "vote")
    assert not limits.take(fan, "vote")

    tomorrow = timezone.now() + timedelta(days=1)
    with mock.patch("accounts.limits.timezone.now", return_value=tomorrow):
        assert limits.used(fan, "comment") == limits.used(fan, "vote") == 0
        assert limits.take(fan, "vote")
        limits.count(fan, "comment")
        assert limits.used(fan, "vote") == limits.used(fan, "comment") == 1

    assert DailyCount.objects.filter(user=fan).count() == 2  # one row per action, reused


@pytest.mark.django_db
def test_a_clock_a_moment_behind_never_takes_the_count_back_a_day(settings: Settings) -> None:
    settings.DAILY_LIMITS = {**settings.DAILY_LIMITS, "vote": (2, 2)}
    fan, _ = _fan(new=True)
    assert limits.take(fan, "vote")

    a_moment_behind = timezone.now() - timedelta(days=1)
    with mock.patch("accounts.limits.timezone.now", return_value=a_moment_behind):
        assert limits.take(fan, "vote")  # counted towards the later day already begun
        assert not limits.take(fan, "vote")

    assert limits.used(fan, "vote") == 2


@pytest.mark.django_db
def test_a_fan_at_the_limit_is_refused_again_and_nothing_is_written(settings: Settings) -> None:
    settings.DAILY_LIMITS = {**settings.DAILY_LIMITS, "vote": (1, 1)}
    fan, client = _fan(new=True)
    first, second, third = TheoryFactory.create_batch(3)
    assert client.post(f"/theories/{first.pk}/vote/", {"value": "1"}).status_code == 302
    assert client.post(f"/theories/{second.pk}/vote/", {"value": "1"}).status_code == 429

    again = client.post(
        f"/theories/{third.pk}/vote/", {"value": "1"}, headers={"HX-Request": "true"}
    )

    assert again.status_code == 429
    assert "limit of 1 votes" in again.content.decode()
    assert Vote.objects.filter(user=fan).count() == limits.used(fan, "vote") == 1
    third.refresh_from_db()
    assert third.score == 0


@pytest.mark.django_db
def test_counters_are_kept_whatever_happens_to_the_caches() -> None:
    fan, _ = _fan(new=True)
    limits.count(fan, "comment")
    assert limits.take(fan, "vote")

    for cache in caches.all():
        cache.clear()

    assert limits.used(fan, "comment") == limits.used(fan, "vote") == 1


@pytest.mark.django_db
def test_a_vote_that_fails_after_counting_counts_nothing(theory_to_vote_on: Theory) -> None:
    fan, _ = _fan(new=True)

    with (
        mock.patch.object(Theory, "rerank", side_effect=RuntimeError("the disk is full")),
        pytest.raises(RuntimeError),
    ):
        cast_vote(user=fan, theory_id=theory_to_vote_on.pk, value=1, within_daily_limit=True)

    assert limits.used(fan, "vote") == 0
    assert not Vote.objects.filter(user=fan).exists()
    cast_vote(user=fan, theory_id=theory_to_vote_on.pk, value=1, within_daily_limit=True)
    assert limits.used(fan, "vote") == 1


@pytest.mark.django_db
def test_votes_cast_outside_the_site_count_nothing(theory_to_vote_on: Theory) -> None:
    """The demo loader casts votes for its fans: they are not the fans' own daily votes."""
    fan, _ = _fan(new=True)

    cast_vote(user=fan, theory_id=theory_to_vote_on.pk, value=1)

    assert limits.used(fan, "vote") == 0


@pytest.mark.django_db(transaction=True)
def test_one_fan_voting_from_many_tabs_at_once_gets_exactly_the_limit(
    settings: Settings,
) -> None:
    settings.DAILY_LIMITS = {**settings.DAILY_LIMITS, "vote": (5, 5)}
    fan, _ = _fan(new=True)
    theories = TheoryFactory.create_batch(12)
    barrier = threading.Barrier(len(theories))
    statuses: list[int] = []

    def vote(theory: Theory) -> None:
        client = Client()
        client.force_login(fan)
        barrier.wait()
        try:
            statuses.append(client.post(f"/theories/{theory.pk}/vote/", {"value": "1"}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(theory,)) for theory in theories]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses) == [302] * 5 + [429] * 7
    assert Vote.objects.filter(user=fan).count() == 5
    assert limits.used(fan, "vote") == 5


@pytest.mark.django_db
def test_reports_are_limited_per_day() -> None:
    limit = settings.DAILY_LIMITS["report"][0]
    fan, client = _fan(new=True)
    theories = TheoryFactory.create_batch(limit + 1)
    for theory in theories[:limit]:
        client.post(f"/theories/{theory.pk}/report/", {"reason": "spam"})

    response = client.post(
        f"/theories/{theories[-1].pk}/report/", {"reason": "other", "note": "Keep this note"}
    )

    assert response.status_code == 429
    assert "Keep this note" in response.content.decode()
    assert Report.objects.filter(reporter=fan).count() == limit


@pytest.mark.django_db
def test_quote_suggestions_are_limited_per_day() -> None:
    limit = settings.DAILY_LIMITS["quote"][0]
    fan, client = _fan(new=True)
    data = {"text": "Words", "speaker": "Lee Jae-gyu", "outlet": "Outlet", "title": "Title"}
    for n in range(limit):
        client.post("/quotes/new/", {**data, "text": f"Words number {n}"})

    response = client.post("/quotes/new/", {**data, "text": "The words I typed"})

    assert response.status_code == 429
    assert "The words I typed" in response.content.decode()
    assert Quote.objects.filter(suggested_by=fan).count() == limit


@pytest.mark.django_db
def test_a_refused_attempt_costs_nothing() -> None:
    limit = settings.DAILY_LIMITS["theory"][0]
    _, client = _fan(new=True)
    for _ in range(limit + 3):
        client.post("/theories/new/", _post_data(title="x"))  # invalid: too short

    response = client.post("/theories/new/", _post_data(title="A valid theory at last"))

    assert response.status_code == 302


@pytest.mark.django_db
def test_estimates_are_limited_per_day(settings: Settings) -> None:
    settings.DAILY_LIMITS = {**settings.DAILY_LIMITS, "estimate": (3, 3)}
    fan, client = _fan(new=True)
    theory = TheoryFactory()
    for figure in ("20", "30", "40"):
        assert (
            client.post(f"/theories/{theory.pk}/estimate/", {"probability": figure}).status_code
            == 302
        )

    over = client.post(f"/theories/{theory.pk}/estimate/", {"probability": "90"})

    assert over.status_code == 429
    html = over.content.decode()
    assert "limit of 3 estimates" in html
    assert 'value="90"' in html  # the figure typed is still in the form
    assert Estimate.objects.get(user=fan).probability == 40
