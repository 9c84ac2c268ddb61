"""The sign-in backend looks fans up like Django's ModelBackend, from a statement built once."""

from __future__ import annotations

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.backends import ModelBackend
from tests.accounts.factories import PASSWORD, UserFactory


@pytest.mark.django_db
def test_get_user_gives_what_djangos_backend_gives() -> None:
    fan = UserFactory(is_staff=True, watched_season=1, watched_episode=4)
    fields = [field.attname for field in type(fan)._meta.concrete_fields]

    ours = ModelBackend().get_user(fan.pk)
    django = DjangoModelBackend().get_user(fan.pk)

    assert ours == django
    assert {f: getattr(ours, f) for f in fields} == {f: getattr(django, f) for f in fields}
    assert ours.date_joined.tzinfo is not None
    assert ours.is_staff is True


@pytest.mark.django_db
def test_get_user_is_one_query_and_finds_nobody_missing_or_inactive() -> None:
    fan = UserFactory()
    inactive = UserFactory(is_active=False)

    with CaptureQueriesContext(connection) as queries:
        ModelBackend().get_user(fan.pk)
    assert len(queries) == 1
    assert ModelBackend().get_user(inactive.pk) is None
    assert ModelBackend().get_user(fan.pk + inactive.pk + 1000) is None


@pytest.mark.django_db
def test_a_fan_signed_in_through_the_form_stays_signed_in(client: Client) -> None:
    fan = UserFactory(username="minji")

    client.post("/accounts/login/", {"username": "minji", "password": PASSWORD})
    response = client.get("/notifications/")

    assert response.status_code == 200
    assert response.wsgi_request.user == fan
    assert client.session[BACKEND_SESSION_KEY] == "accounts.backends.ModelBackend"
