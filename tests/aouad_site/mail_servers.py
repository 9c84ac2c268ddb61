"""Mail servers that misbehave, the production task backend, and the worker's loop."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django_tasks_db.management.commands.db_worker import Worker

QUEUED_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Short, so a test waits half a second on a silent server instead of EMAIL_TIMEOUT.
SMTP_TIMEOUT = 0.5


def smtp_mailers(port: int) -> dict[str, Any]:
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": "127.0.0.1",
                "port": port,
                "use_tls": False,
                "timeout": SMTP_TIMEOUT,
            },
        }
    }


@contextmanager
def silent_mail_server() -> Iterator[int]:
    """A mail server that accepts connections and never says a word, as a frozen one does.
    Yields its port."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()


def closed_port() -> int:
    """A port nothing listens on: connecting is refused at once, as with a dead mail server."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


def run_queued_tasks() -> None:
    """What `manage.py db_worker --batch` does (without its signal handlers): run every task
    that is due, then return."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()
