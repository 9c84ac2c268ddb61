"""Every URL that writes, tried by every kind of actor: exactly the expected response, and
the write happens only where it should — zero unauthorised successes.

Actors: an anonymous visitor, the author of the target theory, another fan, a suspended fan
(signed in before the suspension), a staff account with no permissions at all (so that
the permission checks behind the admin's own staff check are exercised too), a moderator
(the Moderators group) and an admin.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from accounts.models import User
from accounts.services import suspend
from characters.models import Character
from discussion.models import Comment
from episodes.models import Episode
from moderation.models import ContentStatus, Report
from quotes.models import Quote
from tests.accounts.factories import PASSWORD, ModeratorFactory, UserFactory
from tests.characters.factories import CharacterFactory
from tests.episodes.factories import AiredEpisodeFactory, EpisodeFactory
from tests.quotes.factories import QuoteFactory
from tests.theories.factories import TheoryFactory
from theories.models import Theory, Vote
from verdicts.models import Estimate, Verdict

ACTORS = ["anonymous", "author", "other_fan", "suspended", "bare_staff", "moderator", "admin"]
OK, LOGIN, ADMIN_LOGIN, FORBIDDEN, REFUSED = "ok", "login", "admin-login", "403", "refused"


@dataclass
class World:
    users: dict[str, User]
    theory: Theory
    comment: Comment
    pending: Theory
    quote: Quote
    character: Character
    victim: User
    episode: Episode
    aired: Episode


@dataclass(frozen=True)
class Case:
    name: str
    request: Callable[[World], tuple[str, dict[str, Any]]]
    happened: Callable[[World, User | None], bool]
    expected: dict[str, str]


def _fans_only(
    anonymous: str = LOGIN, suspended: str = LOGIN, bare_staff: str | None = None, **rest: str
) -> dict[str, str]:
    # Staff without permissions act like any fan on the site, unless a case says otherwise.
    staff = bare_staff or rest.get("other_fan", OK)
    return {"anonymous": anonymous, "suspended": suspended, "bare_staff": staff, **rest}


def _theory_form(title: str) -> dict[str, Any]:
    return {
        "title": title,
        "body": "A theory long enough to be accepted by the form.",
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
    }


def _staff_only(*, moderator: str, admin: str) -> dict[str, str]:
    """Admin pages: everyone but staff goes to the admin's sign-in; staff need permissions."""
    return {
        "anonymous": ADMIN_LOGIN,
        "suspended": ADMIN_LOGIN,
        "author": ADMIN_LOGIN,
        "other_fan": ADMIN_LOGIN,
        "bare_staff": FORBIDDEN,
        "moderator": moderator,
        "admin": admin,
    }


