from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.utils import timezone
from pytest_django import Settings

from accounts.models import User
from tests.accounts.factories import PASSWORD, UserFactory


def _login(client: Client, username: str, password: str, **extra: str) -> object:
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


@pytest.mark.django_db
def test_signing_in_works_and_changes_the_session_key(client: Client, author: User) -> None:
    session = client.session
    session["before_login"] = True
    session.save()
    key_before = session.session_key

    response = _login(client, "author", PASSWORD)

    assert response.status_code == 302
    assert client.session.session_key != key_before
    assert int(client.session["_auth_user_id"]) == author.pk
    assert not SessionStore().exists(key_before)


@pytest.mark.django_db
def test_a_wrong_password_is_explained_and_the_username_kept(client: Client, author: User) -> None:
    response = _login(client, "author", "wrong")

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert 'value="author"' in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_repeated_failures_for_one_account_from_one_address_are_throttled_with_429(
    client: Client, author: User
) -> None:
    for _ in range(5):
        _login(client, "author", "wrong", REMOTE_ADDR="10.0.0.1")

    # From that address, even the right password waits out the cool-off.
    response = _login(client, "author", PASSWORD, REMOTE_ADDR="10.0.0.1")

    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed sign-in attempts" in html
    assert "15 minutes" in html
    assert 'value="author"' in html
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_an_attacker_cannot_lock_the_owner_out_from_elsewhere(
    client: Client, moderator: User
) -> None:
    attacker = Client()
    for _ in range(5):
        _login(attacker, "moderator", "wrong", REMOTE_ADDR="10.6.6.6")
    assert _login(attacker, "moderator", PASSWORD, REMOTE_ADDR="10.6.6.6").status_code == 429

    # Meanwhile the moderator signs in from home.
    response = _login(client, "moderator", PASSWORD, REMOTE_ADDR="10.0.0.1")

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == moderator.pk
    # … and the attacker's address is still cooled off for that account.
    assert _login(attacker, "moderator", PASSWORD, REMOTE_ADDR="10.6.6.6").status_code == 429


@pytest.mark.django_db
def test_one_address_failing_across_many_accounts_is_throttled_for_all_of_them(
    settings: Settings, client: Client, other_fan: User
) -> None:
    for n in range(settings.LOGIN_FAILURES_PER_ADDRESS):
        _login(client, f"guess{n}", "wrong", REMOTE_ADDR="10.1.1.1")

    response = _login(client, "other_fan", PASSWORD, REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 429

    elsewhere = _login(Client(), "other_fan", PASSWORD, REMOTE_ADDR="10.2.2.2")
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_fans_sharing_an_address_are_not_locked_out_by_each_others_typos(
    settings: Settings,
) -> None:
    assert settings.LOGIN_FAILURES_PER_ADDRESS > 20
    fans = UserFactory.create_batch(10)
    for fan in fans:
        for _ in range(2):  # twenty failures from one address, none of them a guessing run
            _login(Client(), fan.username, "typo", REMOTE_ADDR="10.3.3.3")

    for fan in fans:
        assert _login(Client(), fan.username, PASSWORD, REMOTE_ADDR="10.3.3.3").status_code == 302


@pytest.mark.django_db
def test_signing_in_to_ones_own_account_does_not_clear_the_address_count(
    settings: Settings, client: Client, author: User
) -> None:
    for n in range(settings.LOGIN_FAILURES_PER_ADDRESS - 1):
        _login(client, f"guess{n}", "wrong", REMOTE_ADDR="10.4.4.4")
    assert _login(client, "author", PASSWORD, REMOTE_ADDR="10.4.4.4").status_code == 302
    client.post("/accounts/logout/")

    _login(client, "guess-again", "wrong", REMOTE_ADDR="10.4.4.4")

    assert _login(client, "author", PASSWORD, REMOTE_ADDR="10.4.4.4").status_code == 429


@pytest.mark.django_db
def test_signing_in_clears_the_accounts_own_failures_from_that_address(
    client: Client, author: User
) -> None:
    for _ in range(4):
        _login(client, "author", "wrong", REMOTE_ADDR="10.5.5.5")
    assert _login(client, "author", PASSWORD, REMOTE_ADDR="10.5.5.5").status_code == 302
    client.post("/accounts/logout/")

    for _ in range(4):
        _login(client, "author", "wrong", REMOTE_ADDR="10.5.5.5")

    assert _login(client, "author", PASSWORD, REMOTE_ADDR="10.5.5.5").status_code == 302


@pytest.mark.django_db
def test_lockouts_count_the_address_the_trusted_proxy_reports(
    settings: Settings, client: Client, author: User
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        # The same client through different proxy machines, claiming other addresses.
        _login(
            client,
            "author",
            "wrong",
            REMOTE_ADDR=f"10.8.0.{n}",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 2001:db8:5:6::{n}",
        )

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"2001:db8:5:6::"}
    locked = _login(
        client, "author", PASSWORD, REMOTE_ADDR="10.8.0.9", HTTP_X_FORWARDED_FOR="2001:db8:5:6::9"
    )
    assert locked.status_code == 429
    other_client = _login(
        Client(), "author", PASSWORD, REMOTE_ADDR="10.8.0.9", HTTP_X_FORWARDED_FOR="192.0.2.80"
    )
    assert other_client.status_code == 302


@pytest.mark.django_db
def test_the_throttle_is_a_cool_off_not_a_permanent_lockout(client: Client, author: User) -> None:
    for _ in range(5):
        _login(client, "author", "wrong")
    assert _login(client, "author", PASSWORD).status_code == 429
    assert _login(Client(), "author", PASSWORD, REMOTE_ADDR="10.0.0.2").status_code == 302

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    assert _login(client, "author", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_fewer_failures_than_the_limit_do_not_throttle(client: Client, author: User) -> None:
    for _ in range(4):
        _login(client, "author", "wrong")

    assert _login(client, "author", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_logging_out_needs_a_post(author_client: Client) -> None:
    assert author_client.get("/accounts/logout/").status_code == 405
    assert "_auth_user_id" in author_client.session

    response = author_client.post("/accounts/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in author_client.session
