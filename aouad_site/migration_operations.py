"""Migration operations that keep big tables open for reads and votes on PostgreSQL.

- `AddIndexConcurrently` / `RemoveIndexConcurrently`: `CREATE/DROP INDEX CONCURRENTLY` on
  PostgreSQL, the plain operation elsewhere (SQLite). The migration must say `atomic = False`.
- `AddForeignKeyNotValid` adds a foreign-key column with its constraint `NOT VALID` (existing
  rows are not checked, so no long lock); `ValidateForeignKey`, in a later migration, checks
  them while reads and writes go on. SQLite gets the plain column and nothing to validate.

The rule for new migrations is in the README (Production, Migrations); tests/test_migration_locks.py
enforces it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres import operations as postgres
from django.db import models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations import operations
from django.db.migrations.state import ProjectState

FK_SUFFIX = "_fk_%(to_table)s_%(to_column)s"


def _on_postgresql(schema_editor: BaseDatabaseSchemaEditor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


class _PlainOffPostgreSQL:
    """The PostgreSQL operation on PostgreSQL; `plain`, the ordinary one, elsewhere."""

    plain: Any

    def database_forwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if _on_postgresql(schema_editor):
            super().database_forwards(app_label, schema_editor, *args)
        else:
            self.plain.database_forwards(self, app_label, schema_editor, *args)

    def database_backwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if _on_postgresql(schema_editor):
            super().database_backwards(app_label, schema_editor, *args)
        else:
            self.plain.database_backwards(self, app_label, schema_editor, *args)


class AddIndexConcurrently(_PlainOffPostgreSQL, postgres.AddIndexConcurrently):
    plain = operations.AddIndex


class RemoveIndexConcurrently(_PlainOffPostgreSQL, postgres.RemoveIndexConcurrently):
    plain = operations.RemoveIndex


class AddForeignKeyNotValid(operations.AddField):
    """AddField for a nullable ForeignKey with `db_index=False` (index it with
    AddIndexConcurrently): on PostgreSQL the column comes first, then its constraint NOT VALID."""

    def __init__(self, model_name: str, name: str, field: models.Field, **kwargs: Any) -> None:
        if not (field.is_relation and field.many_to_one and field.null and not field.db_index):
            raise ValueError(
                f"{name}: AddForeignKeyNotValid takes a ForeignKey with null=True and "
                "db_index=False (add its index with AddIndexConcurrently)."
            )
        super().__init__(model_name, name, field, **kwargs)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if not _on_postgresql(schema_editor):
            super().database_forwards(app_label, schema_editor, from_state, to_state)
            return
        model = to_state.apps.get_model(app_label, self.model_name)
        field = model._meta.get_field(self.name)
        column_only = field.clone()
        column_only.db_constraint = False
        column_only.remote_field.model = field.related_model
        column_only.set_attributes_from_name(self.name)
        column_only.model = model
        schema_editor.add_field(model, column_only)
        constraint = schema_editor._create_fk_sql(model, field, FK_SUFFIX)
        schema_editor.execute(f"{constraint} NOT VALID")


class ValidateForeignKey(operations.base.Operation):
    """Check the rows of a foreign key added NOT VALID; PostgreSQL holds only a SHARE UPDATE
    EXCLUSIVE lock meanwhile, so reads and writes go on. Nothing to do elsewhere."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, model_name: str, name: str) -> None:
        self.model_name = model_name
        self.name = name

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return self.__class__.__name__, [], {"model_name": self.model_name, "name": self.name}

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        pass

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if not _on_postgresql(schema_editor):
            return
        model = to_state.apps.get_model(app_label, self.model_name)
        field = model._meta.get_field(self.name)
        name = schema_editor._create_fk_sql(model, field, FK_SUFFIX).parts["name"]
        table = schema_editor.quote_name(model._meta.db_table)
        schema_editor.execute(f"ALTER TABLE {table} VALIDATE CONSTRAINT {name}")

    def database_backwards(self, *args: Any) -> None:
        pass

    def describe(self) -> str:
        return f"Validate the foreign key {self.model_name}.{self.name}"


# --- Moving models between apps ------------------------------------------------------------


def moved_state(*state_operations: operations.base.Operation) -> operations.Operation:
    """Operations that change only Django's idea of the models, never the tables: for models
    that moved to another app and keep their table (`Meta.db_table`)."""
    return operations.SeparateDatabaseAndState(state_operations=list(state_operations))


def move_content_types(old_label: str, new_label: str, models: list[str]) -> operations.RunPython:
    """Rename the models' content types from `old_label` to `new_label` in place.

    The ids stay, so whatever points at them keeps pointing at the same things: reports'
    and moderation actions' targets, the admin's log entries, and permissions (the
    Moderators group's included). A row already made for the new label (by a `migrate` of
    some other app, whose post_migrate creates the content types of every installed model)
    holds only permissions no one has been given yet; it makes way for the renamed one.
    """

    def rename(apps: Any, schema_editor: BaseDatabaseSchemaEditor, old: str, new: str) -> None:
        manager = apps.get_model("contenttypes", "ContentType").objects
        content_types = manager.using(schema_editor.connection.alias)
        for model in models:
            if content_types.filter(app_label=old, model=model).exists():
                content_types.filter(app_label=new, model=model).delete()
                content_types.filter(app_label=old, model=model).update(app_label=new)
        manager.clear_cache()

    return operations.RunPython(
        lambda apps, editor: rename(apps, editor, old_label, new_label),
        lambda apps, editor: rename(apps, editor, new_label, old_label),
    )
