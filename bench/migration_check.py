"""Prove that migrating a populated database from an older commit to this checkout changes no row.

    .venv/bin/python bench/migration_check.py --from <git-ref> [--to <git-ref>]
        [--database sqlite|postgresql] [--theories 10000]

The old commit is checked out in a temporary `git worktree` and run with this checkout's
`.venv/bin/python` (same dependencies). On a fresh database (an SQLite file in the temporary
folder, or the PostgreSQL database `aouad_migration_check`, dropped and created, dropped at the
end) the old code runs `migrate`, `load_demo` and `load_bench_data --theories N`. Every table is
then read: its columns, its row count and a SHA-256 over all its rows (columns in name order,
each value rendered with `repr` of the DB-API value, rows sorted by those renderings so that
no collation can reorder them). Then the new code (this working tree, or `--to <ref>` in a
second worktree, which serves while the working tree is mid-edit) runs `migrate` on the same
database, everything is read again, and:

- every table from before must still exist with the same columns, row count and checksum;
- `django_content_type` must keep its ids, and may change only the app label of a row whose
  model name stays (a model moved between apps; each such move is printed);
- a table the new code creates must be empty;
- every trigger must survive (on SQLite the search index is kept up to date by triggers, and
  rebuilding a table there drops the triggers on it while its rows stay the same);
- each SQLite FTS5 index must still match the table it indexes (FTS5's integrity-check);
- `makemigrations --check --dry-run` in the new code must find nothing to do.

It prints one line per table and a summary, and exits 1 on any difference.

Left out of the row comparison: `django_migrations` (the point of migrating is to add rows to
it), SQLite's planner statistics `sqlite_stat*` (derived, rewritten by ANALYZE), and an FTS5
virtual table itself, which with `content=` has no rows of its own: reading it reads the table
it indexes, which is compared anyway. Its shadow tables (`*_data`, `*_idx`, `*_docsize`,
`*_config`) are real tables holding the index and are compared like any other, so an index
rewritten by a migration shows up. `sqlite_sequence` is compared too (but for the counter of
`django_migrations`), since a table rebuilt with a lower counter would hand out the ids of
deleted rows again. On PostgreSQL the search index is a stored generated column
(`search_vector`), compared with the other columns of its table.

Nothing in the checkout is written to: media, static and backup folders point into the
temporary folder, and no bytecode is written.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_NAME = "aouad_migration_check"
NOT_COMPARED = {"django_migrations"}
CONTENT_TYPES = "django_content_type"
# A changed table this small shows which rows differ; a larger one only that it differs.
KEPT_ROWS = 100_000
SHOWN_ROWS = 5


@dataclass
class Table:
    columns: list[str]
    rows: int
    checksum: str
    # The rendered rows, when there are at most KEPT_ROWS of them.
    kept: list[str] | None = None


@dataclass
class Snapshot:
    tables: dict[str, Table] = field(default_factory=dict)
    content_types: dict[int, tuple[str, str]] = field(default_factory=dict)
    triggers: set[str] = field(default_factory=set)
    # FTS5 table -> "ok" or the integrity-check's error.
    search_indexes: dict[str, str] = field(default_factory=dict)


# --- reading a database ---------------------------------------------------------


def read_table(columns: list[str], rows: Iterable[tuple[Any, ...]]) -> Table:
    """The rows' count and SHA-256, each row rendered value by value with repr."""
    # repr escapes control characters, so the separator cannot occur inside a value.
    rendered = sorted("\x1f".join(repr(value) for value in row) for row in rows)
    digest = hashlib.sha256()
    for row in rendered:
        digest.update(row.encode() + b"\n")
    kept = rendered if len(rendered) <= KEPT_ROWS else None
    return Table(columns, len(rendered), digest.hexdigest(), kept)


