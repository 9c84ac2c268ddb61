"""Moderators add episodes, mark them aired and give verdicts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [
    "view_episode",
    "add_episode",
    "change_episode",
    "view_verdict",
    "add_verdict",
    "change_verdict",
    "view_estimate",
]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="verdicts", codename__in=PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="verdicts", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [("verdicts", "0001_initial"), ("theories", "0008_verdicts")]

    operations = [migrations.RunPython(grant, revoke)]
