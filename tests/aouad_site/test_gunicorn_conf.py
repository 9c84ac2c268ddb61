"""The production server's settings file (aouad_site/gunicorn.conf.py)."""

from __future__ import annotations

import gc
import runpy
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.db import connection, connections


def _conf(monkeypatch: pytest.MonkeyPatch, metrics_dir: Path) -> dict[str, Any]:
    # Set here so that reading the file leaves this process's environment as it was.
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(metrics_dir))
    monkeypatch.setenv("DATABASE_STATEMENT_TIMEOUT_MS", "0")
    return runpy.run_path(str(Path(settings.BASE_DIR) / "aouad_site" / "gunicorn.conf.py"))


@pytest.mark.django_db(transaction=True)
def test_before_forking_the_app_is_frozen_and_no_connection_is_inherited(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    conf = _conf(monkeypatch, tmp_path / "metrics")
    assert conf["preload_app"] is True
    connection.ensure_connection()  # as the master's would be, had it read anything
    try:
        conf["when_ready"](None)
        assert gc.get_freeze_count() > 0
        # The workers fork from here: none may inherit a database connection.
        assert all(c.connection is None for c in connections.all(initialized_only=True))
    finally:
        gc.unfreeze()


def test_metrics_start_afresh_and_a_dead_worker_s_live_gauges_go(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    metrics_dir = tmp_path / "metrics"
    conf = _conf(monkeypatch, metrics_dir)
    assert metrics_dir.is_dir()  # before the app is loaded: prometheus-client opens files there
    (metrics_dir / "counter_111.db").write_bytes(b"from an earlier run")

    conf["on_starting"](None)

    assert list(metrics_dir.iterdir()) == []
    (metrics_dir / "counter_222.db").write_bytes(b"")
    (metrics_dir / "gauge_livesum_222.db").write_bytes(b"")
    conf["child_exit"](None, SimpleNamespace(pid=222))
    assert [path.name for path in metrics_dir.iterdir()] == ["counter_222.db"]


def test_the_app_logs_requests_and_gunicorn_s_access_log_is_off(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("GUNICORN_ACCESS_LOG", raising=False)

    assert _conf(monkeypatch, tmp_path)["accesslog"] is None
