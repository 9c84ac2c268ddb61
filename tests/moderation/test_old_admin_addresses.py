"""The admin's addresses of models that moved to other apps redirect to their new ones."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.accounts.factories import UserFactory


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/admin/theories/comment/", "/admin/discussion/comment/"),
        ("/admin/theories/quote/12/change/", "/admin/quotes/quote/12/change/"),
        ("/admin/theories/source/add/", "/admin/quotes/source/add/"),
        ("/admin/theories/report/?state=open", "/admin/safety/report/?state=open"),
        ("/admin/theories/moderationaction/", "/admin/safety/moderationaction/"),
        ("/admin/verdicts/episode/3/change/", "/admin/episodes/episode/3/change/"),
    ],
)
def test_an_old_address_redirects_for_good(client: Client, old: str, new: str) -> None:
    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == new


@pytest.mark.django_db
def test_the_new_address_is_the_admin_page_and_unmoved_models_keep_theirs(client: Client) -> None:
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert client.get("/admin/discussion/comment/").status_code == 200
    assert client.get("/admin/theories/theory/").status_code == 200
    assert client.get("/admin/verdicts/verdict/").status_code == 200
