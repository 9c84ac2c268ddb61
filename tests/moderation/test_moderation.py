"""Statuses, trust, reports, the queue and the public log."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from pytest_django import Settings

from accounts.models import User
from moderation import actions, reporting
from moderation.models import ActionKind, ContentStatus, ModerationAction, Report
from moderation.roles import MODERATOR_PERMISSIONS
from tests.accounts.factories import UserFactory
from tests.moderation.factories import established_fan
from tests.quotes.factories import QuoteFactory
from tests.theories.factories import TheoryFactory
from tests.theories.test_theory_pages import _post_data
from theories.models import Theory


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- roles ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_migration_gives_moderators_exactly_the_moderation_permissions() -> None:
    group = Group.objects.get(name="Moderators")

    granted = set(group.permissions.values_list("content_type__app_label", "codename"))

    assert granted == set(MODERATOR_PERMISSIONS)
    assert not any(codename.startswith("delete_") for _, codename in granted)


@pytest.mark.django_db
def test_fans_never_reach_the_admin(author_client: Client) -> None:
    for url in ("/admin/", "/admin/moderation/", "/admin/theories/theory/"):
        response = author_client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_moderators_cannot_delete_theories_nor_edit_a_fans_words(moderator: User) -> None:
    theory = TheoryFactory()
    client = _client(moderator)

    assert client.get(f"/admin/theories/theory/{theory.pk}/delete/").status_code == 403
    form = client.get(f"/admin/theories/theory/{theory.pk}/change/").content.decode()
    assert 'name="body"' not in form and 'name="title"' not in form


# --- trust ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_fans_first_theories_wait_then_they_publish_at_once(
    settings: Settings, moderator: User
) -> None:
    settings.TRUST_AFTER_APPROVED = 2
    fan = UserFactory(username="newbie")
    client = _client(fan)

    for n in range(2):
        client.post("/theories/new/", _post_data(title=f"Newbie theory number {n}"))
    waiting = list(Theory.objects.filter(author=fan))
    assert [t.status for t in waiting] == [ContentStatus.PENDING] * 2

    actions.approve(items=waiting, moderator=moderator)
    client.post("/theories/new/", _post_data(title="Newbie theory number 3"))

    assert Theory.objects.get(title="Newbie theory number 3").status == ContentStatus.PUBLISHED


@pytest.mark.django_db
def test_a_pending_theory_is_seen_by_its_author_and_moderators_only(
    author: User, moderator: User, other_fan: User, client: Client
) -> None:
    theory = TheoryFactory(author=author, status=ContentStatus.PENDING)

    assert client.get(theory.get_absolute_url()).status_code == 404
    assert _client(other_fan).get(theory.get_absolute_url()).status_code == 404
    assert theory.title not in client.get("/theories/").content.decode()
    own = _client(author).get(theory.get_absolute_url()).content.decode()
    assert "Waiting for approval" in own
    assert _client(moderator).get(theory.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_the_author_sees_why_their_theory_was_removed(author: User, moderator: User) -> None:
    theory = TheoryFactory(author=author)
    actions.remove(items=[theory], moderator=moderator, reason="spoiler", note="Mark it next time.")

    html = _client(author).get(theory.get_absolute_url()).content.decode()

    assert "Removed: unmarked spoiler." in html
    assert "Moderator's note: Mark it next time." in html


# --- actions and their log ----------------------------------------------------


@pytest.mark.django_db
def test_every_action_writes_one_log_row_per_item(moderator: User) -> None:
    theories = TheoryFactory.create_batch(3, status=ContentStatus.PENDING)

    assert actions.approve(items=theories, moderator=moderator) == 3
    assert actions.hide(items=theories, moderator=moderator, reason="off_topic") == 3
    assert actions.restore(items=theories, moderator=moderator) == 3
    assert actions.remove(items=theories, moderator=moderator, reason="duplicate") == 3

    log = ModerationAction.objects.filter(moderator=moderator)
    for kind in ("approve", "hide", "restore", "remove"):
        assert sorted(log.filter(kind=kind).values_list("target_id", flat=True)) == sorted(
            t.pk for t in theories
        )
    assert all(t.status == ContentStatus.REMOVED for t in Theory.objects.all())
    assert Theory.objects.count() == 3  # nothing deleted


@pytest.mark.django_db
def test_removing_needs_a_reason_and_other_needs_words(moderator: User) -> None:
    theory = TheoryFactory()

    with pytest.raises(ValidationError):
        actions.remove(items=[theory], moderator=moderator, reason="")
    with pytest.raises(ValidationError):
        actions.remove(items=[theory], moderator=moderator, reason="other", note=" ")

    theory.refresh_from_db()
    assert theory.status == ContentStatus.PUBLISHED
    assert not ModerationAction.objects.exists()


@pytest.mark.django_db
def test_verifying_a_quote_is_logged(moderator: User) -> None:
    quote = QuoteFactory(verified=False)

    actions.verify_quotes(quotes=[quote], moderator=moderator)

    quote.refresh_from_db()
    assert quote.verified and quote.verified_by == moderator
    assert ModerationAction.objects.get().kind == ActionKind.VERIFY_QUOTE


# --- reports ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_fan_reports_a_theory_once(author: User, other_fan: User) -> None:
    theory = TheoryFactory(author=author)
    client = _client(other_fan)
    url = f"/theories/{theory.pk}/report/"

    first = client.post(url, {"reason": "spam", "note": "Buy followers link"})
    second = client.post(url, {"reason": "harassment"}, follow=True)

    assert first.status_code == 302
    assert Report.objects.count() == 1
    assert "You have already reported this." in second.content.decode()


@pytest.mark.django_db
def test_a_report_needs_a_reason_and_keeps_the_details(other_fan: User) -> None:
    theory = TheoryFactory()

    response = _client(other_fan).post(
        f"/theories/{theory.pk}/report/", {"reason": "other", "note": ""}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_the_author_cannot_report_their_own_theory(author: User, author_client: Client) -> None:
    theory = TheoryFactory(author=author)

    assert (
        author_client.post(f"/theories/{theory.pk}/report/", {"reason": "spam"}).status_code == 403
    )
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_enough_different_reporters_hide_an_item_until_a_moderator_looks(
    settings: Settings, client: Client
) -> None:
    settings.REPORT_WEIGHT_TO_HIDE = 3
    theory = TheoryFactory(title="Reported theory title")
    reporters = [established_fan() for _ in range(3)]

    for n, reporter in enumerate(reporters[:2]):
        reporting.report(reporter=reporter, item=theory, reason="spam", address=f"203.0.113.{n}")
    theory.refresh_from_db()
    assert theory.status == ContentStatus.PUBLISHED

    reporting.report(reporter=reporters[2], item=theory, reason="spoiler", address="203.0.113.9")

    theory.refresh_from_db()
    assert (theory.status, theory.removal_reason) == (ContentStatus.HIDDEN, "spam")
    auto = ModerationAction.objects.get(kind=ActionKind.AUTO_HIDE)
    assert auto.moderator is None and auto.target_title == "Reported theory title"
    assert client.get(theory.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_reports_on_a_quote_work_the_same_way(settings: Settings) -> None:
    settings.REPORT_WEIGHT_TO_HIDE = 2
    quote = QuoteFactory()

    for n in range(2):
        reporting.report(
            reporter=established_fan(), item=quote, reason="misattributed", address=f"10.0.0.{n}"
        )

    quote.refresh_from_db()
    assert quote.status == ContentStatus.HIDDEN


@pytest.mark.django_db
def test_reporting_oneself_is_refused_in_the_service_too(author: User) -> None:
    theory = TheoryFactory(author=author)

    with pytest.raises(PermissionDenied):
        reporting.report(reporter=author, item=theory, reason="spam", address="203.0.113.1")
    assert not Report.objects.exists()


# --- the queue --------------------------------------------------------------


@pytest.mark.django_db
def test_the_queue_lists_pending_and_reported_items_oldest_first(moderator: User) -> None:
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    newer = TheoryFactory(title="Newer pending theory", status=ContentStatus.PENDING, created=now)
    older = TheoryFactory(
        title="Older pending theory", status=ContentStatus.PENDING, created=now - timedelta(days=2)
    )
    reported = TheoryFactory(title="Reported live theory", created=now - timedelta(days=5))
    reporting.report(
        reporter=UserFactory(),
        item=reported,
        reason="harassment",
        address="203.0.113.1",
        note="Rude to On-jo fans",
    )
    TheoryFactory(title="Quiet published theory")

    response = _client(moderator).get("/admin/moderation/")

    html = response.content.decode()
    assert response.status_code == 200
    # A pending item waits from its posting, a reported one from its first report.
    assert [e.item.title for e in response.context["entries"]] == [
        "Older pending theory",
        "Newer pending theory",
        "Reported live theory",
    ]
    assert "Quiet published theory" not in html
    assert "Harassment × 1" in html
    assert "Rude to On-jo fans" in html
    assert newer.pk and older.pk


@pytest.mark.django_db
def test_the_queue_acts_on_one_item_or_many(moderator: User) -> None:
    one, two, three = TheoryFactory.create_batch(3, status=ContentStatus.PENDING)
    client = _client(moderator)

    client.post("/admin/moderation/", {"one": f"approve:theory:{one.pk}"})
    client.post(
        "/admin/moderation/",
        {"action": "remove", "items": [f"theory:{two.pk}", f"theory:{three.pk}"], "reason": "spam"},
    )

    statuses = dict(Theory.objects.values_list("pk", "status"))
    assert statuses == {one.pk: "published", two.pk: "removed", three.pk: "removed"}
    assert ModerationAction.objects.filter(kind="remove").count() == 2


@pytest.mark.django_db
def test_removing_from_the_queue_without_a_reason_explains(moderator: User) -> None:
    theory = TheoryFactory(status=ContentStatus.PENDING)

    response = _client(moderator).post(
        "/admin/moderation/", {"one": f"remove:theory:{theory.pk}"}, follow=True
    )

    assert "Choose a reason for the removal." in response.content.decode()
    theory.refresh_from_db()
    assert theory.status == ContentStatus.PENDING


@pytest.mark.django_db
def test_restoring_from_the_queue_dismisses_the_reports(
    moderator: User, settings: Settings
) -> None:
    settings.REPORT_WEIGHT_TO_HIDE = 1
    theory = TheoryFactory()
    reporting.report(reporter=established_fan(), item=theory, reason="spam", address="10.0.0.1")

    _client(moderator).post("/admin/moderation/", {"one": f"restore:theory:{theory.pk}"})

    theory.refresh_from_db()
    assert theory.status == ContentStatus.PUBLISHED
    assert Report.objects.get().state == "dismissed"


# --- the public log -----------------------------------------------------------


@pytest.mark.django_db
def test_the_modlog_shows_titles_and_reasons_not_content_nor_moderators(
    client: Client, moderator: User, settings: Settings
) -> None:
    settings.MODLOG_SHOWS_MODERATORS = False
    theory = TheoryFactory(title="Spammy title here", body="BUY CHEAP FOLLOWERS NOW")
    actions.approve(items=[TheoryFactory(status=ContentStatus.PENDING)], moderator=moderator)
    actions.remove(items=[theory], moderator=moderator, reason="spam")

    html = client.get("/modlog/").content.decode()

    assert "Spammy title here" in html
    assert "Removed" in html and "Spam" in html
    assert "BUY CHEAP FOLLOWERS" not in html
    assert "moderator" not in html.split("<main")[1]
    assert "Approved" not in html  # approvals are not take-downs

    settings.MODLOG_SHOWS_MODERATORS = True
    # A settings change takes a restart in real life, and the page lifetime to show.
    cache.clear()
    assert ">moderator</td>" in client.get("/modlog/").content.decode()


@pytest.mark.django_db
def test_staff_without_moderation_permissions_do_not_see_the_queue() -> None:
    bare = UserFactory(username="bare", is_staff=True)

    assert _client(bare).get("/admin/moderation/").status_code == 403


@pytest.mark.django_db
def test_the_queue_checks_the_permission_for_each_kind_of_item() -> None:
    from django.contrib.auth.models import Permission

    quotes_only = UserFactory(username="quotes_only", is_staff=True)
    quotes_only.user_permissions.add(Permission.objects.get(codename="change_quote"))
    theory = TheoryFactory(status=ContentStatus.PENDING)

    response = _client(quotes_only).post(
        "/admin/moderation/", {"one": f"approve:theory:{theory.pk}"}
    )

    assert response.status_code == 403
    theory.refresh_from_db()
    assert theory.status == ContentStatus.PENDING


@pytest.mark.django_db
def test_authors_are_told_of_approval_removal_with_the_reason_and_verification(
    author: User, moderator: User
) -> None:
    from notifications.models import Notification

    pending = TheoryFactory(author=author, title="Waiting theory", status=ContentStatus.PENDING)
    quote = QuoteFactory(verified=False, suggested_by=author)

    actions.approve(items=[pending], moderator=moderator)
    actions.remove(items=[pending], moderator=moderator, reason="duplicate", note="See #4.")
    actions.verify_quotes(quotes=[quote], moderator=moderator)

    texts = list(
        Notification.objects.filter(recipient=author).order_by("pk").values_list("kind", "text")
    )
    assert texts == [
        ("approved", "A moderator approved your theory “Waiting theory”: it is public now."),
        ("removed", "A moderator removed your theory “Waiting theory”. Reason: duplicate. See #4."),
        ("quote_verified", f"A moderator verified the quote you suggested (“{quote}”)."),
    ]
    author.refresh_from_db()
    assert author.unread_notifications == 3


@pytest.mark.django_db
def test_hiding_needs_a_reason_too(moderator: User) -> None:
    theory = TheoryFactory()

    with pytest.raises(ValidationError, match="Choose a reason for hiding it"):
        actions.hide(items=[theory], moderator=moderator, reason="")
    with pytest.raises(ValidationError, match="Other"):
        actions.hide(items=[theory], moderator=moderator, reason="other", note=" ")

    theory.refresh_from_db()
    assert theory.status == ContentStatus.PUBLISHED
    assert not ModerationAction.objects.filter(kind="hide").exists()


@pytest.mark.django_db
def test_hiding_from_the_admin_list_asks_for_the_reason_first(moderator: User) -> None:
    theory = TheoryFactory()
    client = Client()
    client.force_login(moderator)
    chosen = {"action": "hide", "_selected_action": [theory.pk]}

    asked = client.post("/admin/theories/theory/", chosen)
    theory.refresh_from_db()
    assert asked.status_code == 200 and "Hide them" in asked.content.decode()
    assert theory.status == ContentStatus.PUBLISHED

    client.post("/admin/theories/theory/", {**chosen, "apply": "1", "reason": "off_topic"})
    theory.refresh_from_db()
    assert theory.status == ContentStatus.HIDDEN
    assert ModerationAction.objects.get(kind="hide").reason == "off_topic"


@pytest.mark.django_db
def test_hiding_several_items_is_all_or_nothing(
    moderator: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = TheoryFactory(), TheoryFactory()
    logged = actions.log_action

    def fail_on_the_second(**kwargs: object) -> ModerationAction:
        if kwargs["item"] == second:
            raise RuntimeError("the database went away")
        return logged(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(actions, "log_action", fail_on_the_second)

    with pytest.raises(RuntimeError):
        actions.hide(items=[first, second], moderator=moderator, reason="spam")

    first.refresh_from_db()
    assert first.status == ContentStatus.PUBLISHED
    assert not ModerationAction.objects.filter(kind="hide").exists()
