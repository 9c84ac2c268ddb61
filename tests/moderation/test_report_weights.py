"""Reports weigh by trust: fresh sign-ups and one address cannot take a theory down."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from pytest_django import Settings

from accounts.models import User
from moderation import actions, reporting
from moderation.models import ActionKind, ContentStatus, ModerationAction, Report
from moderation.queue import entries
from tests.accounts.factories import UserFactory
from tests.moderation.factories import established_fan
from tests.theories.factories import TheoryFactory
from theories.models import Theory


@pytest.fixture(autouse=True)
def _three_to_hide(settings: Settings) -> None:
    settings.REPORT_WEIGHT_TO_HIDE = 3


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _report(client: Client, theory: Theory, address: str, reason: str = "spam") -> None:
    response = client.post(
        f"/theories/{theory.pk}/report/", {"reason": reason}, REMOTE_ADDR=address
    )
    assert response.status_code == 302


def _status(theory: Theory) -> str:
    theory.refresh_from_db()
    return theory.status


@pytest.mark.django_db
def test_three_brand_new_sign_ups_cannot_hide_a_live_theory(
    anonymous: Client, moderator: User
) -> None:
    theory = TheoryFactory(title="Gwi-nam survives the fire")
    for n in range(3):
        attacker = Client(REMOTE_ADDR=f"198.51.100.{n + 1}")
        signed_up = attacker.post(
            "/accounts/signup/",
            {
                "username": f"sockpuppet{n}",
                "email": f"sock{n}@example.com",
                "password1": "rooftop-escape-99",
                "password2": "rooftop-escape-99",
            },
        )
        assert signed_up.status_code == 302
        _report(attacker, theory, f"198.51.100.{n + 1}")

    assert _status(theory) == ContentStatus.PUBLISHED
    assert anonymous.get(theory.get_absolute_url()).status_code == 200
    assert list(Report.objects.values_list("reporter__username", "weight")) == [
        ("sockpuppet0", 0),
        ("sockpuppet1", 0),
        ("sockpuppet2", 0),
    ]
    [entry] = entries(moderator)
    assert (entry.item, entry.reporter_count, entry.report_weight) == (theory, 3, 0)
    assert not ModerationAction.objects.filter(kind=ActionKind.AUTO_HIDE).exists()


@pytest.mark.django_db
def test_three_established_independent_fans_still_hide_it(anonymous: Client) -> None:
    theory = TheoryFactory(title="Spam about cheap followers")

    for n in range(3):
        _report(_signed_in(established_fan()), theory, f"203.0.113.{n + 1}")

    assert _status(theory) == ContentStatus.HIDDEN
    assert anonymous.get(theory.get_absolute_url()).status_code == 404
    auto = ModerationAction.objects.get(kind=ActionKind.AUTO_HIDE)
    assert (auto.reason, auto.note) == ("spam", "3 established fans reported it.")


@pytest.mark.django_db
def test_three_established_fans_behind_one_address_count_once(anonymous: Client) -> None:
    theory = TheoryFactory()

    for _ in range(3):
        _report(_signed_in(established_fan()), theory, "203.0.113.7")

    assert _status(theory) == ContentStatus.PUBLISHED
    assert sorted(Report.objects.values_list("weight", flat=True)) == [0, 0, 1]
    assert anonymous.get(theory.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_one_ipv6_block_counts_once_whatever_the_device(anonymous: Client) -> None:
    theory = TheoryFactory()

    for device in ("1", "2", "abcd"):
        _report(_signed_in(established_fan()), theory, f"2001:db8:1:2::{device}")

    assert _status(theory) == ContentStatus.PUBLISHED
    assert set(Report.objects.values_list("address", flat=True)) == {"2001:db8:1:2::"}


@pytest.mark.django_db
def test_old_accounts_without_published_content_weigh_nothing() -> None:
    theory = TheoryFactory()
    joined = timezone.now() - timedelta(days=settings.NEW_ACCOUNT_DAYS + 30)
    silent = UserFactory(date_joined=joined)
    only_pending = UserFactory(date_joined=joined)
    TheoryFactory(author=only_pending, status=ContentStatus.PENDING)
    only_removed = UserFactory(date_joined=joined)
    TheoryFactory(author=only_removed, status=ContentStatus.REMOVED)

    for n, fan in enumerate((silent, only_pending, only_removed)):
        reporting.report(reporter=fan, item=theory, reason="spam", address=f"203.0.113.{n}")

    assert _status(theory) == ContentStatus.PUBLISHED
    assert list(Report.objects.values_list("weight", flat=True)) == [0, 0, 0]


@pytest.mark.django_db
def test_uncounted_reports_do_not_choose_the_reason_it_is_hidden_for() -> None:
    theory = TheoryFactory()
    for n in range(5):
        reporting.report(
            reporter=UserFactory(), item=theory, reason="personal_info", address=f"10.0.0.{n}"
        )

    for n in range(3):
        reporting.report(
            reporter=established_fan(), item=theory, reason="spam", address=f"10.0.1.{n}"
        )

    theory.refresh_from_db()
    assert (theory.status, theory.removal_reason) == (ContentStatus.HIDDEN, "spam")
    assert not theory.revisions.filter(redacted=True).exists()


@pytest.mark.django_db
def test_after_a_moderator_restores_it_reports_only_queue_it(
    anonymous: Client, moderator: User
) -> None:
    theory = TheoryFactory()
    for n in range(3):
        _report(_signed_in(established_fan()), theory, f"203.0.113.{n + 1}")
    assert _status(theory) == ContentStatus.HIDDEN
    actions.restore(items=[theory], moderator=moderator)

    for n in range(3):
        _report(_signed_in(established_fan()), theory, f"192.0.2.{n + 1}")

    assert _status(theory) == ContentStatus.PUBLISHED
    assert anonymous.get(theory.get_absolute_url()).status_code == 200
    [entry] = entries(moderator)
    assert (entry.item, entry.reporter_count, entry.report_weight) == (theory, 3, 3)
    assert ModerationAction.objects.filter(kind=ActionKind.AUTO_HIDE).count() == 1
