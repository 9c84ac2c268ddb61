"""Names that look like a taken name, or like the site's own, are refused; staff are marked."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.test import Client

from accounts.models import User
from accounts.usernames import skeleton, skeleton_key
from discussion.services import post_comment
from tests.accounts.factories import UserFactory
from tests.theories.factories import TheoryFactory

CYRILLIC_MODERATOR = "m\u043ederator"  # the о is Cyrillic
PASSWORD = "broadcast-room-7"


def _sign_up(client: Client, username: str) -> object:
    return client.post(
        "/accounts/signup/",
        {
            "username": username,
            "email": "newcomer@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


@pytest.mark.parametrize(
    "lookalike",
    [CYRILLIC_MODERATOR, "MODERATOR", "m0derator", "rnoderator", "ｍｏｄｅｒａｔｏｒ", "Mоdеrаtоr"],
)
def test_look_alike_names_share_a_skeleton(lookalike: str) -> None:
    assert skeleton(lookalike) == skeleton("moderator")


@pytest.mark.parametrize(
    ("one", "other"),
    [("fanl", "fanI"), ("fanl", "FAN1"), ("fan10", "fan1O"), ("남라", "남라")],
)
def test_more_look_alike_pairs_share_a_skeleton(one: str, other: str) -> None:
    assert skeleton(one) == skeleton(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("fan1", "fan2"),
        ("fani", "fanl"),
        ("nam_ra", "nam-ra"),
        ("남라", "남리"),
        ("cheongsan", "ch"),
    ],
)
def test_names_that_read_differently_keep_different_skeletons(one: str, other: str) -> None:
    assert skeleton(one) != skeleton(other)


@pytest.mark.django_db
def test_a_cyrillic_look_alike_of_a_taken_name_is_refused_at_sign_up(
    client: Client, moderator: User
) -> None:
    response = _sign_up(client, CYRILLIC_MODERATOR)

    assert response.status_code == 200
    errors = response.context["form"].errors["username"]
    assert errors == [
        f"“{CYRILLIC_MODERATOR}” looks too much like “moderator”, which is taken. "
        "Choose a name that reads differently."
    ]
    assert list(User.objects.values_list("username", flat=True)) == ["moderator"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["Admin", "ADMlN", "m0d", "Staff", "supp0rt"])
def test_names_that_read_as_the_site_team_are_refused_even_unheld(
    client: Client, name: str
) -> None:
    response = _sign_up(client, name)

    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [
        "This name is kept for the site's team. Choose another."
    ]
    assert not User.objects.exists()


@pytest.mark.django_db
def test_a_name_that_only_resembles_a_taken_one_is_accepted(
    client: Client, moderator: User
) -> None:
    response = _sign_up(client, "moderator_fan")

    assert response.status_code == 302
    assert User.objects.filter(username="moderator_fan").exists()


@pytest.mark.django_db
def test_every_account_gets_its_key_and_the_database_refuses_a_look_alike(
    moderator: User,
) -> None:
    other = User.objects.create(username="moderator2", email="m2@example.com")
    other.username = "moderator3"
    other.save(update_fields=["username"])
    other.refresh_from_db()

    assert moderator.username_skeleton == skeleton_key("moderator")
    assert other.username_skeleton == skeleton_key("moderator3")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username=CYRILLIC_MODERATOR, email="x@example.com")


@pytest.mark.django_db
def test_a_look_alike_racing_past_the_form_check_gets_a_form_error_not_a_500(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    UserFactory(username="onjo_fan")
    # As if the other sign-up committed between this one's check and its insert.
    monkeypatch.setattr("accounts.forms.refuse_lookalike", lambda *args, **kwargs: None)

    response = _sign_up(client, "0NJ0_fan")

    assert response.status_code == 200
    assert "was just taken" in response.content.decode()
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_the_admin_refuses_to_create_a_look_alike(superuser: User, moderator: User) -> None:
    client = Client()
    client.force_login(superuser)

    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "M0DERATOR",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == 200
    assert "looks too much like “moderator”" in response.content.decode()
    assert not User.objects.filter(username="M0DERATOR").exists()


@pytest.mark.django_db
def test_the_admin_refuses_to_rename_a_fan_to_a_look_alike(
    superuser: User, moderator: User, other_fan: User
) -> None:
    client = Client()
    client.force_login(superuser)
    url = f"/admin/accounts/user/{other_fan.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None}
    data.update(
        username=CYRILLIC_MODERATOR,
        date_joined_0=f"{other_fan.date_joined:%Y-%m-%d}",
        date_joined_1=f"{other_fan.date_joined:%H:%M:%S}",
        groups=[],
        user_permissions=[],
    )
    data.pop("date_joined")
    data.pop("last_login", None)

    refused = client.post(url, data)
    kept = client.post(url, {**data, "username": "other_fan", "email": "new@example.com"})

    assert "looks too much like “moderator”" in refused.content.decode()
    assert kept.status_code == 302
    other_fan.refresh_from_db()
    assert (other_fan.username, other_fan.email) == ("other_fan", "new@example.com")


@pytest.mark.django_db
def test_older_look_alikes_keep_their_names_and_the_first_keeps_the_plain_key() -> None:
    first = UserFactory(username="moderator")
    later = UserFactory(username="placeholder")
    # Accounts from before the check: the later one is a look-alike, no keys yet.
    User.objects.filter(pk=later.pk).update(username=CYRILLIC_MODERATOR)
    for pk in (first.pk, later.pk):
        User.objects.filter(pk=pk).update(username_skeleton=f"not-yet-{pk}")
    migration = importlib.import_module("accounts.migrations.0009_username_skeleton")

    migration.fill_skeletons(apps, None)

    first.refresh_from_db()
    later.refresh_from_db()
    assert first.username_skeleton == skeleton_key("moderator")
    assert later.username_skeleton == f"{skeleton_key('moderator')}#{later.pk}"
    later.bio = "Still here."
    later.save()  # its suffixed key stays, so saving is no conflict
    later.refresh_from_db()
    assert later.username_skeleton.endswith(f"#{later.pk}")


@pytest.mark.django_db
def test_a_display_name_cannot_pass_for_another_fans_username(
    author_client: Client, author: User, moderator: User
) -> None:
    data = {"bio": "", "spoiler_preference": "ask", "notify": []}

    lookalike = author_client.post("/accounts/settings/", {**data, "display_name": "M0derator"})
    team = author_client.post("/accounts/settings/", {**data, "display_name": "Admin"})
    own = author_client.post("/accounts/settings/", {**data, "display_name": "AUTHOR"})

    assert "looks too much like “moderator”" in lookalike.content.decode()
    assert "kept for the site&#x27;s team" in team.content.decode()
    assert own.status_code == 302
    author.refresh_from_db()
    assert author.display_name == "AUTHOR"


@pytest.mark.django_db
def test_staff_are_marked_wherever_their_name_shows(
    client: Client, moderator: User, superuser: User, author: User
) -> None:
    staff_theory = TheoryFactory(author=moderator, title="A word from the team")
    fan_theory = TheoryFactory(author=author, title="A fan's idea")
    post_comment(author=superuser, theory=fan_theory, body="Thanks for the idea.")
    post_comment(author=author, theory=staff_theory, body="Noted.")

    pages = {
        "list": client.get("/theories/?sort=new").content.decode(),
        "staff theory": client.get(staff_theory.get_absolute_url()).content.decode(),
        "fan theory": client.get(fan_theory.get_absolute_url()).content.decode(),
        "moderator profile": client.get("/u/moderator/").content.decode(),
        "fan profile": client.get("/u/author/").content.decode(),
    }

    badge = '<span class="tag tag-staff" title="A member of the site\'s team">'
    assert f">moderator</a>{badge}Moderator</span>" in pages["list"]
    assert f">moderator</a>{badge}Moderator</span>" in pages["staff theory"]
    assert f">boss</a>{badge}Admin</span>" in pages["fan theory"]
    assert f"<h1>moderator{badge}Moderator</span></h1>" in pages["moderator profile"]
    assert pages["list"].count(badge) == 1  # the fan's theory carries none
    assert badge not in pages["fan profile"]
