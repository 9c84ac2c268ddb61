"""Every route with an id answers a too-large id with a 404 (or the admin's "no such item"),
never a 500: `POST /theories/9223372036854775808/vote/` once overflowed the database's integer."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RoutePattern

from accounts.models import User
from aouad_site.converters import MAX_ID

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
# Parameters the admin (and anything else) takes as an object's id without an int converter.
ID_NAME = re.compile(r"pk|id|.+_id")
TOO_LARGE = (2**63, 2**64)
FILLERS = {"slug": "no-such-slug", "uslug": "no-such-slug", "str": "nobody", "path": "nothing"}
# A valid-looking submission for any of the forms, so each view gets as far as its lookup.
FORM = {"value": "1", "reason": "spam", "body": "Fine words.", "title": "A title", "estimate": "50"}


def _routes(patterns: Iterable[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for entry in patterns:
        if isinstance(entry.pattern, LocalePrefixPattern):  # the pages: the English ones
            yield from _routes(entry.url_patterns, prefix)
            continue
        if not isinstance(entry.pattern, RoutePattern):
            continue  # regular expressions: /media/ and the admin's app index, no ids
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, route)
        else:
            yield route


def _is_id(match: re.Match[str]) -> bool:
    return match["converter"] in ("int", "id") or ID_NAME.fullmatch(match["name"]) is not None


def _id_routes() -> list[str]:
    return sorted(
        {r for r in _routes(get_resolver().url_patterns) if any(map(_is_id, PARAMETER.finditer(r)))}
    )


def _url(route: str, number: int) -> str:
    def fill(match: re.Match[str]) -> str:
        return str(number) if _is_id(match) else FILLERS[match["converter"] or "str"]

    return "/" + PARAMETER.sub(fill, route)


def test_every_integer_route_uses_the_bounded_id_converter() -> None:
    routes = list(_routes(get_resolver().url_patterns))

    assert "theories/<id:pk>/vote/" in routes
    assert [route for route in routes if "<int:" in route] == []


def test_the_walk_reaches_every_kind_of_id_route() -> None:
    routes = _id_routes()

    for expected in (
        "theories/<id:pk>/vote/",
        "theories/<id:pk>/<uslug:slug>/",
        "quotes/<id:pk>/report/",
        "comments/<id:pk>/edit/",
        "admin/accounts/user/<path:object_id>/change/",
    ):
        assert expected in routes


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ["author", "superuser"])
def test_no_route_answers_a_too_large_id_with_a_server_error(
    request: pytest.FixtureRequest, actor: str
) -> None:
    client = Client(raise_request_exception=False)
    user: User = request.getfixturevalue(actor)
    client.force_login(user)

    errors = []
    for route in _id_routes():
        if route.startswith("admin/") and not user.is_staff:
            continue  # the admin sends fans to its sign-in page before any lookup
        site_route = not route.startswith("admin/")
        for number in (*TOO_LARGE, MAX_ID) if site_route else TOO_LARGE:
            url = _url(route, number)
            for method in (client.get, client.post):
                status = method(url, FORM if method == client.post else None).status_code
                if status >= 500 or (site_route and number > MAX_ID and status != 404):
                    errors.append(f"{method.__name__.upper()} {url} → {status}")

    assert not errors, "\n".join(errors)
