"""The "Moderators" group: staff, not superusers, with exactly what moderation needs.

They see theories, quotes, sources, reports and the moderation log; they change the status of
theories and quotes (through logged actions), edit quotes and sources, and suspend fans. They
delete nothing, and have no say over characters unless an admin grants it. As season 2 airs
they add episodes, mark them aired, and give (or reverse) verdicts on theories.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

MODERATORS = "Moderators"
MODERATOR_PERMISSIONS = [
    ("theories", "view_theory"),
    ("theories", "change_theory"),
    ("theories", "view_theoryrevision"),
    ("theories", "view_citation"),
    ("theories", "view_vote"),
    ("quotes", "view_quote"),
    ("quotes", "change_quote"),
    ("quotes", "view_source"),
    ("quotes", "add_source"),
    ("quotes", "change_source"),
    ("safety", "view_report"),
    ("safety", "change_report"),
    ("safety", "view_moderationaction"),
    ("discussion", "view_comment"),
    ("discussion", "change_comment"),
    ("discussion", "view_commentrevision"),
    ("episodes", "view_episode"),
    ("episodes", "add_episode"),
    ("episodes", "change_episode"),
    ("verdicts", "view_verdict"),
    ("verdicts", "add_verdict"),
    ("verdicts", "change_verdict"),
    ("verdicts", "view_estimate"),
    ("accounts", "view_user"),
    ("accounts", "suspend_user"),
]


def ensure_moderators_group() -> Group:
    """The group as the migration creates it (for tests and demo data that flush tables)."""
    group, _ = Group.objects.get_or_create(name=MODERATORS)
    group.permissions.set(
        [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in MODERATOR_PERMISSIONS
        ]
    )
    return group