CASES = [
    Case(
        "post a theory",
        lambda w: ("/theories/new/", _theory_form("Matrix theory title")),
        lambda w, u: (
            u is not None and Theory.objects.filter(author=u, title="Matrix theory title").exists()
        ),
        _fans_only(author=OK, other_fan=OK, moderator=OK, admin=OK),
    ),
    Case(
        "edit another's theory by its id",
        lambda w: (f"/theories/{w.theory.pk}/edit/", _theory_form("Rewritten by someone")),
        lambda w, u: Theory.objects.filter(pk=w.theory.pk, title="Rewritten by someone").exists(),
        _fans_only(author=OK, other_fan=FORBIDDEN, moderator=FORBIDDEN, admin=FORBIDDEN),
    ),
    Case(
        "delete another's theory by its id",
        lambda w: (f"/theories/{w.theory.pk}/delete/", {}),
        lambda w, u: Theory.objects.filter(pk=w.theory.pk, deleted_at__isnull=False).exists(),
        _fans_only(author=OK, other_fan=FORBIDDEN, moderator=FORBIDDEN, admin=FORBIDDEN),
    ),
    Case(
        "vote on a theory",
        lambda w: (f"/theories/{w.theory.pk}/vote/", {"value": "1"}),
        lambda w, u: u is not None and Vote.objects.filter(user=u, theory=w.theory).exists(),
        _fans_only(author=REFUSED, other_fan=OK, moderator=OK, admin=OK),
    ),
    Case(
        "estimate a theory",
        lambda w: (f"/theories/{w.theory.pk}/estimate/", {"probability": "60"}),
        lambda w, u: u is not None and Estimate.objects.filter(user=u, theory=w.theory).exists(),
        _fans_only(author=OK, other_fan=OK, moderator=OK, admin=OK),
    ),
    Case(
        "report a theory",
        lambda w: (f"/theories/{w.theory.pk}/report/", {"reason": "spam"}),
        lambda w, u: u is not None and Report.objects.filter(reporter=u).exists(),
        _fans_only(author=FORBIDDEN, other_fan=OK, moderator=OK, admin=OK),
    ),
    Case(
        "comment on a theory",
        lambda w: (f"/theories/{w.theory.pk}/comments/", {"body": "Matrix comment"}),
        lambda w, u: Comment.objects.filter(author=u, body="Matrix comment").exists(),
        _fans_only(author=OK, other_fan=OK, moderator=OK, admin=OK),
    ),
    Case(
        "edit another's comment by its id",
        lambda w: (f"/comments/{w.comment.pk}/edit/", {"body": "Rewritten comment"}),
        lambda w, u: Comment.objects.filter(pk=w.comment.pk, body="Rewritten comment").exists(),
        _fans_only(author=OK, other_fan=FORBIDDEN, moderator=FORBIDDEN, admin=FORBIDDEN),
    ),
    Case(
        "delete another's comment by its id",
        lambda w: (f"/comments/{w.comment.pk}/delete/", {}),
        lambda w, u: Comment.objects.filter(pk=w.comment.pk, deleted_at__isnull=False).exists(),
        _fans_only(author=OK, other_fan=FORBIDDEN, moderator=FORBIDDEN, admin=FORBIDDEN),
    ),
    Case(
        "report a comment",
        lambda w: (f"/comments/{w.comment.pk}/report/", {"reason": "harassment"}),
        lambda w, u: u is not None and Report.objects.filter(reporter=u).exists(),
        _fans_only(author=FORBIDDEN, other_fan=OK, moderator=OK, admin=OK),
    ),
    Case(
        "save one's settings",
        lambda w: ("/accounts/settings/", {"display_name": "Matrix", "spoiler_preference": "ask"}),
        lambda w, u: u is not None and User.objects.get(pk=u.pk).display_name == "Matrix",
        _fans_only(author=OK, other_fan=OK, moderator=OK, admin=OK),
    ),
    Case(
        "suggest a quote",
        lambda w: (
            "/quotes/new/",
            {"text": "Matrix words", "speaker": "Lee Jae-gyu", "outlet": "O", "title": "T"},
        ),
        lambda w, u: u is not None and Quote.objects.filter(suggested_by=u).exists(),
        _fans_only(author=OK, other_fan=OK, moderator=OK, admin=OK),
    ),
    Case(
        "report a quote",
        lambda w: (f"/quotes/{w.quote.pk}/report/", {"reason": "misattributed"}),
        lambda w, u: u is not None and Report.objects.filter(reporter=u).exists(),
        _fans_only(author=OK, other_fan=OK, moderator=OK, admin=OK),
    ),
    Case(
        "report a fan's profile",
        lambda w: (f"/u/{w.victim.username}/report/", {"reason": "harassment"}),
        lambda w, u: (
            u is not None
            and Report.objects.filter(
                reporter=u,
                target_type=ContentType.objects.get_for_model(User),
                target_id=w.victim.pk,
            ).exists()
        ),
        _fans_only(author=OK, other_fan=OK, moderator=OK, admin=OK),
    ),
    Case(
        "change one's password",
        lambda w: (
            "/accounts/password_change/",
            {
                "old_password": PASSWORD,
                "new_password1": "x-Matrix-42-y",
                "new_password2": "x-Matrix-42-y",
            },
        ),
        lambda w, u: u is not None and User.objects.get(pk=u.pk).check_password("x-Matrix-42-y"),
        _fans_only(author=OK, other_fan=OK, moderator=OK, admin=OK),
    ),
    Case(
        "approve a theory in the queue",
        lambda w: ("/admin/moderation/", {"one": f"approve:theory:{w.pending.pk}"}),
        lambda w, u: Theory.objects.filter(
            pk=w.pending.pk, status=ContentStatus.PUBLISHED
        ).exists(),
        _staff_only(
            moderator=OK,
            admin=OK,
        ),
    ),
    Case(
        "hide a theory from the admin list",
        lambda w: (
            "/admin/theories/theory/",
            {"action": "hide", "_selected_action": [w.theory.pk], "apply": "1", "reason": "spam"},
        ),
        lambda w, u: Theory.objects.filter(pk=w.theory.pk, status=ContentStatus.HIDDEN).exists(),
        _staff_only(
            moderator=OK,
            admin=OK,
        ),
    ),
    Case(
        "rewrite a fan's theory in the admin",
        lambda w: (
            f"/admin/theories/theory/{w.theory.pk}/change/",
            {
                "title": "Rewritten in the admin",
                "body": "New words",
                "language": "en",
                "status": "published",
                "citations-TOTAL_FORMS": "0",
                "citations-INITIAL_FORMS": "0",
                "revisions-TOTAL_FORMS": "0",
                "revisions-INITIAL_FORMS": "0",
            },
        ),
        lambda w, u: Theory.objects.filter(pk=w.theory.pk, title="Rewritten in the admin").exists(),
        _staff_only(
            moderator=REFUSED,
            admin=OK,
        ),
    ),
    Case(
        "suspend a fan",
        lambda w: (
            "/admin/accounts/user/",
            {
                "action": "suspend_fans",
                "_selected_action": [w.victim.pk],
                "apply": "1",
                "reason": "Matrix",
            },
        ),
        lambda w, u: User.objects.get(pk=w.victim.pk).is_suspended,
        _staff_only(
            moderator=OK,
            admin=OK,
        ),
    ),
    Case(
        "add an episode",
        lambda w: ("/admin/episodes/episode/add/", {"season": "2", "number": "9", "title": "M"}),
        lambda w, u: Episode.objects.filter(season=2, number=9).exists(),
        _staff_only(moderator=OK, admin=OK),
    ),
    Case(
        "mark an episode aired",
        lambda w: (
            "/admin/episodes/episode/",
            {"action": "mark_aired", "_selected_action": [w.episode.pk]},
        ),
        lambda w, u: Episode.objects.filter(pk=w.episode.pk, aired_at__isnull=False).exists(),
        _staff_only(moderator=OK, admin=OK),
    ),
    Case(
        "give a verdict",
        lambda w: (
            "/admin/verdicts/verdict/add/",
            {
                "theory": w.theory.pk,
                "outcome": "confirmed",
                "episode": w.aired.pk,
                "explanation": "Shown in the finale.",
            },
        ),
        lambda w, u: Verdict.objects.filter(theory=w.theory).exists(),
        _staff_only(moderator=OK, admin=OK),
    ),
    Case(
        "edit a character",
        lambda w: (
            f"/admin/characters/character/{w.character.pk}/change/",
            {
                "name": "Renamed",
                "slug": w.character.slug,
                "role": "student",
                "status": "human",
                "relationships_out-TOTAL_FORMS": "0",
                "relationships_out-INITIAL_FORMS": "0",
                "relationships_in-TOTAL_FORMS": "0",
                "relationships_in-INITIAL_FORMS": "0",
            },
        ),
        lambda w, u: Character.objects.filter(pk=w.character.pk, name="Renamed").exists(),
        _staff_only(
            moderator=FORBIDDEN,
            admin=OK,
        ),
    ),
]


