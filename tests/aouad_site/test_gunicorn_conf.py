"""The production server's settings file (aouad_site/gunicorn.conf.py)."""

from __future__ import annotations

import gc
import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections

from aouad_site import pagecache
from theories import search


@pytest.mark.django_db(transaction=True)
def test_before_forking_a_release_outdates_the_shared_copies_and_freezes_the_app() -> None:
    conf = runpy.run_path(str(Path(settings.BASE_DIR) / "aouad_site" / "gunicorn.conf.py"))
    assert conf["preload_app"] is True
    pages, results = pagecache.content_version(), pagecache.content_version(search.VERSION_KEY)
    connection.ensure_connection()  # as the master's would be, had it read anything
    try:
        conf["when_ready"](None)
        assert gc.get_freeze_count() > 0
        # The workers fork from here: none may inherit a database connection.
        assert all(c.connection is None for c in connections.all(initialized_only=True))
    finally:
        gc.unfreeze()

    assert pagecache.content_version() != pages
    assert pagecache.content_version(search.VERSION_KEY) != results
