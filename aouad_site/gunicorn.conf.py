"""Gunicorn settings for production: `gunicorn -c aouad_site/gunicorn.conf.py aouad_site.wsgi`."""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# The classic rule for sync workers: two per core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server: object) -> None:  # gunicorn calls it once, before forking the workers
    from django.db import connections

    # No database connection may be inherited by the workers.
    connections.close_all()
    # Everything the app loaded before forking (preload_app) lives as long as the workers:
    # moved out of the collector's sight, a full collection in a worker no longer walks it
    # (those collections paused a worker for 50–150 ms), and the pages stay shared with the
    # master instead of being copied when the collector touches them.
    gc.freeze()
