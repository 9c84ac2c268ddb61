"""Voting: the service's rules, then the endpoint twice (plain and htmx), checking the database."""

from __future__ import annotations

import re

import pytest
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import timezone

from accounts.models import User
from moderation.models import ContentStatus
from tests.accounts.factories import UserFactory
from tests.theories.factories import TheoryFactory
from theories.models import Theory, Vote
from theories.services import VoteRefused, cast_vote


@pytest.fixture
def theory(author: User) -> Theory:
    return TheoryFactory(author=author, title="Cheong-san survived the bite")


def _client(fan: User) -> Client:
    client = Client()
    client.force_login(fan)
    return client


@pytest.fixture
def fan_client(other_fan: User) -> Client:
    return _client(other_fan)


def _vote_url(theory: Theory) -> str:
    return f"/theories/{theory.pk}/vote/"


def _counters(theory: Theory) -> tuple[int, int, int]:
    theory.refresh_from_db()
    return theory.score, theory.upvotes, theory.downvotes


# --- the service ------------------------------------------------------------


@pytest.mark.django_db
def test_a_first_upvote_counts(theory: Theory, other_fan: User) -> None:
    result = cast_vote(user=other_fan, theory_id=theory.pk, value=1)

    assert (result.score, result.my_vote) == (1, 1)
    assert _counters(theory) == (1, 1, 0)
    assert Vote.objects.get().value == 1


@pytest.mark.django_db
def test_a_vote_records_who_what_and_when(theory: Theory, other_fan: User) -> None:
    before = timezone.now()

    cast_vote(user=other_fan, theory_id=theory.pk, value=-1)

    vote = Vote.objects.get()
    assert (vote.user, vote.theory, vote.value) == (other_fan, theory, -1)
    assert before <= vote.created <= timezone.now()


@pytest.mark.django_db
def test_voting_on_a_theory_that_does_not_exist_raises(other_fan: User) -> None:
    with pytest.raises(Theory.DoesNotExist):
        cast_vote(user=other_fan, theory_id=987654, value=1)

    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_second_upvote_withdraws_the_vote(theory: Theory, other_fan: User) -> None:
    cast_vote(user=other_fan, theory_id=theory.pk, value=1)

    result = cast_vote(user=other_fan, theory_id=theory.pk, value=1)

    assert (result.score, result.my_vote) == (0, 0)
    assert _counters(theory) == (0, 0, 0)
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_the_other_value_switches_the_vote(theory: Theory, other_fan: User) -> None:
    cast_vote(user=other_fan, theory_id=theory.pk, value=1)

    result = cast_vote(user=other_fan, theory_id=theory.pk, value=-1)

    assert (result.score, result.my_vote) == (-1, -1)
    assert _counters(theory) == (-1, 0, 1)
    assert Vote.objects.get().value == -1


@pytest.mark.django_db
def test_votes_update_every_rank_in_the_same_transaction(theory: Theory, other_fan: User) -> None:
    hot_before = Theory.objects.get(pk=theory.pk).hot
    voters = [other_fan, *(User.objects.create(username=f"v{n}") for n in range(3))]
    for voter in voters[:3]:
        cast_vote(user=voter, theory_id=theory.pk, value=1)
    cast_vote(user=voters[3], theory_id=theory.pk, value=-1)

    theory.refresh_from_db()
    assert theory.hot == pytest.approx(hot_before + 0.30103, abs=1e-5)  # log10(2)
    assert theory.best > 0
    assert theory.controversy == pytest.approx(4 ** (1 / 3))


@pytest.mark.django_db
def test_voting_on_ones_own_theory_is_refused(theory: Theory, author: User) -> None:
    with pytest.raises(VoteRefused, match="your own theory"):
        cast_vote(user=author, theory_id=theory.pk, value=1)

    assert _counters(theory) == (0, 0, 0)


@pytest.mark.django_db
def test_a_theory_that_is_not_published_takes_no_votes(theory: Theory, other_fan: User) -> None:
    Theory.objects.filter(pk=theory.pk).update(status=ContentStatus.HIDDEN)

    with pytest.raises(VoteRefused):
        cast_vote(user=other_fan, theory_id=theory.pk, value=1)


