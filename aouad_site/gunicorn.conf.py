"""Gunicorn settings for production: `gunicorn -c aouad_site/gunicorn.conf.py aouad_site.wsgi`."""

import gc
import multiprocessing
import os
import tempfile
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# The classic rule for sync workers: two per core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A request that overruns is ended here: above every wait inside the app (a database statement
# or write lock 5 s, the cache 0.25 s), below the proxy's 15 s (aouad_site/nginx.conf).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "10"))
# Requests, unlike manage.py commands, give up on a PostgreSQL statement after 5 s.
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT_MS", "5000")
preload_app = True
# The app logs every request itself, with its id (LOG_REQUESTS); "-" adds gunicorn's lines.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Every worker writes its metrics to files here and a scrape adds them up (aouad_site/metrics.py).
# prometheus-client reads the variable when it is imported, so before the app is preloaded; it
# also opens its files then, so the folder must already exist.
metrics_dir = Path(
    os.environ.setdefault(
        "PROMETHEUS_MULTIPROC_DIR",
        str(Path(tempfile.gettempdir()) / f"aouad-metrics-{os.getpid()}"),
    )
)
metrics_dir.mkdir(parents=True, exist_ok=True)


def on_starting(server: object) -> None:  # gunicorn calls it once, before forking the workers
    # Samples left by an earlier run would be added to this one's; the workers open their own
    # files when they first count (their process id names them).
    for stale in metrics_dir.glob("*.db"):
        stale.unlink()


def child_exit(server: object, worker: object) -> None:  # in the master, once a worker ended
    # Imported here, once the environment names the folder (above), not when gunicorn loads this.
    from prometheus_client import multiprocess

    # Its counters and histograms stay counted; its live gauges go.
    multiprocess.mark_process_dead(worker.pid)  # type: ignore[attr-defined]


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
