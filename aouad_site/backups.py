"""Backups of the database and the media folder, and their restore into an empty database.

A backup is a folder under BACKUP_DIR holding the database (SQLite: `VACUUM INTO`, which reads
one consistent snapshot while writers carry on; PostgreSQL: `pg_dump -Fc`), `media.tar` and
`manifest.json`: when, which database vendor, the applied migrations and, per table, its row
count and a SHA-256 of its rows in primary-key order, read from the same snapshot as the dump
(PostgreSQL: an exported snapshot that pg_dump shares). A restore checks the restored tables
against the manifest, so every restore is also a test of its backup.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import tarfile
from collections.abc import Iterable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.core.cache import caches
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

MANIFEST = "manifest.json"
MEDIA = "media.tar"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}

type Summary = dict[str, dict[str, Any]]


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why."""


class DbApiConnection(Protocol):
    def cursor(self, *args: Any, **kwargs: Any) -> Any: ...


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables(db: DbApiConnection, vendor: str) -> list[tuple[str, list[str]]]:
    """Every table with its primary-key columns (in key order)."""
    cursor = db.cursor()
    if vendor == "sqlite":
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
        names = [row[0] for row in cursor.fetchall()]
        keys = {}
        for name in names:
            cursor.execute("SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", [name])
            keys[name] = [row[0] for row in cursor.fetchall()]
        return [(name, keys[name]) for name in names]
    cursor.execute(
        "SELECT c.relname, coalesce(array_agg(a.attname ORDER BY array_position(i.indkey::int2[], "
        "a.attnum)) FILTER (WHERE a.attname IS NOT NULL), '{}'::name[]) "
        "FROM pg_class c "
        "LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary "
        "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey) "
        "WHERE c.relkind IN ('r', 'p') AND c.relnamespace = current_schema()::regnamespace "
        "GROUP BY c.relname ORDER BY c.relname"
    )
    return [(name, list(key)) for name, key in cursor.fetchall()]


def summarize(db: DbApiConnection, vendor: str) -> Summary:
    """Per table: its row count and a SHA-256 of its rows in primary-key order."""
    summary: Summary = {}
    if vendor == "postgresql":
        # Rows as PostgreSQL writes them out, whatever types the client's driver makes of them.
        db.cursor().execute("SET LOCAL TimeZone = 'UTC'")
    for table, key in _tables(db, vendor):
        order = ", ".join(map(_quote, key)) or "1"
        # On PostgreSQL a named (server-side) cursor streams a big table instead of loading it.
        cursor = db.cursor(name="aouad_summary") if vendor == "postgresql" else db.cursor()
        row = "row_t::text" if vendor == "postgresql" else "*"
        cursor.execute(f"SELECT {row} FROM {_quote(table)} row_t ORDER BY {order}")  # noqa: S608
        digest, rows = hashlib.sha256(), 0
        while batch := cursor.fetchmany(2000):
            for row in batch:
                digest.update(repr(row).encode() + b"\n")
            rows += len(batch)
        cursor.close()
        summary[table] = {"rows": rows, "sha256": digest.hexdigest()}
    return summary


def _migrations(summary_db: DbApiConnection) -> dict[str, list[str]]:
    cursor = summary_db.cursor()
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def _pg_env(connection: BaseDatabaseWrapper) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump / pg_restore, from the database's settings."""
    database = connection.settings_dict
    args = ["--dbname", database["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            args += [option, str(database[key])]
    env = dict(os.environ)
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


def _backup_sqlite(connection: BaseDatabaseWrapper, target: Path) -> Summary:
    with closing(sqlite3.connect(connection.settings_dict["NAME"], timeout=30)) as source:
        source.execute("VACUUM INTO ?", [str(target)])
    with closing(sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True)) as copy:
        return {"tables": summarize(copy, "sqlite"), "migrations": _migrations(copy)}


def _backup_postgresql(connection: BaseDatabaseWrapper, target: Path) -> Summary:
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        args, env = _pg_env(connection)
        _run(["pg_dump", "-Fc", f"--snapshot={snapshot}", "--file", str(target), *args], env)
        raw = connection.connection
        return {"tables": summarize(raw, "postgresql"), "migrations": _migrations(raw)}


def _pack_media(target: Path) -> None:
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(target, "w") as archive:
        if media.is_dir():
            for path in sorted(media.iterdir()):
                archive.add(path, arcname=path.name)


def take_backup(*, using: str = "default") -> Path:
    """Back the database and the media folder up into a new folder of BACKUP_DIR."""
    connection = connections[using]
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"No backup for {connection.vendor} databases.")
    created = datetime.now(UTC)
    folder = Path(settings.BACKUP_DIR) / created.strftime("%Y%m%dT%H%M%S%fZ")
    folder.mkdir(parents=True)
    database = folder / DATABASE_FILES[connection.vendor]
    if connection.vendor == "sqlite":
        found = _backup_sqlite(connection, database)
    else:
        found = _backup_postgresql(connection, database)
    _pack_media(folder / MEDIA)
    manifest = {"created": created.isoformat(), "vendor": connection.vendor, **found}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return folder


def read_manifest(folder: Path) -> dict[str, Any]:
    try:
        return json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{folder} holds no {MANIFEST}: not a backup.") from None


def _restore_sqlite(connection: BaseDatabaseWrapper, source: Path) -> Summary:
    connection.close()
    with (
        closing(sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)) as backup,
        closing(sqlite3.connect(connection.settings_dict["NAME"], timeout=30)) as target,
    ):
        backup.backup(target)
        return summarize(target, "sqlite")


def _restore_postgresql(connection: BaseDatabaseWrapper, source: Path, replace: bool) -> Summary:
    args, env = _pg_env(connection)
    clean = ["--clean", "--if-exists"] if replace else ["--single-transaction"]
    _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *clean, *args,
          str(source)], env)  # fmt: skip
    with transaction.atomic(using=connection.alias):
        return summarize(connection.connection, "postgresql")


def _differences(expected: Summary, found: Summary) -> Iterable[str]:
    for table in sorted(expected.keys() | found.keys()):
        if expected.get(table) != found.get(table):
            yield table


def restore_backup(folder: Path, *, using: str = "default", replace: bool = False) -> Summary:
    """Restore a backup into an empty database (or over everything, with `replace`), unpack
    its media, check every table against the manifest, then clear every cache of the site."""
    manifest = read_manifest(folder)
    connection = connections[using]
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"This backup is of a {manifest['vendor']} database; the site uses "
            f"{connection.vendor}. Set DATABASE_URL (or not) to match."
        )
    tables = connection.introspection.table_names()
    if tables and not replace:
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty ({len(tables)} "
            "tables). Restore into a new, empty database, or pass --replace-existing to "
            "overwrite everything in it."
        )
    source = folder / DATABASE_FILES[connection.vendor]
    if connection.vendor == "sqlite":
        found = _restore_sqlite(connection, source)
    else:
        found = _restore_postgresql(connection, source, replace)
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA) as archive:
        archive.extractall(media, filter="data")
    # Pages and fragments rendered from the data before the restore must not outlive it.
    for alias in settings.CACHES:
        caches[alias].clear()
    if wrong := list(_differences(manifest["tables"], found)):
        raise BackupError(f"Restored, but these tables differ from the manifest: {wrong}")
    return found
