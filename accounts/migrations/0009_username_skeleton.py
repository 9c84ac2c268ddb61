from django.db import migrations, models

from accounts.usernames import skeleton_key


def fill_skeletons(apps, schema_editor):
    """Give every account its key. Where accounts that already exist look alike, the one who
    joined first keeps the plain key (so new look-alikes of it are refused); each later one
    keeps its name and gets the key suffixed with "#<id>" — renaming people's accounts is a
    moderator's decision, and User.objects.filter(username_skeleton__contains="#") lists them."""
    User = apps.get_model("accounts", "User")
    taken = set()
    changed = []
    for user in User.objects.order_by("date_joined", "pk").only("pk", "username").iterator():
        key = skeleton_key(user.username)
        user.username_skeleton = key if key not in taken else f"{key}#{user.pk}"
        taken.add(key)
        changed.append(user)
    User.objects.bulk_update(changed, ["username_skeleton"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_rate_count"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="username_skeleton",
            field=models.CharField(editable=False, max_length=100, null=True),
        ),
        migrations.RunPython(fill_skeletons, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="user",
            name="username_skeleton",
            field=models.CharField(editable=False, max_length=100, unique=True),
        ),
    ]
