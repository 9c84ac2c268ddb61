from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import User


@pytest.mark.django_db
def test_404_page_is_in_the_site_style(client: Client) -> None:
    response = client.get("/nowhere/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "This page has turned" in html
    assert 'aria-label="Main"' in html  # the site's navigation is there
    assert 'href="#main"' in html  # and its skip link


@pytest.mark.django_db
@pytest.mark.urls("tests.aouad_site.boom_urls")
def test_500_page_is_in_the_site_style() -> None:
    client = Client(raise_request_exception=False)

    response = client.get("/boom/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Something broke on our side" in html
    assert "/static/css/site.css" in html
    assert "<script" not in html  # rendered without a request, so no nonce to give


@pytest.mark.django_db
def test_csrf_failure_page_explains_and_keeps_the_layout(author: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(author)

    response = client.post("/accounts/logout/")

    assert response.status_code == 403
    html = response.content.decode()
    assert "That form had expired" in html
    assert "author" in html  # the signed-in header is still there
    assert "_auth_user_id" in client.session  # and nothing happened


@pytest.mark.django_db
@pytest.mark.urls("tests.aouad_site.boom_urls")
def test_403_page_is_in_the_site_style(author_client: Client) -> None:
    response = author_client.get("/forbidden/")

    assert response.status_code == 403
    html = response.content.decode()
    assert "You can't do that here" in html
    assert 'aria-label="Main"' in html
