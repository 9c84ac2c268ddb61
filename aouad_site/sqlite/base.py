"""Django's SQLite backend, with writers queued on a lock file instead of SQLite's sleeps.

SQLite lets one writer in at a time. A second `BEGIN IMMEDIATE` waits in SQLite's busy
handler, which polls by sleeping 1, 2, 5, 10, … up to 100 ms between tries: under a storm of
votes most waiters sleep long after the lock came free, so throughput collapses and the slowest
votes take half a second. Here every transaction first takes an exclusive `flock` on a lock
file beside the database, trying again every half millisecond, so the write lock is hardly ever
idle while someone waits for it. (A blocking `flock`, which the kernel hands straight to the
next waiter, cannot time out; with five processes and 1 ms of work between transactions it
measured the same throughput as this poll.) A writer that cannot get the lock within
`SQLITE_WRITE_TIMEOUT` seconds fails with "database is locked", as SQLite's own timeout does,
which the site answers with a 503 (aouad_site/outages.py).

Only transactions (`atomic` blocks, which start with BEGIN IMMEDIATE here) queue this way.
A lone statement outside one (Django's session save, a management command) still meets
SQLite's own lock and busy timeout, so correctness never depends on this file; it is a
scheduler, not the lock. Django has no hook for this, hence the subclass; everything else is
the stock backend. In-memory databases have nothing to share and take no lock.

A test that writes from a second connection needs `django_db(transaction=True)`: the plain
`db` fixture keeps a transaction, and so the lock, open throughout.
"""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import suppress
from typing import Any

from django.conf import settings
from django.db import OperationalError
from django.db.backends.sqlite3 import base, creation

POLL_SECONDS = 0.0005


class DatabaseCreation(creation.DatabaseCreation):
    def _destroy_test_db(self, test_database_name: str, verbosity: int) -> None:
        super()._destroy_test_db(test_database_name, verbosity)
        if not self.is_in_memory_db(test_database_name):
            with suppress(FileNotFoundError):
                os.remove(_lock_path(test_database_name))


def _lock_path(database_name: object) -> str:
    return f"{database_name}-writer.lock"


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._writer_fd: int | None = None
        self._writer_pid = 0
        self._writer_locked = False

    def _start_transaction_under_autocommit(self) -> None:
        self._take_writer_lock()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_writer_lock()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()
        finally:
            self._release_writer_lock()

    def _rollback(self) -> None:
        try:
            super()._rollback()
        finally:
            self._release_writer_lock()

    def _close(self) -> None:
        try:
            super()._close()
        finally:
            self._release_writer_lock()
            if self._writer_fd is not None:
                os.close(self._writer_fd)
                self._writer_fd = None

    def _take_writer_lock(self) -> None:
        if self._writer_locked or self.is_in_memory_db():
            return
        if self._writer_fd is None or self._writer_pid != os.getpid():
            # Per process: a descriptor inherited across fork (gunicorn preloads the app)
            # would be one lock shared by parent and children, excluding nobody.
            path = _lock_path(self.settings_dict["NAME"])
            self._writer_fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            self._writer_pid = os.getpid()
        deadline = time.monotonic() + settings.SQLITE_WRITE_TIMEOUT
        while True:
            try:
                fcntl.flock(self._writer_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise OperationalError("database is locked") from None
                time.sleep(POLL_SECONDS)
        self._writer_locked = True

    def _release_writer_lock(self) -> None:
        if self._writer_locked:
            self._writer_locked = False
            fcntl.flock(self._writer_fd, fcntl.LOCK_UN)
