from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import CommandError, call_command
from pytest_django import Settings

from accounts.models import User


def _all_rows() -> str:
    """Every row of every model, serialised in a stable order."""
    objects = []
    for model in apps.get_models():
        objects.extend(model._default_manager.order_by("pk"))
    return serializers.serialize("json", objects)


def _load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def debug_on(settings: Settings) -> None:
    settings.DEBUG = True


@pytest.mark.django_db
@pytest.mark.usefixtures("debug_on")
def test_it_creates_a_demo_admin_and_a_demo_fan_and_says_how_to_sign_in() -> None:
    output = _load_demo()

    admin = User.objects.get(username="admin")
    fan = User.objects.get(username="onjo_fan")
    assert admin.is_superuser
    assert admin.is_staff
    assert admin.check_password("zombie-school-admin")
    assert not fan.is_staff
    assert not fan.is_superuser
    assert fan.check_password("hyosan-high-2022")
    assert "username 'admin', password 'zombie-school-admin'" in output
    assert "username 'onjo_fan', password 'hyosan-high-2022'" in output


@pytest.mark.django_db
@pytest.mark.usefixtures("debug_on")
def test_a_second_run_changes_nothing_and_duplicates_nothing() -> None:
    _load_demo()
    before = _all_rows()

    _load_demo()

    assert _all_rows() == before


@pytest.mark.django_db
@pytest.mark.usefixtures("debug_on")
def test_it_does_not_overwrite_a_changed_demo_password() -> None:
    _load_demo()
    admin = User.objects.get(username="admin")
    admin.set_password("a-private-password-now")
    admin.save()

    output = _load_demo()

    admin.refresh_from_db()
    assert admin.check_password("a-private-password-now")
    assert "admin: exists with a changed password" in output


@pytest.mark.django_db
def test_it_refuses_to_run_with_debug_off(settings: Settings) -> None:
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        _load_demo()

    assert not User.objects.exists()