@pytest.fixture
def world(db: None) -> World:
    users = {
        "author": UserFactory(username="author"),
        "other_fan": UserFactory(username="other_fan"),
        "suspended": UserFactory(username="suspended"),
        "bare_staff": UserFactory(username="bare_staff", is_staff=True),
        "moderator": ModeratorFactory(username="moderator"),
        "admin": UserFactory(username="admin", is_staff=True, is_superuser=True),
    }
    theory = TheoryFactory(author=users["author"], title="The author's own theory")
    return World(
        users=users,
        theory=theory,
        comment=Comment.objects.create(
            theory=theory, author=users["author"], body="Author's words"
        ),
        pending=TheoryFactory(title="A theory waiting", status=ContentStatus.PENDING),
        quote=QuoteFactory(),
        character=CharacterFactory(),
        victim=UserFactory(username="victim"),
        episode=EpisodeFactory(season=2, number=1),
        aired=AiredEpisodeFactory(season=1, number=12),
    )


def _client_for(actor: str, world: World) -> tuple[Client, User | None]:
    client = Client()
    if actor == "anonymous":
        return client, None
    user = world.users[actor]
    client.force_login(user)
    if actor == "suspended":
        suspend(users=[user], moderator=world.users["moderator"], until=None, reason="Matrix")
    return client, user


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_actor_gets_exactly_the_expected_response(
    case: Case, actor: str, world: World
) -> None:
    client, user = _client_for(actor, world)
    url, data = case.request(world)

    response = client.post(url, data)

    expected = case.expected[actor]
    happened = case.happened(world, user)
    location = response.get("Location", "")
    if expected == OK:
        assert response.status_code in (200, 302), response.status_code
        assert happened, f"{actor} should be able to {case.name}"
        return
    assert not happened, f"UNAUTHORISED: {actor} managed to {case.name}"
    if expected == LOGIN:
        assert response.status_code == 302
        assert location.startswith("/accounts/login/"), location
    elif expected == ADMIN_LOGIN:
        assert response.status_code == 302
        assert location.startswith("/admin/login/"), location
    elif expected == FORBIDDEN:
        assert response.status_code == 403
    elif expected == REFUSED:
        assert response.status_code in (200, 302)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_no_write_happens_without_the_csrf_token(case: Case, world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    admin = world.users["admin"]
    client.force_login(admin)
    url, data = case.request(world)

    response = client.post(url, data)

    assert response.status_code == 403
    assert not case.happened(world, admin), f"{case.name} happened without a CSRF token"
