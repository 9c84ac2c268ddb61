"""Bodies are capped before they are read: nothing past the limits reaches memory or disk."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django import Settings

from accounts.models import User
from aouad_site.uploads import PictureUploadHandler
from tests.characters import pictures
from tests.theories.factories import TheoryFactory

# Every form a fan or a passer-by can post, and whether it takes a picture.
FORMS = [
    ("/accounts/signup/", False),
    ("/accounts/login/", False),
    ("/accounts/password_reset/", False),
    ("/theories/new/", False),
    ("/quotes/new/", False),
    ("/accounts/settings/", True),
]


@pytest.fixture(autouse=True)
def _private_temp_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Uploads spill to the process's temp folder: one of this test's own, so that another
    program's temporary files (a second test run, say) cannot look like a spill."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))


def _temp_files() -> set[Path]:
    return set(Path(tempfile.gettempdir()).iterdir())


@pytest.fixture
def fan_client(other_fan: User) -> Client:
    client = Client()
    client.force_login(other_fan)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "takes_pictures"), FORMS)
def test_a_body_over_the_limit_is_refused_from_its_length_alone(
    fan_client: Client, settings: Settings, path: str, takes_pictures: bool
) -> None:
    settings.IMAGE_MAX_UPLOAD_BYTES = 256 * 1024
    before = _temp_files()
    big = SimpleUploadedFile("big.png", b"\0" * (400 * 1024), content_type="image/png")

    response = fan_client.post(path, {"title": "x", "avatar": big})

    assert response.status_code == 413
    assert _temp_files() == before


@pytest.mark.django_db
@pytest.mark.parametrize("path", [path for path, takes in FORMS if not takes])
def test_a_form_that_takes_no_file_refuses_one_before_keeping_any_of_it(
    fan_client: Client, path: str
) -> None:
    before = _temp_files()
    small = SimpleUploadedFile("a.png", pictures.picture(), content_type="image/png")
    client = Client() if path.startswith("/accounts/") else fan_client  # sign-up: signed out

    response = client.post(path, {"username": "sneaky", "file": small})

    assert response.status_code == 400
    assert _temp_files() == before
    assert not User.objects.filter(username="sneaky").exists()


@pytest.mark.django_db
def test_a_vote_or_a_comment_sent_as_multipart_without_files_still_counts(
    fan_client: Client,
) -> None:
    theory = TheoryFactory()

    voted = fan_client.post(f"/theories/{theory.pk}/vote/", {"value": "1"})  # multipart

    assert voted.status_code == 302
    theory.refresh_from_db()
    assert theory.score == 1


def test_a_picture_is_never_written_past_the_limit(settings: Settings) -> None:
    settings.IMAGE_MAX_UPLOAD_BYTES = 100_000
    handler = PictureUploadHandler(None)
    handler.new_file("picture", "big.png", "image/png", None)
    chunk = b"\0" * 65_536
    for start in range(0, 1_000_000, len(chunk)):
        handler.receive_data_chunk(chunk, start)

    upload = handler.file_complete(1_000_000)

    assert upload.size == 1_000_000  # the form refuses it by its size, naming the limit
    assert Path(upload.temporary_file_path()).stat().st_size <= 100_000 + len(chunk)
    upload.close()
