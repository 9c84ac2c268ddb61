"""Estimates, spoiler gating of theories and verdicts by episode, the verdict filters,
profiles and the leaderboard, through the views (plain and htmx)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries, Settings

from accounts.models import User
from discussion.models import Comment
from tests.accounts.factories import UserFactory
from tests.episodes.factories import AiredEpisodeFactory, EpisodeFactory
from tests.theories.factories import TheoryFactory
from tests.verdicts.factories import EstimateFactory
from theories.choices import Outcome
from theories.models import Theory
from theories.services import set_deciding_episode
from verdicts.models import Estimate
from verdicts.services import give_verdict, mark_aired


def _estimate_url(theory: Theory) -> str:
    return f"/theories/{theory.pk}/estimate/"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _confirm(theory: Theory, moderator: User, episode: object | None = None) -> None:
    give_verdict(
        theory=theory,
        outcome=Outcome.CONFIRMED,
        episode=episode or AiredEpisodeFactory(),
        explanation="It happens in the last scene.",
        moderator=moderator,
    )


# --- estimates ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_plain_estimate_post_saves_and_redirects_to_the_predictions(other_fan: User) -> None:
    theory = TheoryFactory()

    response = _client(other_fan).post(_estimate_url(theory), {"probability": "35"})

    assert response.status_code == 302
    assert response["Location"] == f"{theory.get_absolute_url()}#predictions"
    assert Estimate.objects.get(theory=theory, user=other_fan).probability == 35


@pytest.mark.django_db
def test_an_htmx_estimate_returns_the_predictions_part_with_the_new_median(
    other_fan: User,
) -> None:
    theory = TheoryFactory()
    EstimateFactory(theory=theory, probability=80)

    response = _client(other_fan).post(
        _estimate_url(theory), {"probability": "40"}, headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="predictions"')
    assert "60 %" in html and "from 2 estimates" in html  # median of 40 and 80
    assert "<html" not in html
    assert Estimate.objects.filter(theory=theory).count() == 2


@pytest.mark.django_db
def test_withdrawing_removes_the_estimate(other_fan: User) -> None:
    theory = TheoryFactory()
    EstimateFactory(theory=theory, user=other_fan)

    _client(other_fan).post(_estimate_url(theory), {"withdraw": "on"})

    assert not Estimate.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["", "3", "99", "lots"])
def test_a_bad_estimate_re_renders_with_a_message_and_saves_nothing(
    other_fan: User, value: str
) -> None:
    theory = TheoryFactory()

    response = _client(other_fan).post(_estimate_url(theory), {"probability": value})

    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Estimate.objects.exists()


@pytest.mark.django_db
def test_an_estimate_on_a_locked_theory_is_refused(other_fan: User, moderator: User) -> None:
    theory = TheoryFactory()
    EstimateFactory(theory=theory, user=other_fan, probability=20)
    episode = EpisodeFactory()
    set_deciding_episode(theory=theory, episode=episode)
    mark_aired(episode=episode, moderator=moderator)

    response = _client(other_fan).post(_estimate_url(theory), {"probability": "90"})

    assert response.status_code == 409
    assert "locked" in response.content.decode()
    assert Estimate.objects.get(user=other_fan).probability == 20


@pytest.mark.django_db
def test_estimates_need_a_signed_in_fan_and_a_post(anonymous: Client, other_fan: User) -> None:
    theory = TheoryFactory()

    assert anonymous.post(_estimate_url(theory), {"probability": "50"}).status_code == 302
    assert _client(other_fan).get(_estimate_url(theory)).status_code == 405
    assert not Estimate.objects.exists()


@pytest.mark.django_db
def test_the_author_sets_a_confidence_when_posting(author_client: Client, author: User) -> None:
    response = author_client.post(
        "/theories/new/",
        {
            "title": "Nam-ra finds the other half-zombies",
            "body": "She said there are others; season 2 goes looking for them.",
            "confidence": "70",
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
        },
    )

    theory = Theory.objects.get()
    assert response.status_code == 302
    assert Estimate.objects.get(theory=theory, user=author).probability == 70
    page = author_client.get(theory.get_absolute_url()).content.decode()
    assert "The author said" in page and "70 %" in page


@pytest.mark.django_db
def test_a_locked_theory_cannot_be_edited(author: User, author_client: Client, moderator: User):
    theory = TheoryFactory(author=author)
    _confirm(theory, moderator)

    page = author_client.get(f"/theories/{theory.pk}/edit/", follow=True)
    posted = author_client.post(
        f"/theories/{theory.pk}/edit/",
        {
            "title": "Changed after the verdict",
            "body": "Rewritten to match the episode.",
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
        },
    )

    assert "locked" in page.content.decode()
    assert posted.status_code == 302
    theory.refresh_from_db()
    assert theory.title != "Changed after the verdict"


# --- spoiler gating by episode -------------------------------------------------


@pytest.mark.django_db
def test_a_theory_about_a_later_episode_is_folded_away_for_a_season_1_reader(
    anonymous: Client,
) -> None:
    episode = AiredEpisodeFactory(season=2, number=3)
    theory = TheoryFactory(episode=episode, body="Su-hyeok leads the rescue in episode three.")

    page = anonymous.get(theory.get_absolute_url()).content.decode()
    listing = anonymous.get("/theories/").content.decode()

    assert '<details class="spoiler">' in page
    assert "Spoiler for S2 E3" in page
    assert 'name="through" value="2-3"' in page  # the one-click choice
    assert "Spoiler for S2 E3 (title hidden)" in listing
    assert theory.title not in listing


@pytest.mark.django_db
def test_comments_and_verdicts_are_folded_by_episode_too(
    other_fan: User, moderator: User, anonymous: Client
) -> None:
    early, late = AiredEpisodeFactory(season=2, number=1), AiredEpisodeFactory(season=2, number=4)
    theory = TheoryFactory()
    Comment.objects.create(theory=theory, author=other_fan, body="In E4 she...", episode=late)
    _confirm(theory, moderator, episode=late)
    other_fan.watched_season, other_fan.watched_episode = 2, early.number
    other_fan.save()

    fan_page = _client(other_fan).get(theory.get_absolute_url()).content.decode()
    caught_up = UserFactory(watched_season=2, watched_episode=None)
    full_page = _client(caught_up).get(theory.get_absolute_url()).content.decode()

    assert "The verdict is a spoiler for S2 E4" in fan_page
    assert "Spoiler for S2 E4 — show it anyway" in fan_page  # the comment
    assert 'class="outcome outcome-confirmed">Confirmed</span></h2>' not in fan_page
    assert "spoiler for S2 E4" not in full_page.lower()
    assert 'class="outcome outcome-confirmed">Confirmed</span></h2>' in full_page


# --- lists, home, profile, leaderboard -------------------------------------------


@pytest.mark.django_db
def test_the_list_filters_by_verdict(anonymous: Client, moderator: User) -> None:
    confirmed, debunked, open_one = TheoryFactory.create_batch(3)
    _confirm(confirmed, moderator, episode=AiredEpisodeFactory(season=1, number=12))
    give_verdict(
        theory=debunked,
        outcome=Outcome.DEBUNKED,
        episode=AiredEpisodeFactory(season=1, number=11),
        explanation="No.",
        moderator=moderator,
    )

    def titles(query: str) -> set[str]:
        html = anonymous.get(f"/theories/?{query}").content.decode()
        return {t.title for t in (confirmed, debunked, open_one) if t.title in html}

    assert titles("status=confirmed") == {confirmed.title}
    assert titles("status=debunked") == {debunked.title}
    assert titles("status=open") == {open_one.title}
    assert titles("status=resolved") == {confirmed.title, debunked.title}
    assert titles("status=nonsense") == {confirmed.title, debunked.title, open_one.title}
    assert (
        "status=confirmed" in anonymous.get("/theories/?status=confirmed&sort=new").content.decode()
    )


@pytest.mark.django_db
def test_home_shows_recently_resolved_theories(anonymous: Client, moderator: User) -> None:
    theory = TheoryFactory(title="Nam-ra survives to the finale")
    _confirm(theory, moderator, episode=AiredEpisodeFactory(season=1, number=12))

    html = anonymous.get("/").content.decode()

    assert "Recently resolved" in html
    assert 'class="outcome outcome-confirmed">Confirmed</span> <a href="' in html


@pytest.mark.django_db
def test_a_profile_shows_the_track_record_with_a_chart(author: User, moderator: User) -> None:
    theory = TheoryFactory(author=author, created=timezone.now() - timedelta(days=3))
    EstimateFactory(
        theory=theory, user=author, probability=70, updated=timezone.now() - timedelta(days=2)
    )
    _confirm(theory, moderator, episode=AiredEpisodeFactory(season=1, number=12))

    html = Client().get(author.get_absolute_url()).content.decode()

    assert "Brier score 0.090" in html  # (0.7 − 1)²
    assert "from 1 resolved prediction " in html
    assert '<svg viewBox="' in html and '<circle class="chart-dot" cx="140.0" cy="0.0"' in html
    assert 'id="called-it"' in html and theory.title in html.split('id="called-it"')[1]


@pytest.mark.django_db
def test_the_leaderboard_page_ranks_fans(
    author: User, moderator: User, settings: Settings, anonymous: Client
) -> None:
    settings.LEADERBOARD_MIN_PREDICTIONS = 1
    fan = UserFactory(display_name="Sharp Eye")
    theory = TheoryFactory(author=author, created=timezone.now() - timedelta(days=3))
    EstimateFactory(theory=theory, user=fan, probability=90, updated=theory.created)
    _confirm(theory, moderator)

    html = anonymous.get("/leaderboard/").content.decode()

    assert "Sharp Eye" in html and "0.010" in html


@pytest.mark.django_db
def test_the_leaderboard_page_runs_in_a_fixed_number_of_queries(
    anonymous: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    # 1. the standings  (no fan has enough predictions, so no second query for fans)
    with django_assert_num_queries(1):
        response = anonymous.get("/leaderboard/")
    assert "Nobody has" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("resolved", [1, 8])
def test_a_profile_with_a_track_record_runs_a_fixed_number_of_queries(
    author: User,
    moderator: User,
    anonymous: Client,
    django_assert_num_queries: DjangoAssertNumQueries,
    resolved: int,
) -> None:
    for _ in range(resolved):
        theory = TheoryFactory(author=author, created=timezone.now() - timedelta(days=3))
        EstimateFactory(theory=theory, user=author, updated=theory.created)
        _confirm(theory, moderator)

    # 1. the fan  2. karma  3. their theories  4. their comments  5. scored estimates for the
    # Brier score and chart  6. called-it theories with episodes  7. resolved predictions
    with django_assert_num_queries(7):
        response = anonymous.get(author.get_absolute_url())

    assert response.content.decode().count('class="chart-dot"') == 1


# --- spoiler leaks and lock holes found in review ------------------------------------


@pytest.mark.django_db
def test_the_verdict_filter_does_not_list_theories_decided_by_unseen_episodes(
    moderator: User,
) -> None:
    theory = TheoryFactory(title="Cheong-san walks out of the ruins")
    _confirm(theory, moderator, episode=AiredEpisodeFactory(season=2, number=5))
    season_1, caught_up = Client(), _client(UserFactory(watched_season=2))

    assert theory.title not in season_1.get("/theories/?status=confirmed").content.decode()
    assert theory.title in caught_up.get("/theories/?status=confirmed").content.decode()


@pytest.mark.django_db
def test_a_folded_verdict_does_not_colour_its_outcome(moderator: User) -> None:
    theory = TheoryFactory()
    give_verdict(
        theory=theory,
        outcome=Outcome.DEBUNKED,
        episode=AiredEpisodeFactory(season=2, number=2),
        explanation="No.",
        moderator=moderator,
    )

    html = Client().get(theory.get_absolute_url()).content.decode()

    assert "verdict-debunked" not in html and "outcome-debunked" not in html.split("<details")[0]


@pytest.mark.django_db
def test_titles_tagged_with_a_later_episode_stay_hidden_off_the_theory_page(
    author: User, moderator: User
) -> None:
    episode = AiredEpisodeFactory(season=2, number=8)
    theory = TheoryFactory(author=author, title="Nam-ra leads the immortals", episode=episode)
    Comment.objects.create(theory=theory, author=author, body="My own theory, of course.")
    client = Client()

    pages = {
        "profile": client.get(author.get_absolute_url()),
        "feed": client.get("/feeds/theories.atom"),
        "search": client.get("/search/?q=immortals"),
        "list": client.get("/theories/"),
    }

    for name, response in pages.items():
        assert response.status_code == 200, name
        assert "Nam-ra leads the immortals" not in response.content.decode(), name
    assert "Spoiler for S2 E8" in pages["profile"].content.decode()


@pytest.mark.django_db
def test_a_locked_theory_cannot_be_deleted(author: User, author_client: Client, moderator):
    theory = TheoryFactory(author=author)
    _confirm(theory, moderator)

    response = author_client.post(f"/theories/{theory.pk}/delete/")

    assert response.status_code == 302
    theory.refresh_from_db()
    assert theory.deleted_at is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cursor",
    [
        "0001-01-01T00:00:00+05:00~1",
        "9999-12-31T23:59:59-05:00~1",
        "2026-01-01T00:00:00~1",
        "x~y",
        "2026-01-01T00:00:00+00:00~99999999999999999999999",
    ],
)
def test_a_mangled_comment_cursor_shows_the_first_page(anonymous: Client, cursor: str) -> None:
    theory = TheoryFactory()

    response = anonymous.get(theory.get_absolute_url(), {"comments_before": cursor})

    assert response.status_code == 200


@pytest.mark.django_db
def test_verdicts_stay_off_the_public_moderation_log(moderator: User) -> None:
    theory = TheoryFactory(title="Su-hyeok joins the army")
    _confirm(theory, moderator)

    assert "Su-hyeok joins the army" not in Client().get("/modlog/").content.decode()
