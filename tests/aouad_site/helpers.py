"""Run manage.py in a child process with a chosen environment (settings are read at import)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

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