def sqlite_snapshot(path: Path) -> Snapshot:
    snapshot = Snapshot()
    with closing(sqlite3.connect(path)) as connection:
        catalogue = connection.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'trigger')"
        ).fetchall()
        for kind, name, definition in catalogue:
            if kind == "trigger":
                snapshot.triggers.add(name)
            elif definition and definition.upper().startswith("CREATE VIRTUAL TABLE"):
                snapshot.search_indexes[name] = fts5_integrity(connection, name)
            elif name not in NOT_COMPARED and not name.startswith("sqlite_stat"):
                snapshot.tables[name] = sqlite_table(connection, name)
        snapshot.content_types = {
            row[0]: (row[1], row[2])
            for row in connection.execute(f"SELECT id, app_label, model FROM {CONTENT_TYPES}")  # noqa: S608
        }
    return snapshot


def sqlite_table(connection: sqlite3.Connection, name: str) -> Table:
    columns = sorted(row[1] for row in connection.execute(f"PRAGMA table_info({quote(name)})"))
    query = f"SELECT {', '.join(map(quote, columns))} FROM {quote(name)}"  # noqa: S608 - names from the catalogue
    if name == "sqlite_sequence":
        # The id counters of the tables left out, which migrating moves on.
        query += f" WHERE name NOT IN ({', '.join('?' * len(NOT_COMPARED))})"
        return read_table(columns, connection.execute(query, sorted(NOT_COMPARED)))
    return read_table(columns, connection.execute(query))


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def fts5_integrity(connection: sqlite3.Connection, name: str) -> str:
    """'ok' when the index matches the table it indexes (rank 1 asks for that comparison)."""
    try:
        connection.execute(
            f"INSERT INTO {quote(name)}({quote(name)}, rank) VALUES ('integrity-check', 1)"  # noqa: S608
        )
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        connection.rollback()  # the check writes nothing; this only ends its transaction
    return "ok"


def postgres_snapshot(url: str) -> Snapshot:
    snapshot = Snapshot()
    # A fixed time zone, so that timestamps render the same way in both snapshots.
    with psycopg.connect(url, options="-c TimeZone=UTC") as connection:
        tables = connection.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        ).fetchall()
        for (name,) in tables:
            if name in NOT_COMPARED:
                continue
            columns = sorted(
                row[0]
                for row in connection.execute(
                    "SELECT column_name FROM information_schema.columns"
                    " WHERE table_schema = current_schema() AND table_name = %s",
                    (name,),
                )
            )
            query = sql.SQL("SELECT {} FROM {}").format(
                sql.SQL(", ").join(map(sql.Identifier, columns)), sql.Identifier(name)
            )
            snapshot.tables[name] = read_table(columns, connection.execute(query))
        # Not the internal triggers behind foreign keys: those follow their constraints.
        snapshot.triggers = {
            row[0]
            for row in connection.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        }
        snapshot.content_types = {
            row[0]: (row[1], row[2])
            for row in connection.execute(f"SELECT id, app_label, model FROM {CONTENT_TYPES}")  # noqa: S608
        }
    return snapshot


# --- comparing ------------------------------------------------------------------


def compare_tables(before: Snapshot, after: Snapshot) -> list[str]:
    """Prints a line per table; returns the problems."""
    problems: list[str] = []
    names = sorted(before.tables | after.tables)
    width = max(map(len, names))
    print(f"\n{'table':<{width}}  {'rows':>12}  result")
    for name in names:
        old, new = before.tables.get(name), after.tables.get(name)
        if new is None:
            rows, result = f"{old.rows if old else 0}", "MISSING: CHANGED"
        elif old is None:
            rows = f"{new.rows}"
            result = "new, empty" if new.rows == 0 else "new, not empty: CHANGED"
            old = Table(new.columns, 0, "", [])
        else:
            rows = f"{new.rows}" if old.rows == new.rows else f"{old.rows} -> {new.rows}"
            result = table_result(name, old, new)
        print(f"{name:<{width}}  {rows:>12}  {result}")
        if "CHANGED" in result:
            problems.append(f"{name}: {result}")
            if old and new:
                print_row_changes(old, new)
    return problems


