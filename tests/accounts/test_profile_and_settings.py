from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.test import Client
from PIL import Image

from accounts.models import User
from discussion.services import post_comment
from notifications.models import Notification
from notifications.services import notify
from tests.accounts.factories import UserFactory
from tests.characters import pictures
from tests.theories.factories import TheoryFactory
from theories.services import cast_vote


def _settings_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "display_name": "Cheong-san Forever",
        "bio": "Rewatching episode 6.",
        "spoiler_preference": "ask",
        "notify": ["comment", "reply", "approved", "removed", "quote_verified"],
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_the_profile_shows_karma_theories_and_comments(client: Client, author: User) -> None:
    liked = TheoryFactory(author=author, title="A well liked theory")
    TheoryFactory(author=author, title="A newer theory")
    for voter in UserFactory.create_batch(3):
        cast_vote(user=voter, theory_id=liked.pk, value=1)
    post_comment(author=author, theory=TheoryFactory(), body="My sharp remark.")

    newest = client.get("/u/author/").content.decode()
    top = client.get("/u/author/", {"sort": "top"}).content.decode()

    assert "<strong>3</strong> karma" in newest
    assert newest.index("A newer theory") < newest.index("A well liked theory")
    assert top.index("A well liked theory") < top.index("A newer theory")
    assert "My sharp remark." in newest


@pytest.mark.django_db
def test_a_fan_edits_their_profile_with_an_avatar(
    author_client: Client, author: User, media_root: Path
) -> None:
    response = author_client.post(
        "/accounts/settings/",
        _settings_data(avatar=pictures.upload(pictures.jpeg_with_gps(), "me.jpg", "image/jpeg")),
    )

    assert response.status_code == 302
    author.refresh_from_db()
    assert (author.display_name, author.bio) == ("Cheong-san Forever", "Rewatching episode 6.")
    stored = Path(author.avatar.path)
    with Image.open(stored) as image:
        assert image.format == "WEBP" and dict(image.getexif()) == {}
    profile = Client().get("/u/author/").content.decode()
    assert "<h1>Cheong-san Forever</h1>" in profile
    assert 'alt="Avatar of Cheong-san Forever"' in profile


@pytest.mark.django_db
def test_a_bad_avatar_is_refused_and_nothing_else_is_lost(
    author_client: Client, author: User, media_root: Path
) -> None:
    response = author_client.post(
        "/accounts/settings/", _settings_data(avatar=pictures.upload(pictures.svg(), "me.svg"))
    )

    assert response.status_code == 200
    assert "not a JPEG, PNG or WebP picture" in response.content.decode()
    assert "Rewatching episode 6." in response.content.decode()
    author.refresh_from_db()
    assert author.display_name == ""
    assert not any(media_root.rglob("*.*"))


@pytest.mark.django_db
def test_muted_kinds_of_notification_are_not_sent(author_client: Client, author: User) -> None:
    author_client.post("/accounts/settings/", _settings_data(notify=["reply"]))
    author.refresh_from_db()

    post_comment(author=UserFactory(), theory=TheoryFactory(author=author), body="Hi")

    assert not Notification.objects.filter(recipient=author).exists()
    assert "comment" in author.muted_notifications


@pytest.mark.django_db
def test_the_header_counts_unread_and_the_list_marks_them_read(
    author_client: Client, author: User
) -> None:
    for n in range(2):
        notify(recipient=author, kind="comment", text=f"Ping {n}", url="/")

    home = author_client.get("/").content.decode()
    listing = author_client.get("/notifications/").content.decode()
    after = author_client.get("/").content.decode()

    assert '<span class="badge">2<span class="visually-hidden"> unread notifications</span>' in home
    assert "Ping 0" in listing and "Ping 1" in listing and listing.count("tag-new") == 2
    assert 'class="badge"' not in after
    assert not Notification.objects.filter(read_at__isnull=True).exists()


@pytest.mark.django_db
def test_always_show_reveals_spoilers_and_always_hide_hides_titles(
    author: User, author_client: Client
) -> None:
    spoiler = TheoryFactory(
        spoiler=True, title="Su-hyeok turns in the finale", body="He turns at the end."
    )

    asked = author_client.get(spoiler.get_absolute_url()).content.decode()
    author_client.post("/accounts/settings/", _settings_data(spoiler_preference="show"))
    shown = author_client.get(spoiler.get_absolute_url()).content.decode()
    author_client.post("/accounts/settings/", _settings_data(spoiler_preference="hide"))
    listed = author_client.get("/theories/").content.decode()

    assert '<details class="spoiler">' in asked
    assert '<details class="spoiler">' not in shown and "He turns at the end." in shown
    assert (
        "Spoiler theory (title hidden)" in listed and "Su-hyeok turns in the finale" not in listed
    )


def test_settings_need_a_signed_in_fan(client: Client) -> None:
    assert (
        client.get("/accounts/settings/")["Location"] == "/accounts/login/?next=/accounts/settings/"
    )


@pytest.mark.django_db
def test_a_reader_sees_notifications_only_when_signed_in(client: Client) -> None:
    assert client.get("/notifications/")["Location"].startswith("/accounts/login/")
    assert io is not None
