from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from accounts.services import suspend
from moderation.models import ActionKind, ModerationAction
from tests.accounts.factories import PASSWORD
from theories.models import Theory


@pytest.mark.django_db
def test_a_suspended_fan_is_signed_out_on_the_next_request(
    author: User, author_client: Client, moderator: User
) -> None:
    suspend(users=[author], moderator=moderator, until=None, reason="Spoiler spam")

    response = author_client.get("/", follow=True)

    assert "_auth_user_id" not in author_client.session
    html = response.content.decode()
    assert "Your account is suspended until further notice. Reason: Spoiler spam" in html


@pytest.mark.django_db
def test_a_suspended_fan_cannot_post_in_the_request_that_signs_them_out(
    author: User, author_client: Client, moderator: User
) -> None:
    suspend(users=[author], moderator=moderator, until=None, reason="Brigading")

    response = author_client.post(
        "/theories/new/", {"title": "Sneaky late theory", "body": "Posted after suspension."}
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Theory.objects.exists()


@pytest.mark.django_db
def test_a_suspended_fan_cannot_sign_in_again(
    author: User, moderator: User, client: Client
) -> None:
    until = timezone.now() + timedelta(days=3)
    suspend(users=[author], moderator=moderator, until=until, reason="Harassment")

    response = client.post("/accounts/login/", {"username": "author", "password": PASSWORD})

    assert response.status_code == 200
    assert "Your account is suspended until" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_suspension_ends_by_itself(author: User, moderator: User, client: Client) -> None:
    suspend(
        users=[author], moderator=moderator, until=timezone.now() + timedelta(days=1), reason="x"
    )
    User.objects.filter(pk=author.pk).update(suspended_until=timezone.now() - timedelta(minutes=1))

    response = client.post("/accounts/login/", {"username": "author", "password": PASSWORD})

    assert response.status_code == 302


@pytest.mark.django_db
def test_a_moderator_suspends_from_the_admin_and_it_is_logged(
    author: User, moderator: User
) -> None:
    client = Client()
    client.force_login(moderator)
    tomorrow = (timezone.now() + timedelta(days=2)).date().isoformat()

    first = client.post(
        "/admin/accounts/user/", {"action": "suspend_fans", "_selected_action": [author.pk]}
    )
    assert "Suspend them" in first.content.decode()  # the form asking until when and why
    client.post(
        "/admin/accounts/user/",
        {
            "action": "suspend_fans",
            "_selected_action": [author.pk],
            "apply": "1",
            "until": tomorrow,
            "reason": "Posting spoilers unmarked",
        },
    )

    author.refresh_from_db()
    assert author.is_suspended
    action = ModerationAction.objects.get()
    assert (action.kind, action.moderator, action.target_title) == (
        ActionKind.SUSPEND,
        moderator,
        "author",
    )

    client.post(
        "/admin/accounts/user/", {"action": "lift_suspensions", "_selected_action": [author.pk]}
    )
    author.refresh_from_db()
    assert not author.is_suspended
    assert ModerationAction.objects.filter(kind=ActionKind.UNSUSPEND).count() == 1


@pytest.mark.django_db
def test_staff_cannot_be_suspended_from_the_queue(moderator: User, superuser: User) -> None:
    client = Client()
    client.force_login(moderator)

    client.post(
        "/admin/accounts/user/",
        {"action": "suspend_fans", "_selected_action": [superuser.pk], "apply": "1", "reason": "x"},
    )

    superuser.refresh_from_db()
    assert not superuser.is_suspended
