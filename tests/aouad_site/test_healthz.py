from __future__ import annotations

import threading
import time
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client


@pytest.mark.django_db
def test_it_answers_200_when_the_database_answers(client: Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up", "cache": "up"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_it_answers_503_when_the_database_does_not(client: Client) -> None:
    with mock.patch(
        "aouad_site.views._database_answers", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down", "cache": "up"}


@pytest.mark.django_db
def test_it_refuses_writes(client: Client) -> None:
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_a_frozen_database_is_reported_within_its_deadline(client: Client) -> None:
    """A stopped (not dead) database accepts the connection and never answers."""
    frozen = threading.Event()

    def hang() -> bool:
        frozen.wait(5)
        return True

    with mock.patch("aouad_site.views._database_answers", side_effect=hang):
        started = time.monotonic()
        response = client.get("/healthz")
        took = time.monotonic() - started
        frozen.set()  # thaw it, so the next check is not queued behind it

    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert took < 2.0


@pytest.mark.django_db
def test_a_page_answers_503_with_retry_after_while_the_database_is_unreachable(
    client: Client,
) -> None:
    with mock.patch(
        "theories.views.Theory.objects.published",
        side_effect=OperationalError("could not connect to server"),
    ):
        response = client.get("/theories/")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Back in a moment" in response.content.decode()
