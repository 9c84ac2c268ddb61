from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import User

VALID = {
    "username": "cheongsan",
    "email": "cheongsan@example.com",
    "password1": "broadcast-room-7",
    "password2": "broadcast-room-7",
}


@pytest.mark.django_db
def test_signing_up_creates_the_account_and_signs_the_fan_in(client: Client) -> None:
    response = client.post("/accounts/signup/", VALID)

    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(username="cheongsan")
    assert user.email == "cheongsan@example.com"
    assert user.check_password("broadcast-room-7")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert "<summary>cheongsan" in client.get("/").content.decode()  # and stays signed in


@pytest.mark.django_db
def test_signing_up_returns_to_a_safe_next_page_only(client: Client) -> None:
    response = client.post("/accounts/signup/", {**VALID, "next": "https://evil.example/"})
    assert response["Location"] == "/"

    other = Client()
    response = other.post(
        "/accounts/signup/",
        {**VALID, "username": "suhyeok", "email": "s@example.com", "next": "/characters/"},
    )
    assert response["Location"] == "/characters/"


@pytest.mark.django_db
def test_an_e_mail_already_in_use_is_refused_beside_its_field_whatever_its_case(
    client: Client, author: User
) -> None:
    response = client.post("/accounts/signup/", {**VALID, "email": "AUTHOR@example.com"})

    assert response.status_code == 200
    form = response.context["form"]
    assert "already uses this e-mail address" in form.errors["email"][0]
    assert User.objects.count() == 1
    html = response.content.decode()
    assert 'value="cheongsan"' in html  # what the fan typed is kept


@pytest.mark.django_db
def test_a_username_taken_in_another_case_is_refused(client: Client, author: User) -> None:
    response = client.post("/accounts/signup/", {**VALID, "username": "AUTHOR"})

    assert response.status_code == 200
    assert "username" in response.context["form"].errors
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_mismatched_and_weak_passwords_are_explained(client: Client) -> None:
    response = client.post(
        "/accounts/signup/", {**VALID, "password1": "12345678", "password2": "12345679"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    assert not User.objects.exists()
    assert 'aria-invalid="true"' in response.content.decode()


@pytest.mark.django_db
def test_the_database_refuses_a_duplicate_username_in_another_case(author: User) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="Author", email="x@example.com")


@pytest.mark.django_db
def test_a_signed_in_fan_is_sent_home_from_the_signup_page(author_client: Client) -> None:
    assert author_client.get("/accounts/signup/")["Location"] == "/"
