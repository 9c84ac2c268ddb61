from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.utils import timezone

from accounts.models import User
from tests.accounts.factories import PASSWORD


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
def test_repeated_failures_for_one_account_are_throttled_with_429(
    client: Client, author: User
) -> None:
    for attempt in range(5):
        _login(client, "author", "wrong", REMOTE_ADDR=f"10.0.0.{attempt}")

    # From yet another address, even the right password waits out the cool-off.
    response = _login(client, "author", PASSWORD, REMOTE_ADDR="10.0.0.99")

    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed sign-in attempts" in html
    assert "15 minutes" in html
    assert 'value="author"' in html
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_repeated_failures_from_one_address_are_throttled_across_accounts(
    client: Client, author: User, other_fan: User
) -> None:
    for n in range(5):
        _login(client, f"guess{n}", "wrong", REMOTE_ADDR="10.1.1.1")

    response = _login(client, "other_fan", PASSWORD, REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 429

    elsewhere = _login(Client(), "other_fan", PASSWORD, REMOTE_ADDR="10.2.2.2")
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_the_throttle_is_a_cool_off_not_a_permanent_lockout(client: Client, author: User) -> None:
    for _ in range(5):
        _login(client, "author", "wrong")
    assert _login(client, "author", PASSWORD).status_code == 429

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
