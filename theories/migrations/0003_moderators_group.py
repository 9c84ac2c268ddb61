"""The "Moderators" group with exactly the permissions moderation needs (see theories/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS = "Moderators"
# Frozen as it stood at this migration; theories/roles.py holds the current list.
MODERATOR_PERMISSIONS = [
    ("theories", "view_theory"),
    ("theories", "change_theory"),
    ("theories", "view_theoryrevision"),
    ("theories", "view_citation"),
    ("theories", "view_vote"),
    ("theories", "view_quote"),
    ("theories", "change_quote"),
    ("theories", "view_source"),
    ("theories", "add_source"),
    ("theories", "change_source"),
    ("theories", "view_report"),
    ("theories", "change_report"),
    ("theories", "view_moderationaction"),
    ("accounts", "view_user"),
    ("accounts", "suspend_user"),
]



def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=MODERATORS)
    group.permissions.set(
        [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in MODERATOR_PERMISSIONS
        ]
    )


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=MODERATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_suspension"),
        ("theories", "0002_moderation"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
