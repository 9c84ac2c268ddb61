"""Every page carries the strict CSP, and every script on it carries that response's nonce."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from accounts.models import User

PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password_reset/",
    "/u/author/",
    "/theories/",
    "/characters/",
    "/quotes/",
    "/search/",
    "/no-such-page/",
    "/admin/login/",
]


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {part[0]: part[1:] for part in parts}


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_strict_csp_and_nonced_scripts(
    client: Client, author: User, path: str
) -> None:
    response = client.get(path)

    assert response.status_code in (200, 404)
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    directives = _directives(header)
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    nonce = next(v for v in directives["script-src"] if v.startswith("'nonce-"))[7:-1]
    html = response.content.decode()
    for script in re.findall(r"<script\b[^>]*>", html):
        assert f'nonce="{nonce}"' in script, script


@pytest.mark.django_db
def test_the_nonce_differs_between_responses(client: Client) -> None:
    first = client.get("/")["Content-Security-Policy"]
    second = client.get("/")["Content-Security-Policy"]

    assert first != second


@pytest.mark.django_db
def test_pages_send_the_other_security_headers(client: Client) -> None:
    response = client.get("/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_htmx_is_served_locally_and_sends_the_csrf_token(client: Client) -> None:
    html = client.get("/").content.decode()

    assert re.search(r'<script src="/static/django_htmx/htmx-2\.min\.js" defer nonce=', html)
    assert 'hx-headers=\'{"X-CSRFToken": "' in html
    # htmx would otherwise inject an inline <style> that the CSP refuses.
    assert '"includeIndicatorStyles": false' in html
