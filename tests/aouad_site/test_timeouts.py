"""Every wait inside a request is bounded, each bound below the one outside it: the database
and its locks (5 s) < gunicorn's worker timeout (10 s) < the proxy's (15 s)."""

from __future__ import annotations

import re
import runpy
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from aouad_site.uploads import _FORM_ROOM
from tests.aouad_site.helpers import manage

NGINX_CONF = (Path(settings.BASE_DIR) / "aouad_site" / "nginx.conf").read_text()


def _nginx_seconds(directive: str) -> int:
    return int(re.search(rf"^\s*{directive} (\d+)s;", NGINX_CONF, re.MULTILINE)[1])


def test_each_bound_sits_inside_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_STATEMENT_TIMEOUT_MS", raising=False)
    monkeypatch.delenv("GUNICORN_TIMEOUT", raising=False)
    conf = runpy.run_path(str(Path(settings.BASE_DIR) / "aouad_site" / "gunicorn.conf.py"))
    statement_seconds = int(conf["os"].environ["DATABASE_STATEMENT_TIMEOUT_MS"]) / 1000

    assert max(statement_seconds, settings.SQLITE_WRITE_TIMEOUT) < conf["timeout"]
    assert conf["timeout"] < _nginx_seconds("proxy_read_timeout")
    assert settings.DATABASES["default"].get("OPTIONS", {}).get("connect_timeout", 0) < 5
    # The proxy refuses what the app would refuse, before reading it.
    limit = int(re.search(r"client_max_body_size (\d+);", NGINX_CONF)[1])
    assert limit == settings.IMAGE_MAX_UPLOAD_BYTES + _FORM_ROOM


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statement_timeout")
def test_a_postgresql_statement_gives_up_after_the_statement_timeout(tmp_path: Path) -> None:
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    code = (
        "from django.db import connection\n"
        "try:\n"
        "    connection.cursor().execute('SELECT pg_sleep(5)')\n"
        "except Exception as error:\n"
        "    print(type(error).__name__, error)\n"
    )
    started = time.monotonic()
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        env={"DATABASE_URL": url, "DATABASE_STATEMENT_TIMEOUT_MS": "300"},
        tmp_path=tmp_path,
    )

    assert "OperationalError canceling statement due to statement timeout" in result.stdout
    assert time.monotonic() - started < 4
