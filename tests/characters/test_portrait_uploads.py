"""Portraits go through the one safe path: decoded, limited, re-encoded, randomly named.

Every case is a real file made by the test and uploaded through the admin, as an editor would.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from unittest import mock

import pytest
from django.test import Client
from PIL import Image
from pytest_django import Settings

from accounts.models import User
from characters.models import THUMBNAIL_WIDTHS, Character
from tests.characters import pictures

ADD_URL = "/admin/characters/character/add/"


def _form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Choi Nam-ra",
        "hangul_name": "최남라",
        "slug": "choi-nam-ra",
        "actor": "Cho Yi-hyun",
        "role": "student",
        "status": "immortal",
        "season1_fate": "",
        "bio": "",
        "portrait_alt": "A girl in a school uniform on a rooftop.",
        "relationships_out-TOTAL_FORMS": "0",
        "relationships_out-INITIAL_FORMS": "0",
        "relationships_in-TOTAL_FORMS": "0",
        "relationships_in-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


@pytest.fixture
def editor(superuser: User) -> Client:
    client = Client()
    client.force_login(superuser)
    return client


def _files(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()]


def _refused(editor: Client, media: Path, upload: object, message: str) -> None:
    response = editor.post(ADD_URL, _form(new_portrait=upload))

    assert response.status_code == 200  # the form again, not a redirect
    errors = response.context["adminform"].form.errors["new_portrait"]
    assert any(message in error for error in errors), errors
    assert not Character.objects.exists()
    assert _files(media) == []


@pytest.mark.django_db
def test_a_pixel_bomb_is_refused_before_it_is_decoded(editor: Client, media_root: Path) -> None:
    bomb = pictures.pixel_bomb()
    assert len(bomb) < 64 * 1024  # a few KiB on disk, 100 megapixels in memory

    with mock.patch.object(Image.Image, "load", side_effect=AssertionError("decoded")):
        _refused(
            editor,
            media_root,
            pictures.upload(bomb),
            "This picture is 10000 × 10000 pixels; pictures may have at most 25 million pixels.",
        )


@pytest.mark.django_db
def test_a_png_with_html_appended_is_refused(editor: Client, media_root: Path) -> None:
    _refused(
        editor,
        media_root,
        pictures.upload(pictures.png_html_polyglot()),
        "extra data hidden after the image",
    )


@pytest.mark.django_db
def test_an_svg_is_refused_whatever_it_is_called(editor: Client, media_root: Path) -> None:
    _refused(
        editor,
        media_root,
        pictures.upload(pictures.svg(), name="portrait.png", content_type="image/png"),
        "not a JPEG, PNG or WebP picture",
    )


@pytest.mark.django_db
def test_a_text_file_is_refused(editor: Client, media_root: Path) -> None:
    _refused(
        editor,
        media_root,
        pictures.upload(b"just some notes about season 2\n" * 20, name="notes.jpg"),
        "not a JPEG, PNG or WebP picture",
    )


@pytest.mark.django_db
def test_a_gif_is_refused_even_though_pillow_could_read_it(
    editor: Client, media_root: Path
) -> None:
    _refused(
        editor,
        media_root,
        pictures.upload(pictures.picture("GIF"), name="portrait.png"),
        "not a JPEG, PNG or WebP picture",
    )


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused_without_opening_it(
    editor: Client, media_root: Path, settings: Settings
) -> None:
    settings.IMAGE_MAX_UPLOAD_BYTES = 1024 * 1024
    with mock.patch("aouad_site.images.Image.open", side_effect=AssertionError("opened")):
        _refused(
            editor,
            media_root,
            pictures.upload(pictures.huge_file(1024 * 1024)),
            "pictures may be at most 1.0\xa0MB",
        )


@pytest.mark.django_db
def test_a_truncated_picture_is_refused_as_damaged(editor: Client, media_root: Path) -> None:
    jpeg = pictures.noisy_jpeg()
    _refused(
        editor,
        media_root,
        pictures.upload(jpeg[: len(jpeg) // 2], name="cut.jpg"),
        "damaged or incomplete",
    )


@pytest.mark.django_db
def test_a_jpeg_with_gps_is_stored_without_any_metadata(editor: Client, media_root: Path) -> None:
    original = pictures.jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(pictures.GPS_IFD)  # it has GPS

    response = editor.post(
        ADD_URL, _form(new_portrait=pictures.upload(original, "me.jpg", "image/jpeg"))
    )

    assert response.status_code == 302
    character = Character.objects.get()
    stored = Path(character.portrait.path)
    assert re.fullmatch(r"portraits/[0-9a-f]{32}\.webp", character.portrait.name)
    data = stored.read_bytes()
    with Image.open(stored) as image:
        assert image.format == "WEBP"
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info and "icc_profile" not in image.info
    assert b"Exif" not in data and b"SpyCam" not in data
    assert (character.portrait_width, character.portrait_height) == (80, 60)


@pytest.mark.django_db
def test_an_accepted_portrait_gets_square_webp_thumbnails(editor: Client, media_root: Path) -> None:
    response = editor.post(
        ADD_URL,
        _form(
            new_portrait=pictures.upload(pictures.picture("PNG", (900, 600)), "x.gif", "image/gif")
        ),
    )

    assert response.status_code == 302
    character = Character.objects.get()
    stem = Path(character.portrait.name).stem
    names = sorted(path.name for path in _files(media_root))
    assert names == sorted([f"{stem}.webp"] + [f"{stem}-{w}.webp" for w in THUMBNAIL_WIDTHS])
    for width in THUMBNAIL_WIDTHS:
        with Image.open(media_root / "portraits" / f"{stem}-{width}.webp") as thumb:
            assert (thumb.format, thumb.size) == ("WEBP", (width, width))


@pytest.mark.django_db
def test_a_portrait_needs_a_description(editor: Client, media_root: Path) -> None:
    response = editor.post(
        ADD_URL, _form(portrait_alt="", new_portrait=pictures.upload(pictures.picture()))
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["portrait_alt"] == [
        "Describe the portrait for readers who cannot see it."
    ]
    assert _files(media_root) == []


@pytest.mark.django_db
def test_the_database_refuses_a_portrait_without_a_description() -> None:
    from django.db import IntegrityError

    character = Character.objects.create(name="X", slug="x")

    with pytest.raises(IntegrityError):
        Character.objects.filter(pk=character.pk).update(portrait="portraits/a.webp")
