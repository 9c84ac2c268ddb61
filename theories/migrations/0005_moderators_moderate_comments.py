"""Moderators also moderate comments."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COMMENT_PERMISSIONS = ["view_comment", "change_comment", "view_commentrevision"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="theories", codename__in=COMMENT_PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="theories", codename__in=COMMENT_PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [("theories", "0004_discussion")]

    operations = [migrations.RunPython(grant, revoke)]
