"""Every page carries the strict CSP: scripts from our own origin only, none inline, no nonce
(so a cached page is the same bytes for every reader)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.test import Client

from accounts.models import User
from tests.aouad_site.helpers import PRODUCTION_ENV, manage

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
def test_every_page_has_a_strict_csp_and_no_inline_script(
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
    assert directives["script-src"] == ["'self'"]
    html = response.content.decode()
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.DOTALL)
    assert scripts
    for attributes, body in scripts:
        assert 'src="/static/' in attributes and not body.strip(), attributes
        assert "nonce" not in attributes


@pytest.mark.django_db
def test_pages_send_the_other_security_headers(client: Client) -> None:
    response = client.get("/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_htmx_is_served_locally_and_sends_the_csrf_token(author_client: Client) -> None:
    html = author_client.get("/").content.decode()

    assert re.search(r'<script src="/static/django_htmx/htmx-2\.min\.js" defer>', html)
    assert 'hx-headers=\'{"X-CSRFToken": "' in html
    # htmx would otherwise inject an inline <style> that the CSP refuses.
    assert '"includeIndicatorStyles": false' in html


@pytest.mark.django_db
def test_htmx_never_copies_a_style_attribute_across_a_swap(client: Client) -> None:
    html = client.get("/").content.decode()
    config = json.loads(re.search(r"<meta name=\"htmx-config\" content='([^']+)'>", html)[1])

    # By default htmx settles "style" too: a textarea the fan resized would be set back,
    # through an inline style the CSP refuses.
    assert "style" not in config["attributesToSettle"]
    assert "class" in config["attributesToSettle"]


def test_production_mode_pages_carry_the_same_strict_csp(tmp_path: Path) -> None:
    env = {**PRODUCTION_ENV, "DJANGO_STATIC_ROOT": str(tmp_path / "static")}
    for command in (("migrate", "--noinput"), ("collectstatic", "--noinput")):
        assert manage(*command, env=env, tmp_path=tmp_path).returncode == 0
    code = (
        "from django.test import Client\n"
        "client = Client(HTTP_HOST='aouad.example.com')\n"
        f"for path in {PAGES!r}:\n"
        "    response = client.get(path, secure=True)\n"
        "    print(path, response.status_code, response['Content-Security-Policy'])\n"
    )

    result = manage("shell", "--no-imports", "-c", code, env=env, tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == len(PAGES)
    for line in lines:
        _path, status, header = line.split(" ", 2)
        assert status in ("200", "404"), line
        assert "script-src 'self';" in header and "object-src 'none'" in header, line
        assert "'nonce-" not in header, line
        assert "unsafe-inline" not in header and "unsafe-eval" not in header, line


@pytest.mark.django_db
def test_anonymous_pages_carry_no_csrf_token_so_they_can_be_shared(client: Client) -> None:
    response = client.get("/")

    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "X-CSRFToken" not in response.content.decode()
    assert "csrftoken" not in response.cookies
