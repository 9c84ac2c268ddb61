from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from aouad_site.settings import env_bool, env_int, env_list, env_str
from tests.aouad_site.helpers import PRODUCTION_ENV, manage


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off(tmp_path: Path) -> None:
    result = manage(
        "check", env={"DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "x"}, tmp_path=tmp_path
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


def test_it_refuses_to_start_without_allowed_hosts_when_debug_is_off(tmp_path: Path) -> None:
    env = {**PRODUCTION_ENV, "DJANGO_ALLOWED_HOSTS": ""}
    result = manage("check", env=env, tmp_path=tmp_path)

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must be set" in result.stderr


def test_check_deploy_reports_zero_issues_in_production_mode(tmp_path: Path) -> None:
    result = manage(
        "check", "--deploy", "--fail-level", "DEBUG", env=PRODUCTION_ENV, tmp_path=tmp_path
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_is_not_clean_in_development_mode(tmp_path: Path) -> None:
    # Negative control: the deploy check above can fail.
    result = manage("check", "--deploy", env={}, tmp_path=tmp_path)

    assert "security.W018" in result.stdout + result.stderr  # DEBUG on


def test_sqlite_is_tuned_for_concurrent_writers(tmp_path: Path) -> None:
    code = (
        "from django.db import connection;"
        "c = connection.cursor();"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0],"
        " c.execute('PRAGMA synchronous').fetchone()[0],"
        " c.execute('PRAGMA busy_timeout').fetchone()[0],"
        " connection.transaction_mode)"
    )
    result = manage("shell", "--no-imports", "-c", code, env={}, tmp_path=tmp_path)
    production = manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV, tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "1", "5000", "IMMEDIATE"]  # NORMAL in development
    # FULL in production: every commit reaches the disk before the answer.
    assert production.stdout.split() == ["wal", "2", "5000", "IMMEDIATE"], production.stderr


def test_database_url_and_redis_url_select_postgresql_and_redis(tmp_path: Path) -> None:
    code = (
        "from django.conf import settings;"
        "db = settings.DATABASES['default'];"
        "print(db['ENGINE'], db['NAME'], db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'],"
        " settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE)"
    )
    env = {
        "DATABASE_URL": "postgres://u@127.0.0.1:5432/aouad",
        "REDIS_URL": "redis://127.0.0.1:6379/3",
    }
    result = manage("shell", "--no-imports", "-c", code, env=env, tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "aouad",
        "60",
        "True",
        "django_redis.cache.RedisCache",
        "django.contrib.sessions.backends.cached_db",
    ]


def test_every_configuration_runs_the_same_sessions_and_only_development_keeps_memory(
    tmp_path: Path,
) -> None:
    code = (
        "from django.conf import settings;"
        "print(settings.SESSION_ENGINE, settings.CACHES['default']['BACKEND'])"
    )
    production = {**PRODUCTION_ENV}
    redis = {"REDIS_URL": "redis://127.0.0.1:6379/3"}

    seen = {
        name: manage("shell", "--no-imports", "-c", code, env=env, tmp_path=tmp_path).stdout
        for name, env in (
            ("development", {}),
            ("redis", redis),
            ("production", production),
            ("production with redis", {**production, **redis}),
        )
    }

    assert {text.split()[0] for text in seen.values()} == {
        "django.contrib.sessions.backends.cached_db"
    }
    assert seen["development"].split()[1] == "django.core.cache.backends.locmem.LocMemCache"
    assert seen["production"].split()[1] == ("django.core.cache.backends.filebased.FileBasedCache")
    assert (
        seen["redis"].split()[1]
        == seen["production with redis"].split()[1]
        == ("django_redis.cache.RedisCache")
    )


def test_env_helpers_fail_loudly_on_values_they_cannot_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AOUAD_FLAG", "maybe")
    monkeypatch.setenv("AOUAD_NUMBER", "ten")
    monkeypatch.delenv("AOUAD_MISSING", raising=False)

    with pytest.raises(ImproperlyConfigured, match="AOUAD_FLAG='maybe' is not a boolean"):
        env_bool("AOUAD_FLAG", False)
    with pytest.raises(ImproperlyConfigured, match="AOUAD_NUMBER='ten' is not a whole number"):
        env_int("AOUAD_NUMBER", 1)
    with pytest.raises(ImproperlyConfigured, match="AOUAD_MISSING must be set"):
        env_str("AOUAD_MISSING")


def test_env_helpers_read_what_they_are_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AOUAD_FLAG", "Off")
    monkeypatch.setenv("AOUAD_NUMBER", "42")
    monkeypatch.setenv("AOUAD_HOSTS", "a.example, b.example,")

    assert env_bool("AOUAD_FLAG", True) is False
    assert env_int("AOUAD_NUMBER", 1) == 42
    assert env_list("AOUAD_HOSTS", []) == ["a.example", "b.example"]
