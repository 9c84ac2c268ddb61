"""Run manage.py in a child process with a chosen environment (settings are read at import)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection
from pytest_django import Settings

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "x7Qp-production-like-secret-for-tests-9f3kLm2vZr8TqW4nB6yHc1dJ0sA5uE",
    "DJANGO_ALLOWED_HOSTS": "aouad.example.com",
}


def manage(*args: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    child_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    child_env.setdefault("DJANGO_SQLITE_PATH", str(tmp_path / "child.sqlite3"))
    child_env.update(env)
    return subprocess.run(
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args],
        env=child_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def sharing_env(test_settings: Settings, cache_dir: Path) -> dict[str, str]:
    """The environment of a child process that serves this test's database and shares its
    cache (Redis when REDIS_URL is set, else a folder of files, which the test then uses too)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_",))}
    env.pop("DATABASE_URL", None)
    if not settings.CACHES["default"]["BACKEND"].startswith("django_redis"):
        env["DJANGO_CACHE_DIR"] = str(cache_dir)
        test_settings.CACHES = {
            **settings.CACHES,
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(cache_dir),
            },
        }
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        env["DJANGO_SQLITE_PATH"] = database["NAME"]
    else:
        env["DATABASE_URL"] = (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        )
    return env
