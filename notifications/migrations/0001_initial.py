# Moved here with its table and rows; the content types keep their ids.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
import aouad_site.migration_operations
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('theories', '0015_profile_reports'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        aouad_site.migration_operations.moved_state(
            migrations.CreateModel(
                name='Notification',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('comment', 'Someone comments on my theory'), ('reply', 'Someone replies to my comment'), ('approved', 'My theory is approved'), ('removed', 'My theory or comment is removed'), ('quote_verified', 'A quote I suggested is verified'), ('verdict', 'A theory I wrote, discussed or estimated gets a verdict')], max_length=20)),
                    ('text', models.CharField(max_length=300)),
                    ('url', models.CharField(max_length=300)),
                    ('created', models.DateTimeField(default=django.utils.timezone.now)),
                    ('read_at', models.DateTimeField(blank=True, null=True)),
                    ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'theories_notification',
                    'ordering': ['-created', '-pk'],
                    'indexes': [models.Index(fields=['recipient', '-created'], name='theories_no_recipie_062517_idx')],
                },
            ),
        ),
        aouad_site.migration_operations.move_content_types(
            'theories', 'notifications', ['notification']
        ),
    ]
