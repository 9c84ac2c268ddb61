"""Episodes and verdicts through the admin, as a moderator works them."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import User
from moderation.models import ModerationAction
from tests.episodes.factories import AiredEpisodeFactory, EpisodeFactory
from tests.theories.factories import TheoryFactory
from theories.choices import Outcome
from verdicts.models import Verdict
from verdicts.services import give_verdict


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_tying_a_theory_to_an_aired_episode_in_the_admin_locks_it(superuser: User) -> None:
    theory = TheoryFactory()
    episode = AiredEpisodeFactory()

    response = _client(superuser).post(
        f"/admin/theories/theory/{theory.pk}/change/",
        {
            "title": theory.title,
            "body": theory.body,
            "language": "en",
            "decided_by": episode.pk,
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
            "revisions-TOTAL_FORMS": "0",
            "revisions-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    theory.refresh_from_db()
    assert theory.decided_by == episode and theory.locked_at == episode.aired_at


@pytest.mark.django_db
def test_the_verdict_form_refuses_an_unaired_episode_and_a_second_verdict(
    moderator: User,
) -> None:
    theory = TheoryFactory()
    client = _client(moderator)
    data = {"theory": theory.pk, "outcome": "debunked", "explanation": "Not what happened."}

    unaired = client.post("/admin/verdicts/verdict/add/", {**data, "episode": EpisodeFactory().pk})
    aired = AiredEpisodeFactory()
    first = client.post("/admin/verdicts/verdict/add/", {**data, "episode": aired.pk})
    second = client.post("/admin/verdicts/verdict/add/", {**data, "episode": aired.pk})

    assert unaired.status_code == 200 and "Select a valid choice" in unaired.content.decode()
    assert first.status_code == 302
    assert second.status_code == 200
    assert "already has a verdict" in second.content.decode()
    assert Verdict.objects.count() == 1


@pytest.mark.django_db
def test_a_moderator_reverses_a_verdict_with_a_reason(moderator: User, author: User) -> None:
    theory = TheoryFactory(author=author)
    verdict = give_verdict(
        theory=theory,
        outcome=Outcome.CONFIRMED,
        episode=AiredEpisodeFactory(),
        explanation="x",
        moderator=moderator,
    )
    client = _client(moderator)
    action = {"action": "reverse", "_selected_action": [verdict.pk]}

    asked = client.post("/admin/verdicts/verdict/", action)
    empty = client.post("/admin/verdicts/verdict/", {**action, "apply": "1", "reason": ""})
    done = client.post(
        "/admin/verdicts/verdict/", {**action, "apply": "1", "reason": "Wrong episode."}
    )

    assert asked.status_code == 200 and "Reverse them" in asked.content.decode()
    assert empty.status_code == 200 and "This field is required" in empty.content.decode()
    assert done.status_code == 302
    verdict.refresh_from_db()
    theory.refresh_from_db()
    assert verdict.reversal_reason == "Wrong episode." and verdict.reversed_by == moderator
    assert theory.outcome == Outcome.OPEN
    assert ModerationAction.objects.filter(kind="verdict_reversed").count() == 1


@pytest.mark.django_db
def test_an_aired_episode_cannot_be_deleted(superuser: User) -> None:
    episode = AiredEpisodeFactory()

    response = _client(superuser).post(
        f"/admin/episodes/episode/{episode.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 403
    assert type(episode).objects.filter(pk=episode.pk).exists()


@pytest.mark.django_db
def test_not_even_an_admin_rewrites_a_locked_theory(superuser: User, moderator: User) -> None:
    theory = TheoryFactory(title="Nam-ra is alive", body="The original words.")
    give_verdict(
        theory=theory,
        outcome=Outcome.CONFIRMED,
        episode=AiredEpisodeFactory(),
        explanation="x",
        moderator=moderator,
    )

    _client(superuser).post(
        f"/admin/theories/theory/{theory.pk}/change/",
        {
            "title": "Rewritten after the verdict",
            "body": "New words.",
            "decided_by": "",
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
            "revisions-TOTAL_FORMS": "0",
            "revisions-INITIAL_FORMS": "0",
        },
    )

    theory.refresh_from_db()
    assert (theory.title, theory.body) == ("Nam-ra is alive", "The original words.")
    assert theory.decided_by is not None and theory.is_locked
