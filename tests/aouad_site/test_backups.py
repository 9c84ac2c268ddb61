"""Backups taken while fans vote restore into a fresh database table for table, row for row;
a restore never overwrites a database in use, brings the media back and clears the caches.

Runs on the suite's database: SQLite by default, PostgreSQL when DATABASE_URL is set (the
restore then goes into a database of its own, created and dropped here).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import close_old_connections, connection, transaction
from django.test import Client
from pytest_django import Settings

from aouad_site.backups import read_manifest, summarize, take_backup
from tests.accounts.factories import UserFactory
from tests.aouad_site.helpers import manage, sharing_env
from tests.theories.factories import TheoryFactory
from theories.models import Theory
from theories.services import cast_vote

pytestmark = pytest.mark.django_db(transaction=True)

PORTRAIT = b"RIFF\x00\x00\x00\x00WEBPVP8 portrait bytes"


@dataclass(frozen=True)
class FreshDatabase:
    env: dict[str, str]  # what a child `manage.py` needs to use it
    vendor: str
    name: str

    def connect(self) -> closing[sqlite3.Connection] | psycopg.Connection:
        if self.vendor == "sqlite":
            return closing(sqlite3.connect(self.name))
        database = connection.settings_dict
        return psycopg.connect(
            host=database["HOST"], port=database["PORT"], user=database["USER"], dbname=self.name
        )


def _server() -> psycopg.Connection:
    database = connection.settings_dict
    return psycopg.connect(
        host=database["HOST"],
        port=database["PORT"],
        user=database["USER"],
        dbname="postgres",
        autocommit=True,
    )


@pytest.fixture
def fresh_database(tmp_path: Path) -> Iterator[FreshDatabase]:
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield FreshDatabase({"DJANGO_SQLITE_PATH": str(path)}, "sqlite", str(path))
        return
    database = connection.settings_dict
    name = f"{database['NAME']}_restored"
    with _server() as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.execute(f'CREATE DATABASE "{name}"')
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{name}"
    try:
        yield FreshDatabase({"DATABASE_URL": url}, "postgresql", name)
    finally:
        with _server() as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def backup_dir(settings: Settings, tmp_path: Path) -> Path:
    settings.BACKUP_DIR = tmp_path / "backups"
    return settings.BACKUP_DIR


@pytest.fixture
def portrait(media_root: Path) -> Path:
    path = media_root / "portraits" / "nam-on-jo.webp"
    path.parent.mkdir()
    path.write_bytes(PORTRAIT)
    return path


def _source_summary() -> dict[str, dict[str, object]]:
    if connection.vendor == "sqlite":
        with closing(sqlite3.connect(connection.settings_dict["NAME"])) as source:
            return summarize(source, "sqlite")
    with transaction.atomic():
        connection.ensure_connection()
        return summarize(connection.connection, "postgresql")


def _restore(backup: Path, env: dict[str, str], tmp_path: Path, *extra: str) -> str:
    done = manage("restore", str(backup), *extra, env=env, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    return done.stdout


class Voters(threading.Thread):
    """Fans voting one after another through the real service until told to stop."""

    def __init__(self, theories: list[Theory], fans: list) -> None:
        super().__init__()
        self.pairs = [(fan, theory.pk) for theory in theories for fan in fans]
        self.cast = 0
        self.errors: list[Exception] = []
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                fan, theory_id = self.pairs[self.cast % len(self.pairs)]
                cast_vote(user=fan, theory_id=theory_id, value=1 if self.cast % 3 else -1)
                self.cast += 1
        except Exception as error:
            self.errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    def wait_for(self, votes: int) -> None:
        while self.cast < votes and self.is_alive():
            self.stop.wait(0.005)


def test_a_backup_taken_while_fans_vote_restores_every_table_row_for_row(
    backup_dir: Path,
    portrait: Path,
    fresh_database: FreshDatabase,
    tmp_path: Path,
    record_property: Callable[[str, object], None],
) -> None:
    theories = TheoryFactory.create_batch(4)
    fans = UserFactory.create_batch(12)
    voters = Voters(theories, fans)
    voters.start()
    try:
        voters.wait_for(10)
        backup = take_backup()
        cast_after = voters.cast
        voters.wait_for(cast_after + 10)
    finally:
        voters.stop.set()
        voters.join(timeout=30)
    assert voters.errors == []
    assert voters.cast >= cast_after + 10  # the votes went on during and after the backup

    manifest = read_manifest(backup)
    assert manifest["vendor"] == connection.vendor
    assert "0014_scrub_public_log" in manifest["migrations"]["theories"]
    assert manifest["tables"]["theories_theory"]["rows"] == 4
    assert 0 < manifest["tables"]["theories_vote"]["rows"] <= len(voters.pairs)
    env = {"DJANGO_MEDIA_ROOT": str(tmp_path / "restored-media"), **fresh_database.env}
    _restore(backup, env, tmp_path)

    with fresh_database.connect() as restored:
        found = summarize(restored, fresh_database.vendor)
        cursor = restored.cursor()
        # One snapshot: every theory's counters match a recount of its votes in the copy.
        cursor.execute(
            "SELECT t.id, t.score, coalesce(sum(v.value), 0) FROM theories_theory t "
            "LEFT JOIN theories_vote v ON v.theory_id = t.id GROUP BY t.id, t.score"
        )
        counters = cursor.fetchall()
    record_property("tables_compared", len(found))
    record_property("votes_during_and_after", voters.cast)
    assert found == manifest["tables"]
    assert all(score == recount for _, score, recount in counters), counters
    assert found["accounts_user"]["rows"] == 4 + 12  # the theories' authors and the fans
    # The checksums tell data apart: the source has moved on since the backup point.
    source = _source_summary()
    assert source["theories_vote"]["sha256"] != found["theories_vote"]["sha256"]
    assert source["theories_theory"]["sha256"] != found["theories_theory"]["sha256"]
    assert source["accounts_user"] == found["accounts_user"]
    assert (tmp_path / "restored-media/portraits/nam-on-jo.webp").read_bytes() == PORTRAIT


def test_a_restore_refuses_a_database_that_is_not_empty_and_changes_nothing(
    backup_dir: Path, portrait: Path
) -> None:
    backup = take_backup()
    theory = TheoryFactory(title="Written after the backup")
    portrait.write_bytes(b"newer")

    with pytest.raises(CommandError, match=r"is not empty .* new, empty database"):
        call_command("restore", str(backup))

    assert Theory.objects.get(pk=theory.pk).title == "Written after the backup"
    assert portrait.read_bytes() == b"newer"


def test_a_restore_refuses_a_backup_of_the_other_database_vendor(
    backup_dir: Path, fresh_database: FreshDatabase, tmp_path: Path
) -> None:
    backup = take_backup()
    manifest = backup / "manifest.json"
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    manifest.write_text(manifest.read_text().replace(f'"{connection.vendor}"', f'"{other}"'))

    done = manage("restore", str(backup), env=fresh_database.env, tmp_path=tmp_path)

    assert done.returncode == 1
    assert f"This backup is of a {other} database" in done.stderr


def test_after_a_restore_no_page_rendered_before_it_is_served(
    backup_dir: Path,
    fresh_database: FreshDatabase,
    settings: Settings,
    tmp_path: Path,
) -> None:
    # The restore runs in another process that shares this one's cache, as the site's do.
    env = {**sharing_env(settings, tmp_path / "cache"), **fresh_database.env}
    env["DJANGO_MEDIA_ROOT"] = str(tmp_path / "restored-media")
    theory = TheoryFactory(title="Before the restore")
    backup = take_backup()
    reader = Client()
    assert "Before the restore" in reader.get("/theories/").content.decode()
    Theory.objects.filter(pk=theory.pk).update(title="Changed without telling the cache")
    assert "Before the restore" in reader.get("/theories/").content.decode()  # a cached copy
    cache.set("a-page-key", "cached before the restore")

    output = _restore(backup, env, tmp_path)

    assert "caches cleared" in output
    assert cache.get("a-page-key") is None
    assert "Changed without telling the cache" in reader.get("/theories/").content.decode()
