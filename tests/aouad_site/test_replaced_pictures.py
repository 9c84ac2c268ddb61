"""A replaced, cleared or orphaned picture loses its files (thumbnails too), after the commit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import transaction

from accounts.models import AVATAR_WIDTHS, User
from accounts.services import update_settings
from aouad_site.images import clean_upload, renditions
from characters.models import THUMBNAIL_WIDTHS, Character
from characters.services import set_portrait
from tests.accounts.factories import UserFactory
from tests.characters import pictures
from tests.characters.factories import CharacterFactory

pytestmark = pytest.mark.django_db


def _new_portrait(character: Character) -> list[str]:
    image = clean_upload(pictures.upload(pictures.picture()))
    set_portrait(character=character, image=image, alt="A student on a rooftop.")
    return renditions(character.portrait.name, THUMBNAIL_WIDTHS)


def _new_avatar(fan: User, *, remove: bool = False) -> list[str]:
    image = None if remove else clean_upload(pictures.upload(pictures.picture()))
    update_settings(
        user=fan,
        display_name="",
        bio="",
        avatar=image,
        remove_avatar=remove,
        spoiler_preference=fan.spoiler_preference,
        muted=[],
    )
    return renditions(fan.avatar.name, AVATAR_WIDTHS) if fan.avatar else []


def _existing(media_root: Path, names: list[str]) -> list[str]:
    return [name for name in names if (media_root / name).exists()]


def test_a_replaced_portrait_and_its_thumbnails_go_once_the_change_commits(
    media_root: Path, django_capture_on_commit_callbacks: Callable
) -> None:
    character = CharacterFactory()
    with django_capture_on_commit_callbacks(execute=True):
        old = _new_portrait(character)
    assert _existing(media_root, old) == old and len(old) == 1 + len(THUMBNAIL_WIDTHS)

    with django_capture_on_commit_callbacks(execute=False) as pending:
        new = _new_portrait(character)
    assert _existing(media_root, old) == old  # not before the commit
    for callback in pending:
        callback()

    assert _existing(media_root, old) == []
    assert _existing(media_root, new) == new


def test_a_rolled_back_replacement_keeps_the_old_portrait(
    media_root: Path, django_capture_on_commit_callbacks: Callable
) -> None:
    character = CharacterFactory()
    with django_capture_on_commit_callbacks(execute=True):
        old = _new_portrait(character)

    def replace_then_fail() -> None:
        with transaction.atomic():
            _new_portrait(Character.objects.get(pk=character.pk))
            raise RuntimeError("something later in the transaction failed")

    with django_capture_on_commit_callbacks(execute=True) as ran, pytest.raises(RuntimeError):
        replace_then_fail()

    assert ran == []
    assert Character.objects.get(pk=character.pk).portrait.name == old[0]
    assert _existing(media_root, old) == old


def test_deleting_a_character_deletes_its_portrait_files(
    media_root: Path, django_capture_on_commit_callbacks: Callable
) -> None:
    character = CharacterFactory()
    with django_capture_on_commit_callbacks(execute=True):
        files = _new_portrait(character)

    with django_capture_on_commit_callbacks(execute=True):
        Character.objects.filter(pk=character.pk).delete()

    assert _existing(media_root, files) == []


def test_a_portrait_another_character_still_shows_is_kept(
    media_root: Path, django_capture_on_commit_callbacks: Callable
) -> None:
    character, twin = CharacterFactory(), CharacterFactory()
    with django_capture_on_commit_callbacks(execute=True):
        shared = _new_portrait(character)
    Character.objects.filter(pk=twin.pk).update(portrait=shared[0], portrait_alt="The same.")

    with django_capture_on_commit_callbacks(execute=True):
        _new_portrait(character)
        character.delete()

    assert _existing(media_root, shared) == shared


def test_a_replaced_or_removed_avatar_and_its_thumbnails_go_after_the_commit(
    media_root: Path, django_capture_on_commit_callbacks: Callable
) -> None:
    fan = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = _new_avatar(fan)
    with django_capture_on_commit_callbacks(execute=True):
        second = _new_avatar(fan)
    assert _existing(media_root, first) == [] and len(first) == 1 + len(AVATAR_WIDTHS)
    assert _existing(media_root, second) == second

    with django_capture_on_commit_callbacks(execute=True):
        _new_avatar(fan, remove=True)

    assert _existing(media_root, second) == []
    assert User.objects.get(pk=fan.pk).avatar.name == ""


def test_deleting_a_fan_deletes_their_avatar_files(
    media_root: Path, django_capture_on_commit_callbacks: Callable
) -> None:
    fan = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        files = _new_avatar(fan)

    with django_capture_on_commit_callbacks(execute=True):
        User.objects.get(pk=fan.pk).delete()

    assert _existing(media_root, files) == []


def test_saving_other_fields_leaves_the_picture_alone(
    media_root: Path, django_capture_on_commit_callbacks: Callable
) -> None:
    fan = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        files = _new_avatar(fan)

    with django_capture_on_commit_callbacks(execute=True):
        fan.bio = "Still here."
        fan.save()
        User.objects.only("pk", "bio").get(pk=fan.pk).save()

    assert _existing(media_root, files) == files
