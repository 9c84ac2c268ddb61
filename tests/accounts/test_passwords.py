from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from accounts.models import User
from tests.accounts.factories import PASSWORD


@pytest.mark.django_db
def test_changing_the_password_needs_the_old_one(author_client: Client, author: User) -> None:
    response = author_client.post(
        "/accounts/password_change/",
        {"old_password": "wrong", "new_password1": "hallway-12-b", "new_password2": "hallway-12-b"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    author.refresh_from_db()
    assert author.check_password(PASSWORD)


@pytest.mark.django_db
def test_changing_the_password_works_and_keeps_the_fan_signed_in(
    author_client: Client, author: User
) -> None:
    response = author_client.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "hallway-12-b",
            "new_password2": "hallway-12-b",
        },
    )

    assert response.status_code == 302
    author.refresh_from_db()
    assert author.check_password("hallway-12-b")
    assert author_client.get("/accounts/password_change/done/").status_code == 200


def test_changing_the_password_needs_a_signed_in_fan(client: Client) -> None:
    response = client.get("/accounts/password_change/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/password_change/"


@pytest.mark.django_db
def test_a_password_reset_mails_a_link_that_sets_a_new_password(
    client: Client, author: User
) -> None:
    response = client.post("/accounts/password_reset/", {"email": "author@example.com"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["author@example.com"]
    assert message.subject == "Reset your AOUAD Fan Community password"
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "rooftop-escape-9", "new_password2": "rooftop-escape-9"},
    )

    assert done.status_code == 302
    author.refresh_from_db()
    assert author.check_password("rooftop-escape-9")


@pytest.mark.django_db
def test_a_password_reset_for_an_unknown_address_reveals_nothing(client: Client) -> None:
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.com"})

    assert response.status_code == 302
    assert mail.outbox == []
