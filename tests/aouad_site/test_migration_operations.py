"""The vendor-aware migration operations, applied to throwaway tables: concurrent index builds
and NOT VALID foreign keys on PostgreSQL, the plain operations on SQLite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection, migrations, models
from django.db.migrations.operations.base import Operation
from django.db.migrations.state import ProjectState
from django.db.migrations.writer import MigrationWriter
from django.test.utils import CaptureQueriesContext

from aouad_site.migration_operations import (
    AddForeignKeyNotValid,
    AddIndexConcurrently,
    RemoveIndexConcurrently,
    ValidateForeignKey,
)

APP = "lockfree"
# Concurrent index builds cannot run in a transaction, so neither can these tests.
pytestmark = pytest.mark.django_db(transaction=True)
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only: CONCURRENTLY and NOT VALID"
)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")


def _apply(operation: Operation, state: ProjectState) -> tuple[ProjectState, list[str]]:
    """Apply one operation as a non-atomic migration would; return the state and the SQL."""
    after = state.clone()
    operation.state_forwards(APP, after)
    with CaptureQueriesContext(connection) as queries, connection.schema_editor(atomic=False) as e:
        operation.database_forwards(APP, e, state, after)
    return after, [query["sql"] for query in queries]


@pytest.fixture
def tables() -> Iterator[ProjectState]:
    """Two tables, a fan's parent and its children, dropped afterwards."""
    state = ProjectState()
    for operation in (
        migrations.CreateModel("Parent", [("id", models.BigAutoField(primary_key=True))]),
        migrations.CreateModel(
            "Child",
            [
                ("id", models.BigAutoField(primary_key=True)),
                ("note", models.CharField(max_length=20, default="")),
            ],
        ),
    ):
        state, _ = _apply(operation, state)
    yield state
    with connection.schema_editor(atomic=False) as editor:
        for name in ("Child", "Parent"):
            editor.delete_model(state.apps.get_model(APP, name))


def _index_names(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, table))


NOTE_INDEX = models.Index(fields=["note"], name="lockfree_note_idx")


def _parent_fk() -> models.ForeignKey:
    return models.ForeignKey(f"{APP}.Parent", null=True, on_delete=models.CASCADE, db_index=False)


def test_an_index_is_added_and_removed_on_either_database(tables: ProjectState) -> None:
    state, _ = _apply(AddIndexConcurrently("child", NOTE_INDEX), tables)
    assert "lockfree_note_idx" in _index_names("lockfree_child")

    _apply(RemoveIndexConcurrently("child", "lockfree_note_idx"), state)
    assert "lockfree_note_idx" not in _index_names("lockfree_child")


@on_postgresql
def test_on_postgresql_the_index_is_built_and_dropped_concurrently(tables: ProjectState) -> None:
    state, added = _apply(AddIndexConcurrently("child", NOTE_INDEX), tables)
    _, removed = _apply(RemoveIndexConcurrently("child", "lockfree_note_idx"), state)

    assert [sql for sql in added if "INDEX" in sql] == [
        'CREATE INDEX CONCURRENTLY "lockfree_note_idx" ON "lockfree_child" ("note")'
    ]
    assert [sql for sql in removed if "INDEX" in sql] == [
        'DROP INDEX CONCURRENTLY IF EXISTS "lockfree_note_idx"'
    ]


@on_sqlite
def test_on_sqlite_the_plain_index_operations_run(tables: ProjectState) -> None:
    _, added = _apply(AddIndexConcurrently("child", NOTE_INDEX), tables)

    assert [sql for sql in added if "INDEX" in sql] == [
        'CREATE INDEX "lockfree_note_idx" ON "lockfree_child" ("note")'
    ]


def _fk_validated() -> bool | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT convalidated FROM pg_constraint "
            "WHERE conrelid = 'lockfree_child'::regclass AND contype = 'f'"
        )
        row = cursor.fetchone()
    return None if row is None else row[0]


@on_postgresql
def test_on_postgresql_a_foreign_key_is_added_not_valid_then_validated(
    tables: ProjectState,
) -> None:
    state, added = _apply(AddForeignKeyNotValid("child", "parent", _parent_fk()), tables)
    assert _fk_validated() is False
    assert any("FOREIGN KEY" in sql and sql.endswith("NOT VALID") for sql in added), added
    assert not any("CREATE INDEX" in sql for sql in added)

    _, validated = _apply(ValidateForeignKey("child", "parent"), state)

    assert _fk_validated() is True
    assert len(validated) == 1
    assert "VALIDATE CONSTRAINT" in validated[0]


@on_sqlite
def test_on_sqlite_a_foreign_key_is_the_plain_column_and_validation_does_nothing(
    tables: ProjectState,
) -> None:
    state, _ = _apply(AddForeignKeyNotValid("child", "parent", _parent_fk()), tables)
    _, validated = _apply(ValidateForeignKey("child", "parent"), state)

    with connection.cursor() as cursor:
        cursor.execute('SELECT "table", "from" FROM pragma_foreign_key_list(\'lockfree_child\')')
        assert cursor.fetchall() == [("lockfree_parent", "parent_id")]
    assert [sql for sql in validated if not sql.startswith("PRAGMA")] == []


def test_a_foreign_key_with_its_own_blocking_index_is_refused() -> None:
    field = models.ForeignKey(f"{APP}.Parent", null=True, on_delete=models.CASCADE)

    with pytest.raises(ValueError, match="db_index=False"):
        AddForeignKeyNotValid("child", "parent", field)


def test_the_operations_are_written_into_migrations_by_their_module_path() -> None:
    migration = type(
        "Migration",
        (migrations.Migration,),
        {"operations": [AddIndexConcurrently("child", NOTE_INDEX)], "atomic": False},
    )("0001_x", APP)

    text = MigrationWriter(migration).as_string()

    assert "import aouad_site.migration_operations" in text
    assert "aouad_site.migration_operations.AddIndexConcurrently(" in text
