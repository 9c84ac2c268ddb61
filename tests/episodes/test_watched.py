"""Saying how far you have watched: kept on the account, or in an anonymous reader's session
(same-origin posts only)."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import User
from tests.episodes.factories import AiredEpisodeFactory, EpisodeFactory
from tests.theories.factories import TheoryFactory


@pytest.mark.django_db
def test_one_click_lasts_for_the_anonymous_readers_session(anonymous: Client) -> None:
    episode = AiredEpisodeFactory(season=2, number=3)
    theory = TheoryFactory(episode=episode)
    anonymous.get(theory.get_absolute_url())  # cached folded for season 1 readers

    response = anonymous.post(
        "/watched/",
        {"through": "2-3", "next": theory.get_absolute_url()},
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    page = anonymous.get(theory.get_absolute_url()).content.decode()

    assert response.status_code == 302 and response["Location"] == theory.get_absolute_url()
    assert "Spoiler for S2 E3" not in page
    assert "Spoiler for S2 E3" in Client().get(theory.get_absolute_url()).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [{"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://elsewhere.example"}, {}],
)
def test_the_anonymous_choice_refuses_posts_from_other_sites(
    anonymous: Client, headers: dict[str, str]
) -> None:
    response = anonymous.post("/watched/", {"through": "2-3"}, headers=headers)

    assert response.status_code == 403
    assert "watched" not in anonymous.session


@pytest.mark.django_db
def test_a_signed_in_fans_choice_is_kept_on_the_account_and_needs_the_csrf_token(
    other_fan: User,
) -> None:
    EpisodeFactory(season=2, number=1)
    client = Client(enforce_csrf_checks=True)
    client.force_login(other_fan)

    refused = client.post(
        "/watched/", {"through": "2-1"}, headers={"Sec-Fetch-Site": "same-origin"}
    )
    client.get("/")
    token = client.cookies["csrftoken"].value
    accepted = client.post("/watched/", {"through": "2-1", "csrfmiddlewaretoken": token})

    assert refused.status_code == 403
    assert accepted.status_code == 302
    other_fan.refresh_from_db()
    assert (other_fan.watched_season, other_fan.watched_episode) == (2, 1)
