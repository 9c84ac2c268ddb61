"""On SQLite, transactions queue on a lock file the kernel hands over (aouad_site/sqlite)."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator

import pytest
from django.db import OperationalError, connection, transaction

from tests.theories.factories import TheoryFactory
from theories.models import Theory

pytestmark = [
    pytest.mark.django_db(transaction=True),  # no transaction around the test itself
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the lock is SQLite's backend's"),
]


@pytest.fixture
def lock_file() -> Iterator[int]:
    fd = os.open(f"{connection.settings_dict['NAME']}-writer.lock", os.O_RDWR | os.O_CREAT)
    yield fd
    os.close(fd)


def _is_free(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    fcntl.flock(fd, fcntl.LOCK_UN)
    return True


def test_a_transaction_holds_the_lock_until_it_commits(lock_file: int) -> None:
    with transaction.atomic():
        TheoryFactory()
        assert not _is_free(lock_file)

    assert _is_free(lock_file)
    assert Theory.objects.count() == 1


def test_a_transaction_that_fails_releases_the_lock(lock_file: int) -> None:
    def fail_midway() -> None:
        with transaction.atomic():
            TheoryFactory()
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        fail_midway()

    assert _is_free(lock_file)
    assert Theory.objects.count() == 0


def test_closing_the_connection_mid_transaction_releases_the_lock(lock_file: int) -> None:
    connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    assert not _is_free(lock_file)

    connection.close()

    assert _is_free(lock_file)


def test_a_second_writer_waits_for_the_first_and_then_goes_ahead() -> None:
    events: list[tuple[str, float]] = []
    first_inside = threading.Event()

    def first() -> None:
        with transaction.atomic():
            TheoryFactory(title="First writer")
            first_inside.set()
            time.sleep(0.3)
            events.append(("first commits", time.monotonic()))
        connection.close()

    def second() -> None:
        first_inside.wait(timeout=10)
        with transaction.atomic():
            events.append(("second begins", time.monotonic()))
            TheoryFactory(title="Second writer")
        connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert [name for name, _ in sorted(events, key=lambda e: e[1])] == [
        "first commits",
        "second begins",
    ]
    assert sorted(Theory.objects.values_list("title", flat=True)) == [
        "First writer",
        "Second writer",
    ]


def test_a_writer_gives_up_after_the_write_timeout(lock_file: int, settings) -> None:
    settings.SQLITE_WRITE_TIMEOUT = 1
    fcntl.flock(lock_file, fcntl.LOCK_EX)  # another process's transaction that never ends
    started = time.monotonic()
    try:
        with pytest.raises(OperationalError, match="database is locked"), transaction.atomic():
            TheoryFactory()
    finally:
        fcntl.flock(lock_file, fcntl.LOCK_UN)

    assert 1 <= time.monotonic() - started < 2
    with transaction.atomic():  # and the next one goes ahead
        TheoryFactory()
    assert Theory.objects.count() == 1
