"""Sign-ups and password resets are limited per address and per e-mail address, per hour."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from pytest_django import Settings

from accounts import throttles
from accounts.forms import SIGNUP_REFUSED
from accounts.models import RateCount, User


def _sign_up(n: int, address: str, **extra: str) -> object:
    form = {
        "username": f"newcomer{n}",
        "email": f"newcomer{n}@example.com",
        "password1": "broadcast-room-7",
        "password2": "broadcast-room-7",
        **extra,
    }
    return Client().post("/accounts/signup/", form, REMOTE_ADDR=address)


def _reset(email: str, address: str) -> object:
    return Client().post("/accounts/password_reset/", {"email": email}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_sign_ups_past_the_hourly_limit_of_an_address_get_429_and_create_no_account(
    settings: Settings,
) -> None:
    limit = settings.HOURLY_LIMITS["signup-address"]

    statuses = [_sign_up(n, "203.0.113.5").status_code for n in range(30)]

    assert statuses == [302] * limit + [429] * (30 - limit)
    assert User.objects.count() == limit
    assert not User.objects.filter(username=f"newcomer{limit}").exists()


@pytest.mark.django_db
def test_a_throttled_sign_up_keeps_the_form_as_typed_with_the_reason(settings: Settings) -> None:
    settings.HOURLY_LIMITS = {**settings.HOURLY_LIMITS, "signup-address": 1}
    _sign_up(1, "203.0.113.5")

    response = _sign_up(2, "203.0.113.5")

    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many accounts have been created from your network" in html
    assert 'value="newcomer2"' in html
    assert 'value="newcomer2@example.com"' in html


@pytest.mark.django_db
def test_another_address_still_signs_up_while_one_is_throttled(settings: Settings) -> None:
    settings.HOURLY_LIMITS = {**settings.HOURLY_LIMITS, "signup-address": 2}
    for n in range(3):
        _sign_up(n, "203.0.113.5")

    response = _sign_up(9, "198.51.100.20")

    assert response.status_code == 302
    assert User.objects.filter(username="newcomer9").exists()


@pytest.mark.django_db
def test_an_invalid_sign_up_counts_nothing(settings: Settings) -> None:
    settings.HOURLY_LIMITS = {**settings.HOURLY_LIMITS, "signup-address": 1}
    for n in range(3):
        assert _sign_up(n, "203.0.113.5", password2="mistyped").status_code == 200

    assert _sign_up(5, "203.0.113.5").status_code == 302


@pytest.mark.django_db
def test_a_filled_honeypot_is_refused_quietly_and_creates_no_account() -> None:
    response = _sign_up(1, "203.0.113.5", website="https://spam.example/")

    assert response.status_code == 200
    form = response.context["form"]
    assert form.non_field_errors() == [SIGNUP_REFUSED]
    assert list(form.errors) == ["__all__"]  # nothing points at the hidden field
    assert not User.objects.exists()


@pytest.mark.django_db
def test_the_honeypot_is_labelled_and_kept_from_people(client: Client, settings: Settings) -> None:
    html = client.get("/accounts/signup/").content.decode()

    start = html.index('<div class="honeypot" aria-hidden="true">')
    honeypot = html[start : html.index("</div>", start)]
    assert '<label for="id_website">Leave this field empty' in honeypot
    assert 'tabindex="-1"' in honeypot
    assert 'autocomplete="off"' in honeypot
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    assert ".honeypot { display: none; }" in css


@pytest.mark.django_db
def test_reset_mails_to_one_address_are_capped_however_many_addresses_ask(
    settings: Settings, author: User
) -> None:
    limit = settings.HOURLY_LIMITS["reset-email"]

    statuses = [_reset("AUTHOR@example.com", f"198.51.100.{n}").status_code for n in range(12)]

    assert statuses == [302] * limit + [429] * (12 - limit)
    assert len(mail.outbox) == limit
    assert {tuple(message.to) for message in mail.outbox} == {("author@example.com",)}


@pytest.mark.django_db
def test_reset_requests_from_one_address_are_capped(settings: Settings) -> None:
    limit = settings.HOURLY_LIMITS["reset-address"]

    statuses = [_reset(f"fan{n}@example.com", "203.0.113.5").status_code for n in range(limit + 3)]

    assert statuses == [302] * limit + [429] * 3


@pytest.mark.django_db
def test_a_throttled_reset_reads_the_same_whether_or_not_an_account_uses_the_address(
    settings: Settings, author: User
) -> None:
    settings.HOURLY_LIMITS = {**settings.HOURLY_LIMITS, "reset-email": 1}
    pages = {}
    for email in ("author@example.com", "nobody@example.com"):
        assert _reset(email, "203.0.113.5").status_code == 302
        refused = _reset(email, "198.51.100.7")
        assert refused.status_code == 429
        html = refused.content.decode()
        assert f'value="{email}"' in html
        main = html[html.index("<main") : html.index("</main>")]
        pages[email] = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main).replace(
            email, "ADDRESS"
        )

    assert pages["author@example.com"] == pages["nobody@example.com"]
    assert "Too many password-reset e-mails" in pages["nobody@example.com"]
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_counts_start_afresh_each_clock_hour_and_old_windows_are_deleted(
    settings: Settings,
) -> None:
    settings.HOURLY_LIMITS = {**settings.HOURLY_LIMITS, "signup-address": 2}
    ten = datetime(2026, 3, 1, 10, 5, tzinfo=UTC)

    taken = [throttles.take("signup-address", "203.0.113.5", now=ten) for _ in range(3)]
    next_hour = throttles.take("signup-address", "203.0.113.5", now=ten + timedelta(hours=1))
    assert (taken, next_hour) == ([True, True, False], True)
    assert RateCount.objects.count() == 2

    # A new window a day later deletes both of those.
    throttles.take("signup-address", "198.51.100.1", now=ten + timedelta(days=1, hours=2))

    assert list(RateCount.objects.values_list("used", flat=True)) == [1]


@pytest.mark.django_db
def test_the_table_holds_no_address_in_clear() -> None:
    throttles.take("reset-email", "author@example.com")
    throttles.take("reset-address", "203.0.113.5")

    stored = " ".join(str(row) for row in RateCount.objects.values_list())
    assert "author" not in stored
    assert "203.0.113.5" not in stored


@pytest.mark.django_db(transaction=True)
def test_requests_at_the_same_moment_never_exceed_the_limit(settings: Settings) -> None:
    if connection.vendor == "sqlite":  # a real file, so real locks
        assert "memory" not in connection.settings_dict["NAME"]
    settings.HOURLY_LIMITS = {**settings.HOURLY_LIMITS, "signup-address": 5}
    threads = 12
    barrier = threading.Barrier(threads)

    def take(_: int) -> bool:
        try:
            barrier.wait()
            return throttles.take("signup-address", "203.0.113.5")
        finally:
            connection.close()

    with ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(take, range(threads)))

    assert results.count(True) == 5
    assert RateCount.objects.get().used == 5
