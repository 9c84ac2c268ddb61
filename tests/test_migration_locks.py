"""New migrations of the apps with big tables (theories, votes and comments; users) must not
lock those tables on PostgreSQL: their SQL, as `sqlmigrate` prints it, builds and drops indexes
CONCURRENTLY, adds foreign keys NOT VALID (validated in a later migration), never sets NOT NULL
on an existing column and never adds a column with a volatile default (a table rewrite).
See README, Production, "Migrations", and aouad_site/migration_operations.py.

The SQL is PostgreSQL's and needs a PostgreSQL database to introspect (altering a field looks
up its constraints), so these tests run where DATABASE_URL is set (CI runs both databases).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.contrib.postgres.functions import RandomUUID
from django.db import connection, migrations, models
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.state import ProjectState

from aouad_site.migration_operations import (
    AddForeignKeyNotValid,
    AddIndexConcurrently,
    ValidateForeignKey,
)

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the lock check reads PostgreSQL's SQL: run with DATABASE_URL=postgres://…",
    ),
    # Concurrent operations refuse to run inside the test's transaction, even to print SQL.
    pytest.mark.django_db(transaction=True),
]

# Theories and votes, fans, and the tables that grow with them (comments, notifications, the
# search index, reports and the moderation log).
LARGE_TABLE_APPS = (
    "theories",
    "accounts",
    "auth",
    "discussion",
    "notifications",
    "search",
    "safety",
)
# Frozen: the migrations applied before this rule (theories 0007 and 0009–0011 lock big tables,
# and are in production). Never add to it; every new migration of these apps must pass.
BASELINE = {
    *(("accounts", f"{n:04}_{name}") for n, name in enumerate(
        ["initial", "suspension", "profile", "watched", "daily_count",
         "daily_count_user_in_unique", "user_updated_at", "rate_count", "username_skeleton"],
        start=1,
    )),
    *(("auth", f"{n:04}_{name}") for n, name in enumerate(
        ["initial", "alter_permission_name_max_length", "alter_user_email_max_length",
         "alter_user_username_opts", "alter_user_last_login_null",
         "require_contenttypes_0002", "alter_validators_add_error_messages",
         "alter_user_username_max_length", "alter_user_last_name_max_length",
         "alter_group_name_max_length", "update_proxy_permissions",
         "alter_user_first_name_max_length"],
        start=1,
    )),
    *(("theories", f"{n:04}_{name}") for n, name in enumerate(
        ["initial", "moderation", "moderators_group", "discussion",
         "moderators_moderate_comments", "search", "list_order_indexes", "verdicts",
         "author_indexes", "author_called_index", "vote_user_index_in_unique", "updated_at",
         "report_weights_and_redaction", "scrub_public_log"],
        start=1,
    )),
}  # fmt: skip

VOLATILE = r"(random|gen_random_uuid|uuid_generate_v\w+|clock_timestamp|timeofday|nextval)\("
RULES = [
    (r"\bCREATE (UNIQUE )?INDEX (?!CONCURRENTLY)", "index built without CONCURRENTLY"),
    (r"\bDROP INDEX (?!CONCURRENTLY)", "index dropped without CONCURRENTLY"),
    # Django adds a new foreign-key column with its constraint inline: REFERENCES.
    (r"\b(FOREIGN KEY|REFERENCES)\b(?!.*\bNOT VALID\b)", "foreign key added without NOT VALID"),
    (r"\bALTER COLUMN .* SET NOT NULL", "NOT NULL set on an existing column"),
    (rf"\bADD COLUMN .* DEFAULT .*\b{VOLATILE}", "column added with a volatile default"),
]
TABLE = re.compile(r'(?:CREATE TABLE|ALTER TABLE|\bON) "(\w+)"')


def postgresql_sql(migration: migrations.Migration, state: ProjectState) -> list[str]:
    """What `manage.py sqlmigrate` prints for the migration, from the state before it."""
    with connection.schema_editor(collect_sql=True, atomic=migration.atomic) as editor:
        migration.apply(state.clone(), editor, collect_sql=True)
    return editor.collected_sql


def blocking(statements: list[str]) -> list[str]:
    """The statements that would lock an existing table, each with the rule it breaks.
    Tables the migration itself creates are empty, so anything goes on them."""
    created = {m for sql in statements for m in re.findall(r'CREATE TABLE "(\w+)"', sql)}
    found = []
    for sql in statements:
        table = TABLE.search(sql)
        if sql.startswith("--") or (table and table.group(1) in created):
            continue
        found += [f"{why}: {sql}" for rule, why in RULES if re.search(rule, sql, re.S | re.I)]
    return found


@pytest.fixture(scope="module")
def loader() -> MigrationLoader:
    return MigrationLoader(None, ignore_no_migrations=True)


def _state_before(loader: MigrationLoader, key: tuple[str, str]) -> ProjectState:
    return loader.project_state(key, at_end=False)


def test_every_new_migration_of_the_big_tables_leaves_them_open(
    loader: MigrationLoader, record_property: Callable[[str, object], None]
) -> None:
    new = sorted(
        key for key in loader.disk_migrations if key[0] in LARGE_TABLE_APPS and key not in BASELINE
    )
    found = {
        key: problems
        for key in new
        if (
            problems := blocking(
                postgresql_sql(loader.graph.nodes[key], _state_before(loader, key))
            )
        )
    }
    record_property("new_migrations_checked", len(new))

    assert found == {}


def test_the_baseline_names_only_migrations_that_exist(loader: MigrationLoader) -> None:
    assert set(loader.disk_migrations) >= BASELINE


def test_the_check_flags_the_blocking_index_builds_of_the_baseline(loader: MigrationLoader) -> None:
    key = ("theories", "0007_list_order_indexes")

    found = blocking(postgresql_sql(loader.graph.nodes[key], _state_before(loader, key)))

    assert len([f for f in found if f.startswith("index built without CONCURRENTLY")]) == 5
    assert len([f for f in found if f.startswith("index dropped without CONCURRENTLY")]) == 5


def _synthetic(
    loader: MigrationLoader, *operations: migrations.operations.base.Operation, atomic: bool = True
) -> list[str]:
    leaf = max(name for app, name in loader.disk_migrations if app == "theories")
    migration = type(
        "Migration",
        (migrations.Migration,),
        {"dependencies": [("theories", leaf)], "operations": list(operations), "atomic": atomic},
    )("9999_synthetic", "theories")
    state = loader.project_state(("theories", leaf), at_end=True)
    return blocking(postgresql_sql(migration, state))


def _flagger() -> models.ForeignKey:
    return models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )


@pytest.mark.parametrize(
    ("operation", "rule"),
    [
        (
            migrations.AddIndex("theory", models.Index(fields=["title"], name="theory_title_idx")),
            "index built without CONCURRENTLY",
        ),
        (migrations.RemoveIndex("theory", "theory_hot_order_idx"), "index dropped without"),
        (migrations.AddField("vote", "flagged_by", _flagger()), "foreign key added without"),
        (
            migrations.AlterField("theory", "edited_at", models.DateTimeField(blank=True)),
            "NOT NULL set on an existing column",
        ),
        (
            migrations.AddField("theory", "token", models.UUIDField(db_default=RandomUUID())),
            "column added with a volatile default",
        ),
    ],
    ids=["index", "drop-index", "foreign-key", "not-null", "volatile-default"],
)
def test_a_migration_that_would_lock_a_big_table_is_flagged(
    loader: MigrationLoader, operation: migrations.operations.base.Operation, rule: str
) -> None:
    found = _synthetic(loader, operation)

    assert len(found) == 1
    assert found[0].startswith(rule)


def test_the_same_changes_made_the_lock_free_way_pass(loader: MigrationLoader) -> None:
    index = models.Index(fields=["title"], name="theory_title_idx")

    found = _synthetic(
        loader,
        AddIndexConcurrently("theory", index),
        AddForeignKeyNotValid("vote", "flagged_by", _flagger()),
        ValidateForeignKey("vote", "flagged_by"),
        migrations.AddField("theory", "rank", models.IntegerField(default=0)),
        atomic=False,
    )

    assert found == []
