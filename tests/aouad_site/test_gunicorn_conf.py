"""The production server's settings file (aouad_site/gunicorn.conf.py)."""

from __future__ import annotations

import gc
import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections


@pytest.mark.django_db(transaction=True)
def test_before_forking_the_app_is_frozen_and_no_connection_is_inherited() -> None:
    conf = runpy.run_path(str(Path(settings.BASE_DIR) / "aouad_site" / "gunicorn.conf.py"))
    assert conf["preload_app"] is True
    connection.ensure_connection()  # as the master's would be, had it read anything
    try:
        conf["when_ready"](None)
        assert gc.get_freeze_count() > 0
        # The workers fork from here: none may inherit a database connection.
        assert all(c.connection is None for c in connections.all(initialized_only=True))
    finally:
        gc.unfreeze()
