"""Daily limits bite at exactly the numbers in settings, with a message and HTTP 429."""

from __future__ import annotations

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from pytest_django import Settings

from accounts.models import User
from aouad_site import limits
from tests.accounts.factories import UserFactory
from tests.theories.factories import TheoryFactory
from tests.theories.test_theory_pages import _post_data
from theories.models import Quote, Report, Theory, Vote
from verdicts.models import Estimate


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
def test_a_days_counter_outlives_the_caches_default_timeout() -> None:
    fan, _ = _fan(new=True)
    limits.count(fan, "comment")
    assert limits.take(fan, "vote")
    limits.count(fan, "vote")
    limits.give_back(fan, "vote")

    # The file-based cache checks expiry against time.time(); Redis keeps its own clock.
    later = time.time() + 60 * 60
    with mock.patch("django.core.cache.backends.filebased.time.time", return_value=later):
        assert limits.used(fan, "comment") == 1
        assert limits.used(fan, "vote") == 1


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
