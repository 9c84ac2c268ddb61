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
        ('episodes', '0001_initial'),
        ('theories', '0015_profile_reports'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        aouad_site.migration_operations.moved_state(
            migrations.CreateModel(
                name='Comment',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('status', models.CharField(choices=[('pending', 'Waiting for approval'), ('published', 'Published'), ('hidden', 'Hidden'), ('removed', 'Removed')], db_index=True, default='published', max_length=20)),
                    ('removal_reason', models.CharField(blank=True, choices=[('spam', 'Spam'), ('spoiler', 'Unmarked spoiler'), ('harassment', 'Harassment'), ('off_topic', 'Off-topic'), ('misattributed', 'Misattributed quote'), ('duplicate', 'Duplicate'), ('personal_info', 'Personal information'), ('other', 'Other')], max_length=20)),
                    ('removal_note', models.CharField(blank=True, max_length=300)),
                    ('published_at', models.DateTimeField(blank=True, help_text='When it was first published (approved).', null=True)),
                    ('body', models.TextField(max_length=5000)),
                    ('created', models.DateTimeField(default=django.utils.timezone.now)),
                    ('edited_at', models.DateTimeField(blank=True, null=True)),
                    ('deleted_at', models.DateTimeField(blank=True, null=True)),
                    ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='comments', to=settings.AUTH_USER_MODEL)),
                    ('episode', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='episodes.episode', verbose_name='mentions events up to')),
                    ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='replies', to='discussion.comment')),
                    ('theory', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='theories.theory')),
                ],
                options={
                    'db_table': 'theories_comment',
                    'ordering': ['created', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='CommentRevision',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('body', models.TextField()),
                    ('created', models.DateTimeField(default=django.utils.timezone.now)),
                    ('redacted', models.BooleanField(default=False, help_text='Removed for personal information: only moderators see it.')),
                    ('comment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='revisions', to='discussion.comment')),
                ],
                options={
                    'db_table': 'theories_commentrevision',
                    'ordering': ['-created', '-pk'],
                },
            ),
            migrations.AddIndex(
                model_name='comment',
                index=models.Index(fields=['theory', 'created'], name='theories_co_theory__ef32dd_idx'),
            ),
        ),
        aouad_site.migration_operations.move_content_types(
            'theories', 'discussion', ['comment', 'commentrevision']
        ),
    ]
