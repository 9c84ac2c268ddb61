from __future__ import annotations

import re

import pytest
from django.test import Client

from accounts.models import User
from aouad_site.templatetags.times import machine_time


@pytest.mark.django_db
def test_a_fans_profile_shows_their_name_and_join_date(client: Client, author: User) -> None:
    response = client.get("/u/author/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>author</h1>" in html
    assert f'datetime="{machine_time(author.date_joined)}"' in html
    assert not re.search(r'datetime="[^"]*\.\d{4,}', html)  # at most three fraction digits


@pytest.mark.django_db
def test_an_unknown_or_deactivated_fan_is_not_found(client: Client, author: User) -> None:
    author.is_active = False
    author.save()

    assert client.get("/u/author/").status_code == 404
    assert client.get("/u/nobody/").status_code == 404
