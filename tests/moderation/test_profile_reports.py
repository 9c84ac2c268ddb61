"""Fans report another fan's name, bio or avatar; reports queue a profile and never hide it;
moderators clear the part at fault, and the public log says only “a profile”."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from pytest_django import Settings

from accounts.models import AVATAR_WIDTHS, User
from accounts.services import update_settings
from aouad_site.images import clean_upload, renditions
from moderation.models import ActionKind, ModerationAction, Report, ReportState
from notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.characters import pictures
from tests.moderation.factories import established_fan

pytestmark = pytest.mark.django_db

ABUSIVE_NAME = "Cheong-san-is-a-loser"


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def abuser() -> User:
    return UserFactory(username="rooftop", display_name=ABUSIVE_NAME, bio="Call 010-1234-5678.")


def _profile_reports(fan: User) -> list[Report]:
    user_type = ContentType.objects.get_for_model(User)
    return list(Report.objects.filter(target_type=user_type, target_id=fan.pk))


def test_a_fan_reports_a_profile_with_a_reason(other_fan: User, abuser: User) -> None:
    client = _signed_in(other_fan)

    form = client.get("/u/rooftop/report/")
    response = client.post(
        "/u/rooftop/report/", {"reason": "harassment", "note": "The name mocks a fan."}
    )

    html = form.content.decode()
    assert form.status_code == 200
    assert '<label for="id_reason">' in html and 'value="personal_info"' in html
    assert 'value="misattributed"' not in html  # a profile quotes nobody
    assert response.status_code == 302 and response["Location"] == "/u/rooftop/"
    [filed] = _profile_reports(abuser)
    assert (filed.reporter, filed.reason, filed.note) == (
        other_fan,
        "harassment",
        "The name mocks a fan.",
    )


def test_the_report_link_shows_on_other_profiles_not_on_ones_own(
    other_fan: User, abuser: User
) -> None:
    assert "/u/rooftop/report/" in _signed_in(other_fan).get("/u/rooftop/").content.decode()
    assert "/u/rooftop/report/" not in _signed_in(abuser).get("/u/rooftop/").content.decode()


def test_a_fan_cannot_report_their_own_profile(abuser: User) -> None:
    client = _signed_in(abuser)

    assert client.get("/u/rooftop/report/").status_code == 403
    assert client.post("/u/rooftop/report/", {"reason": "spam"}).status_code == 403
    assert _profile_reports(abuser) == []


def test_reporting_a_profile_twice_files_one_report(other_fan: User, abuser: User) -> None:
    client = _signed_in(other_fan)

    client.post("/u/rooftop/report/", {"reason": "harassment"})
    again = client.post("/u/rooftop/report/", {"reason": "spam"}, follow=True)

    assert "already reported" in again.content.decode()
    assert [r.reason for r in _profile_reports(abuser)] == ["harassment"]


def test_profile_reports_count_toward_the_daily_report_limit(
    settings: Settings, other_fan: User
) -> None:
    limit = settings.DAILY_LIMITS["report"][0]
    targets = UserFactory.create_batch(limit + 1)
    client = _signed_in(other_fan)
    for target in targets[:limit]:
        assert client.post(f"/u/{target.username}/report/", {"reason": "spam"}).status_code == 302

    refused = client.post(f"/u/{targets[-1].username}/report/", {"reason": "spam"})

    assert refused.status_code == 429
    assert "today&#x27;s limit" in refused.content.decode()
    assert _profile_reports(targets[-1]) == []


def test_reports_never_hide_a_profile(settings: Settings, abuser: User, client: Client) -> None:
    settings.REPORT_WEIGHT_TO_HIDE = 3
    for n in range(5):
        reporter = _signed_in(established_fan())
        reporter.post("/u/rooftop/report/", {"reason": "harassment"}, REMOTE_ADDR=f"192.0.2.{n}")

    page = client.get("/u/rooftop/")

    assert len(_profile_reports(abuser)) == 5
    assert sum(r.weight for r in _profile_reports(abuser)) == 5  # counted, yet only queued
    assert page.status_code == 200 and ABUSIVE_NAME in page.content.decode()
    assert not ModerationAction.objects.exists()


def test_a_reported_profile_waits_in_the_queue_with_its_own_buttons(
    other_fan: User, abuser: User, moderator: User
) -> None:
    _signed_in(other_fan).post("/u/rooftop/report/", {"reason": "harassment"})

    html = _signed_in(moderator).get("/admin/moderation/").content.decode()

    assert ABUSIVE_NAME in html and "Harassment × 1" in html
    assert 'value="clear_name:profile:' in html and 'value="clear_bio:profile:' in html
    assert 'value="remove_avatar:profile:' not in html  # no avatar to remove
    assert 'value="hide:profile:' not in html


def _queue_act(moderator: User, action: str, fan: User, reason: str = "harassment") -> str:
    response = _signed_in(moderator).post(
        "/admin/moderation/", {"one": f"{action}:profile:{fan.pk}", "reason": reason}, follow=True
    )
    return response.content.decode()


def test_a_moderator_clears_the_name_and_the_bio_and_each_is_logged(
    other_fan: User, abuser: User, moderator: User, client: Client
) -> None:
    _signed_in(other_fan).post("/u/rooftop/report/", {"reason": "harassment"})

    _queue_act(moderator, "clear_name", abuser)
    _queue_act(moderator, "clear_bio", abuser, reason="personal_info")

    abuser.refresh_from_db()
    assert (abuser.display_name, abuser.bio) == ("", "")
    kinds = ModerationAction.objects.filter(target_id=abuser.pk, moderator=moderator)
    assert sorted(kinds.values_list("kind", flat=True)) == [
        ActionKind.CLEAR_BIO,
        ActionKind.CLEAR_DISPLAY_NAME,
    ]
    assert [r.state for r in _profile_reports(abuser)] == [ReportState.UPHELD]
    told = Notification.objects.filter(recipient=abuser).values_list("text", flat=True)
    assert any("cleared your display name" in text for text in told)
    modlog = client.get("/modlog/").content.decode()
    assert "Display name cleared" in modlog and "A profile" in modlog
    assert ABUSIVE_NAME not in modlog and "rooftop" not in modlog


def test_clearing_a_profile_needs_a_reason(abuser: User, moderator: User) -> None:
    html = _queue_act(moderator, "clear_name", abuser, reason="")

    abuser.refresh_from_db()
    assert "Choose a reason for clearing it" in html
    assert abuser.display_name == ABUSIVE_NAME


def test_a_moderator_removes_a_reported_avatar_and_its_files(
    other_fan: User,
    abuser: User,
    moderator: User,
    media_root: Path,
    django_capture_on_commit_callbacks: Callable,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        update_settings(
            user=abuser,
            display_name=abuser.display_name,
            bio=abuser.bio,
            avatar=clean_upload(pictures.upload(pictures.picture())),
            remove_avatar=False,
            spoiler_preference=abuser.spoiler_preference,
            muted=[],
        )
    files = renditions(abuser.avatar.name, AVATAR_WIDTHS)
    _signed_in(other_fan).post("/u/rooftop/report/", {"reason": "harassment"})

    with django_capture_on_commit_callbacks(execute=True):
        _queue_act(moderator, "remove_avatar", abuser)

    abuser.refresh_from_db()
    assert abuser.avatar.name == ""
    assert not any((media_root / name).exists() for name in files)
    assert ModerationAction.objects.filter(kind=ActionKind.REMOVE_AVATAR).count() == 1


def test_a_moderator_dismisses_the_reports_and_the_profile_stays(
    other_fan: User, abuser: User, moderator: User
) -> None:
    _signed_in(other_fan).post("/u/rooftop/report/", {"reason": "spam"})

    _queue_act(moderator, "dismiss", abuser, reason="")

    abuser.refresh_from_db()
    assert abuser.display_name == ABUSIVE_NAME
    assert [r.state for r in _profile_reports(abuser)] == [ReportState.DISMISSED]
    assert ModerationAction.objects.get().kind == ActionKind.DISMISS_REPORTS
    html = _signed_in(moderator).get("/admin/moderation/").content.decode()
    assert ABUSIVE_NAME not in html


def test_content_actions_do_not_apply_to_a_profile(abuser: User, moderator: User) -> None:
    html = _queue_act(moderator, "remove", abuser, reason="spam")

    assert "does not apply to a profile" in html
    assert not ModerationAction.objects.exists()


def test_a_moderator_cannot_clear_a_staff_profile(other_fan: User, moderator: User) -> None:
    staff = UserFactory(username="teacher", is_staff=True, display_name="Mr Lee")
    _signed_in(other_fan).post("/u/teacher/report/", {"reason": "harassment"})

    response = _signed_in(moderator).post(
        "/admin/moderation/", {"one": f"clear_name:profile:{staff.pk}", "reason": "harassment"}
    )

    staff.refresh_from_db()
    assert response.status_code == 403
    assert staff.display_name == "Mr Lee"
