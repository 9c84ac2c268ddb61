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
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        aouad_site.migration_operations.moved_state(
            migrations.CreateModel(
                name='ModerationAction',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('approve', 'Approved'), ('hide', 'Hidden'), ('auto_hide', 'Hidden automatically after reports'), ('remove', 'Removed'), ('restore', 'Restored'), ('dismiss_reports', 'Reports dismissed'), ('verify_quote', 'Quote verified'), ('suspend', 'Account suspended'), ('unsuspend', 'Suspension lifted'), ('episode_aired', 'Episode marked aired'), ('episode_unaired', 'Episode marked not aired'), ('verdict', 'Verdict given'), ('verdict_reversed', 'Verdict reversed'), ('clear_display_name', 'Display name cleared'), ('clear_bio', 'Bio cleared'), ('remove_avatar', 'Avatar removed')], max_length=20)),
                    ('target_id', models.PositiveBigIntegerField()),
                    ('target_title', models.CharField(blank=True, max_length=200)),
                    ('reason', models.CharField(blank=True, choices=[('spam', 'Spam'), ('spoiler', 'Unmarked spoiler'), ('harassment', 'Harassment'), ('off_topic', 'Off-topic'), ('misattributed', 'Misattributed quote'), ('duplicate', 'Duplicate'), ('personal_info', 'Personal information'), ('other', 'Other')], max_length=20)),
                    ('note', models.CharField(blank=True, max_length=300)),
                    ('created', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                    ('moderator', models.ForeignKey(blank=True, help_text='Empty when the site acted by itself (e.g. hiding after reports).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='moderation_actions', to=settings.AUTH_USER_MODEL)),
                    ('target_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
                ],
                options={
                    'db_table': 'theories_moderationaction',
                    'ordering': ['-created', '-pk'],
                    'indexes': [models.Index(fields=['target_type', 'target_id'], name='theories_mo_target__94f895_idx')],
                },
            ),
            migrations.CreateModel(
                name='Report',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('target_id', models.PositiveBigIntegerField()),
                    ('reason', models.CharField(choices=[('spam', 'Spam'), ('spoiler', 'Unmarked spoiler'), ('harassment', 'Harassment'), ('off_topic', 'Off-topic'), ('misattributed', 'Misattributed quote'), ('duplicate', 'Duplicate'), ('personal_info', 'Personal information'), ('other', 'Other')], max_length=20)),
                    ('note', models.CharField(blank=True, max_length=300)),
                    ('address', models.CharField(blank=True, max_length=45)),
                    ('weight', models.PositiveSmallIntegerField(default=0, help_text='How much it counts toward hiding the item: 0 or 1.')),
                    ('state', models.CharField(choices=[('open', 'Open'), ('upheld', 'Upheld'), ('dismissed', 'Dismissed')], db_index=True, default='open', max_length=12)),
                    ('created', models.DateTimeField(default=django.utils.timezone.now)),
                    ('resolved_at', models.DateTimeField(blank=True, null=True)),
                    ('reporter', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports_made', to=settings.AUTH_USER_MODEL)),
                    ('resolved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('target_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
                ],
                options={
                    'db_table': 'theories_report',
                    'ordering': ['created', 'pk'],
                    'indexes': [models.Index(fields=['target_type', 'target_id', 'state'], name='theories_re_target__880913_idx')],
                    'constraints': [models.UniqueConstraint(fields=('reporter', 'target_type', 'target_id'), name='report_once_per_fan_and_item')],
                },
            ),
        ),
        aouad_site.migration_operations.move_content_types(
            'theories', 'safety', ['report', 'moderationaction']
        ),
    ]
