"""The moderation queue's rows and the ways into it: what waits there, buttons a screen reader
can tell apart, addresses that lead to a theory, and no report form for your own theory."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from accounts.models import User
from moderation.models import ContentStatus
from tests.theories.factories import TheoryFactory
from theories.services import delete_theory


@pytest.fixture
def moderator_client(moderator: User) -> Client:
    client = Client()
    client.force_login(moderator)
    return client


@pytest.mark.django_db
def test_each_button_names_the_item_it_acts_on(moderator_client: Client) -> None:
    TheoryFactory(title="Nam-ra leads the school", status=ContentStatus.PENDING)
    TheoryFactory(title="On-jo finds the radio", status=ContentStatus.PENDING)

    html = moderator_client.get("/admin/moderation/").content.decode()

    names = re.findall(r"<button[^>]*>(.*?)</button>", html, re.S)
    names = [re.sub(r"<[^>]+>", "", name).strip() for name in names]
    assert "Approve “Nam-ra leads the school”" in names
    assert "Approve “On-jo finds the radio”" in names
    assert "Hide “On-jo finds the radio”" in names


@pytest.mark.django_db
def test_a_theory_its_author_deleted_no_longer_waits(moderator_client: Client) -> None:
    theory = TheoryFactory(title="Second thoughts", status=ContentStatus.PENDING)
    assert "Second thoughts" in moderator_client.get("/admin/moderation/").content.decode()

    delete_theory(theory=theory)

    assert "Second thoughts" not in moderator_client.get("/admin/moderation/").content.decode()


@pytest.mark.django_db
def test_a_theorys_address_without_its_slug_leads_to_it(client: Client) -> None:
    theory = TheoryFactory(title="Cheong-san is alive")

    response = client.get(f"/theories/{theory.pk}/")

    assert response.status_code == 301
    assert response["Location"] == theory.get_absolute_url()
    hidden = TheoryFactory(status=ContentStatus.HIDDEN)
    assert client.get(f"/theories/{hidden.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_report_form_is_closed_to_the_author_of_the_theory(
    author: User, author_client: Client
) -> None:
    theory = TheoryFactory(author=author)

    assert author_client.get(f"/theories/{theory.pk}/report/").status_code == 403
    assert (
        author_client.post(f"/theories/{theory.pk}/report/", {"reason": "spam"}).status_code == 403
    )