@pytest.mark.django_db
def test_the_database_allows_one_vote_per_user_and_theory(theory: Theory, other_fan: User) -> None:
    Vote.objects.create(user=other_fan, theory=theory, value=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(user=other_fan, theory=theory, value=-1)


# --- the endpoint -----------------------------------------------------------


@pytest.mark.django_db
def test_a_plain_vote_redirects_back(fan_client: Client, theory: Theory) -> None:
    response = fan_client.post(_vote_url(theory), {"value": "1", "next": "/theories/?sort=new"})

    assert response.status_code == 302
    assert response["Location"] == "/theories/?sort=new"
    assert _counters(theory) == (1, 1, 0)


@pytest.mark.django_db
def test_a_plain_vote_never_redirects_off_site(fan_client: Client, theory: Theory) -> None:
    response = fan_client.post(_vote_url(theory), {"value": "1", "next": "https://evil.example/"})

    assert response["Location"] == theory.get_absolute_url()


@pytest.mark.django_db
def test_an_htmx_vote_returns_the_widget_with_the_new_score(
    fan_client: Client, theory: Theory
) -> None:
    response = fan_client.post(_vote_url(theory), {"value": "1"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert f'id="vote-{theory.pk}"' in html
    assert 'value="1" class="vote-button vote-up" aria-pressed="true"' in html
    assert 'aria-pressed="false"' in html  # the downvote button
    assert ">1</output>" in html
    assert _counters(theory) == (1, 1, 0)


def _answer(client: Client, theory: Theory, value: str = "1") -> str:
    response = client.post(_vote_url(theory), {"value": value}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.content.decode()


def _without_token(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "TOKEN", html)


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["1", "-1"])
def test_an_htmx_answer_is_what_the_template_renders(theory: Theory, value: str) -> None:
    first, second = UserFactory(), UserFactory()
    client = _client(second)
    _answer(_client(first), theory, value)
    html = _answer(client, theory, value)

    theory.refresh_from_db()
    theory.my_vote = int(value)
    request = RequestFactory().post(_vote_url(theory))
    request.user, request.session = second, client.session
    expected = render_to_string(
        "theories/vote.html", {"theory": theory, "next": theory.get_absolute_url()}, request
    )
    assert f">{int(value) * 2}</output>" in html
    assert _without_token(html) == _without_token(expected)


@pytest.mark.django_db
def test_an_htmx_answer_shows_this_fans_own_vote(theory: Theory) -> None:
    up, down, undecided = (_client(UserFactory()) for _ in range(3))

    upvoted = _answer(up, theory, "1")
    downvoted = _answer(down, theory, "-1")
    _answer(undecided, theory, "1")
    withdrawn = _answer(undecided, theory, "1")

    assert 'vote-up" aria-pressed="true"' in upvoted
    assert 'vote-down" aria-pressed="true"' in downvoted
    assert 'vote-up" aria-pressed="false"' in downvoted
    assert 'aria-pressed="true"' not in withdrawn
    assert ">0</output>" in withdrawn


@pytest.mark.django_db
def test_each_htmx_answer_carries_a_token_that_works(other_fan: User, theory: Theory) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(other_fan)
    client.get("/theories/")  # the page a fan votes from sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    url = _vote_url(theory)

    html = client.post(
        url, {"value": "1", "csrfmiddlewaretoken": token}, headers={"HX-Request": "true"}
    ).content.decode()
    answer_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    again = client.post(
        url, {"value": "1", "csrfmiddlewaretoken": answer_token}, headers={"HX-Request": "true"}
    )

    assert "<csrf-token>" not in html
    assert again.status_code == 200
    assert _counters(theory) == (0, 0, 0)  # voted, then withdrawn with the answer's token


@pytest.mark.django_db
def test_an_htmx_answer_shows_the_title_as_this_fan_may_see_it(author: User) -> None:
    theory = TheoryFactory(author=author, title="Nam-ra leads the half-zombies", spoiler=True)
    shows, hides = UserFactory(), UserFactory(spoiler_preference="hide")

    assert "Upvote “Nam-ra leads the half-zombies”" in _answer(_client(shows), theory)
    assert "Spoiler theory (title hidden)" in _answer(_client(hides), theory)
    theory.title = "Nam-ra leads the survivors"
    theory.save()
    assert "Nam-ra leads the survivors" in _answer(_client(UserFactory()), theory)


@pytest.mark.django_db
def test_the_vote_endpoint_rejects_get(fan_client: Client, theory: Theory) -> None:
    assert fan_client.get(_vote_url(theory)).status_code == 405
    assert _counters(theory) == (0, 0, 0)


@pytest.mark.django_db
def test_the_vote_endpoint_rejects_a_missing_csrf_token(other_fan: User, theory: Theory) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(other_fan)

    assert client.post(_vote_url(theory), {"value": "1"}).status_code == 403
    assert _counters(theory) == (0, 0, 0)


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["2", "0", "", "up", "1.0"])
def test_the_vote_endpoint_rejects_a_bad_value(
    fan_client: Client, theory: Theory, value: str
) -> None:
    response = fan_client.post(_vote_url(theory), {"value": value})

    assert response.status_code == 400
    assert _counters(theory) == (0, 0, 0)


@pytest.mark.django_db
def test_an_anonymous_voter_is_sent_to_log_in_and_back(client: Client, theory: Theory) -> None:
    response = client.post(_vote_url(theory), {"value": "1"})

    assert response.status_code == 302
    assert (
        response["Location"]
        == f"/accounts/login/?next=%2Ftheories%2F{theory.pk}%2F{theory.slug}%2F"
    )
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_an_anonymous_htmx_voter_is_redirected_by_htmx(client: Client, theory: Theory) -> None:
    response = client.post(_vote_url(theory), {"value": "1"}, headers={"HX-Request": "true"})

    assert response["HX-Redirect"].startswith("/accounts/login/?next=")
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_the_author_is_told_they_cannot_vote(author_client: Client, theory: Theory) -> None:
    response = author_client.post(_vote_url(theory), {"value": "1"}, follow=True)

    assert "You cannot vote on your own theory." in response.content.decode()
    assert _counters(theory) == (0, 0, 0)


@pytest.mark.django_db
def test_a_deleted_theory_cannot_be_voted_on(fan_client: Client, theory: Theory) -> None:
    Theory.objects.filter(pk=theory.pk).update(deleted_at="2026-01-01T00:00:00Z")

    assert fan_client.post(_vote_url(theory), {"value": "1"}).status_code == 404