def print_row_changes(old: Table, new: Table) -> None:
    if old.kept is None or new.kept is None or old.columns != new.columns:
        return
    print(f"    ({', '.join(new.columns)})")
    for sign, rows in (
        ("-", Counter(old.kept) - Counter(new.kept)),
        ("+", Counter(new.kept) - Counter(old.kept)),
    ):
        listed = sorted(rows.elements())
        for row in listed[:SHOWN_ROWS]:
            print(f"    {sign} ({row.replace(chr(0x1F), ', ')})")
        if len(listed) > SHOWN_ROWS:
            print(f"    {sign} … and {len(listed) - SHOWN_ROWS} more")


def table_result(name: str, old: Table, new: Table) -> str:
    if old.columns != new.columns:
        gone = sorted(set(old.columns) - set(new.columns))
        added = sorted(set(new.columns) - set(old.columns))
        return f"columns {gone} -> {added}: CHANGED"
    if name == CONTENT_TYPES:
        return "checked below"
    if old.rows != new.rows:
        return "row count: CHANGED"
    if old.checksum != new.checksum:
        return "rows: CHANGED"
    return "unchanged"


def compare_content_types(before: Snapshot, after: Snapshot) -> list[str]:
    problems: list[str] = []
    counts = f"{len(before.content_types)} rows before, {len(after.content_types)} after"
    print(f"\n{CONTENT_TYPES}: {counts}")
    for id_, (app_label, model) in sorted(before.content_types.items()):
        moved = after.content_types.get(id_)
        if moved is None:
            problems.append(f"content type {app_label}.{model} (id {id_}) is gone")
        elif moved != (app_label, model):
            if moved[1] == model:
                print(f"  moved: {app_label}.{model} -> {moved[0]}.{moved[1]} (id {id_})")
            else:
                problems.append(
                    f"content type id {id_} was {app_label}.{model}, is {moved[0]}.{moved[1]}"
                )
    for id_, (app_label, model) in sorted(after.content_types.items()):
        if id_ not in before.content_types:
            problems.append(f"content type {app_label}.{model} (id {id_}) is new")
    return problems


def compare_the_rest(before: Snapshot, after: Snapshot) -> list[str]:
    problems = [f"trigger {name} is gone" for name in sorted(before.triggers - after.triggers)]
    for name, result in sorted(after.search_indexes.items()):
        print(f"  search index {name}: {result}")
        if result != "ok":
            problems.append(f"search index {name} does not match its table: {result}")
    problems += [
        f"search index {name} is gone"
        for name in sorted(before.search_indexes.keys() - after.search_indexes.keys())
    ]
    return problems


def pending_migrations(done: subprocess.CompletedProcess) -> list[str]:
    if not done.returncode:
        return []
    output = (done.stdout + done.stderr).strip()
    print(f"\nmakemigrations --check --dry-run said:\n{output}")
    last = output.splitlines()[-1] if output else ""
    return [f"makemigrations --check --dry-run: exit {done.returncode}: {last}"]


# --- running the site's code -----------------------------------------------------


