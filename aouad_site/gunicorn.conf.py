"""Gunicorn settings for production: `gunicorn -c aouad_site/gunicorn.conf.py aouad_site.wsgi`."""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# The classic rule for sync workers: two per core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A request that overruns is ended here: above every wait inside the app (a database statement
# or write lock 5 s, the cache 0.25 s), below the proxy's 15 s (aouad_site/nginx.conf).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "10"))
# Requests, unlike manage.py commands, give up on a PostgreSQL statement after 5 s.
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT_MS", "5000")
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


def worker_abort(worker: object) -> None:  # gunicorn calls it in a worker past its timeout
    # End the worker at once: left to itself it would answer a generic 500 first. With the
    # connection closed instead, the proxy answers its 503 "back in a moment" page.
    os._exit(1)
