from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from accounts.models import User
from tests.characters.factories import CharacterFactory


@pytest.fixture
def admin_client_(superuser: User) -> Client:
    client = Client()
    client.force_login(superuser)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Nam-ra", "최남라", "Cho Yi"])
def test_characters_are_found_by_either_name_or_actor(admin_client_: Client, query: str) -> None:
    CharacterFactory(name="Choi Nam-ra", hangul_name="최남라", actor="Cho Yi-hyun")
    CharacterFactory(name="Nam On-jo", hangul_name="남온조", actor="Park Ji-hu")

    response = admin_client_.get("/admin/characters/character/", {"q": query})

    assert [c.name for c in response.context["cl"].result_list] == ["Choi Nam-ra"]


@pytest.mark.django_db
def test_the_list_filters_by_status(admin_client_: Client) -> None:
    CharacterFactory(name="Choi Nam-ra", status="immortal")
    CharacterFactory(name="Nam On-jo", status="human")

    response = admin_client_.get("/admin/characters/character/", {"status__exact": "immortal"})

    assert [c.name for c in response.context["cl"].result_list] == ["Choi Nam-ra"]


@pytest.mark.django_db
def test_a_moderator_edits_characters_only_with_the_permission(moderator: User) -> None:
    character = CharacterFactory()
    client = Client()
    client.force_login(moderator)
    change_url = f"/admin/characters/character/{character.pk}/change/"

    assert client.get(change_url).status_code == 403

    moderator.user_permissions.add(
        Permission.objects.get(codename="change_character"),
        Permission.objects.get(codename="view_character"),
    )
    assert client.get(change_url).status_code == 200


@pytest.mark.django_db
def test_a_fan_never_reaches_the_character_admin(author_client: Client) -> None:
    character = CharacterFactory()

    response = author_client.post(
        f"/admin/characters/character/{character.pk}/change/", {"name": "Hacked"}
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    character.refresh_from_db()
    assert character.name != "Hacked"