def site_env(work: Path, database: dict[str, str]) -> dict[str, str]:
    """This process's environment without the site's settings, then development mode with
    the database given and every folder the site writes to inside `work`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(
        database,
        DJANGO_MEDIA_ROOT=str(work / "media"),
        DJANGO_STATIC_ROOT=str(work / "static"),
        DJANGO_BACKUP_DIR=str(work / "backups"),
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def manage(checkout: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """Runs manage.py in `checkout` and prints its last line and how long it took."""
    started = time.monotonic()
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=checkout, env=env, capture_output=True, text=True
    )
    output = (done.stdout + done.stderr).strip()
    last = output.splitlines()[-1] if output else "(no output)"
    print(f"  {' '.join(args)}: {time.monotonic() - started:.1f} s, exit {done.returncode}: {last}")
    return done


def must(done: subprocess.CompletedProcess) -> None:
    if done.returncode:
        print(done.stdout + done.stderr, file=sys.stderr)
        raise SystemExit(f"{' '.join(done.args[1:])} failed")


@contextmanager
def worktree(ref: str, path: Path) -> Iterator[Path]:
    subprocess.run(
        ["git", "worktree", "add", "--detach", "--quiet", str(path), ref], cwd=ROOT, check=True
    )
    try:
        yield path
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=ROOT, check=True)


@contextmanager
def fresh_database(
    kind: str, work: Path
) -> Iterator[tuple[dict[str, str], Callable[[], Snapshot]]]:
    """The settings' environment for a new, empty database, and how to read it."""
    if kind == "sqlite":
        # Not DATABASE_URL: with a sqlite:// URL the settings hand SQLite a connect_timeout
        # it refuses, and DJANGO_SQLITE_PATH is how the site runs on SQLite anyway.
        path = work / "db.sqlite3"
        yield {"DJANGO_SQLITE_PATH": str(path)}, lambda: sqlite_snapshot(path)
        return
    url = f"{PG_SERVER}/{PG_NAME}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as server:
        server.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")
        server.execute(f"CREATE DATABASE {PG_NAME}")
    try:
        yield {"DATABASE_URL": url}, lambda: postgres_snapshot(url)
    finally:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as server:
            server.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")


def describe(ref: str | None) -> str:
    if ref is None:
        return "the working tree"
    commit = subprocess.run(
        ["git", "rev-parse", "--short", f"{ref}^{{commit}}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return f"{ref} ({commit})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="old", required=True, help="the commit to migrate from")
    parser.add_argument(
        "--to", dest="new", help="the commit to migrate to (default: the working tree)"
    )
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--theories", type=int, default=10000)
    args = parser.parse_args()

    started = time.monotonic()
    print(f"From {describe(args.old)} to {describe(args.new)} on {args.database}.")
    with tempfile.TemporaryDirectory(prefix="aouad-migration-check-") as temporary:
        work = Path(temporary)
        with (
            worktree(args.old, work / "old") as old,
            fresh_database(args.database, work) as (database, read),
        ):
            env = site_env(work, database)
            print(f"Old code ({old}):")
            must(manage(old, env, "migrate", "--noinput"))
            must(manage(old, env, "load_demo"))
            must(manage(old, env, "load_bench_data", f"--theories={args.theories}"))
            before = read()
            with new_checkout(args.new, work) as new:
                print(f"New code ({new}):")
                must(manage(new, env, "migrate", "--noinput"))
                after = read()
                pending = manage(new, env, "makemigrations", "--check", "--dry-run")
            problems = compare_tables(before, after)
            problems += compare_content_types(before, after)
            problems += compare_the_rest(before, after)
            problems += pending_migrations(pending)
    report(before, after, problems, time.monotonic() - started)


@contextmanager
def new_checkout(ref: str | None, work: Path) -> Iterator[Path]:
    if ref is None:
        yield ROOT
    else:
        with worktree(ref, work / "new") as path:
            yield path


def report(before: Snapshot, after: Snapshot, problems: list[str], seconds: float) -> None:
    compared = before.tables.keys() - {CONTENT_TYPES}
    rows = sum(before.tables[name].rows for name in compared)
    new = len(after.tables.keys() - before.tables.keys())
    for problem in problems:
        print(f"PROBLEM: {problem}")
    verdict = "FAILED" if problems else "OK"
    print(
        f"{verdict}: {len(compared)} tables, {rows} rows compared, {len(problems)} problems, "
        f"{new} new tables, {len(before.content_types)} content types, "
        f"{len(before.triggers)} triggers; {seconds:.0f} s."
    )
    if problems:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
