"""Migrating a database from before theories/ was split by concern: the moved models' content
types are renamed in place, so a report on a comment still names that comment and the
Moderators group keeps its permissions. (bench/migration_check.py compares every row of a
populated database before and after, on SQLite and PostgreSQL.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import User
from discussion.models import Comment
from moderation.models import Report
from moderation.roles import MODERATOR_PERMISSIONS, MODERATORS, ensure_moderators_group

pytestmark = pytest.mark.django_db(transaction=True)

# The last migrations before the split, and the apps the split made.
BEFORE_THE_SPLIT = [("theories", "0015_profile_reports"), ("verdicts", "0003_estimate_history")]
NEW_APPS = ["episodes", "notifications", "safety", "quotes", "discussion", "search"]
MOVED = {
    ("theories", "comment"): "discussion",
    ("theories", "commentrevision"): "discussion",
    ("theories", "quote"): "quotes",
    ("theories", "source"): "quotes",
    ("theories", "report"): "safety",
    ("theories", "moderationaction"): "safety",
    ("theories", "notification"): "notifications",
    ("theories", "searchentry"): "search",
    ("verdicts", "episode"): "episodes",
}


@pytest.fixture
def executor() -> Iterator[MigrationExecutor]:
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    yield executor
    # Whatever happened, the database ends where every other test expects it.
    executor = MigrationExecutor(connection)
    executor.migrate(leaves)
    ContentType.objects.clear_cache()


def test_a_report_on_a_comment_and_the_moderators_permissions_survive(
    executor: MigrationExecutor,
) -> None:
    leaves = executor.loader.graph.leaf_nodes()
    ensure_moderators_group()  # as its migration made it (earlier tests may have flushed it)
    executor.migrate([*BEFORE_THE_SPLIT, *((app, None) for app in NEW_APPS)])
    old = executor.loader.project_state(BEFORE_THE_SPLIT).apps
    content_types = old.get_model("contenttypes", "ContentType").objects
    # Fans as today's code makes them (accounts did not change); the rest as it was.
    fan = User.objects.create_user("reader")
    author = User.objects.create_user("writer")
    theory = old.get_model("theories", "Theory").objects.create(
        title="Nam-ra's hunger", slug="nam-ras-hunger", body="She fights it.", author_id=author.pk
    )
    comment = old.get_model("theories", "Comment").objects.create(
        theory=theory, author_id=author.pk, body="A halfbie keeps her mind."
    )
    comment_type = content_types.get(app_label="theories", model="comment")
    report = old.get_model("theories", "Report").objects.create(
        reporter_id=fan.pk,
        target_type=comment_type,
        target_id=comment.pk,
        reason="spam",
    )
    ids_before = {
        (ct.app_label, ct.model): ct.pk
        for ct in content_types.filter(
            app_label__in=["theories", "verdicts"], model__in=[m for _, m in MOVED]
        )
    }
    assert set(ids_before) == set(MOVED)

    executor = MigrationExecutor(connection)
    executor.migrate(leaves)
    ContentType.objects.clear_cache()

    ids_after = {
        (ct.app_label, ct.model): ct.pk
        for ct in ContentType.objects.filter(model__in=[m for _, m in MOVED])
    }
    assert ids_after == {(MOVED[old_key], old_key[1]): pk for old_key, pk in ids_before.items()}
    assert Report.objects.get(pk=report.pk).target == Comment.objects.get(pk=comment.pk)
    moderator = User.objects.create_user("moderator", is_staff=True)
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    granted = {f"{app}.{codename}" for app, codename in MODERATOR_PERMISSIONS}
    assert {"discussion.change_comment", "safety.change_report", "episodes.add_episode"} <= granted
    assert all(moderator.has_perm(permission) for permission in granted)
