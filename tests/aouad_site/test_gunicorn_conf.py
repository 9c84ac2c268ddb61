"""The production server's settings file (aouad_site/gunicorn.conf.py)."""

from __future__ import annotations

import gc
import runpy
from pathlib import Path

from django.conf import settings


def test_workers_fork_with_the_preloaded_app_hidden_from_the_collector() -> None:
    conf = runpy.run_path(str(Path(settings.BASE_DIR) / "aouad_site" / "gunicorn.conf.py"))
    assert conf["preload_app"] is True
    try:
        conf["pre_fork"](None, None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
