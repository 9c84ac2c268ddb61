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
        ('characters', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        aouad_site.migration_operations.moved_state(
            migrations.CreateModel(
                name='Source',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('outlet', models.CharField(max_length=120)),
                    ('title', models.CharField(max_length=300, verbose_name='article title')),
                    ('url', models.URLField(blank=True, max_length=500, verbose_name='URL')),
                    ('published_on', models.DateField(blank=True, null=True, verbose_name='publication date')),
                    ('language', models.CharField(blank=True, help_text='The language it was published in, e.g. “ko” or “en”. Empty if unknown.', max_length=35)),
                    ('reported_via', models.CharField(blank=True, help_text='If the words reached us second-hand, where they were reported.', max_length=300)),
                ],
                options={
                    'db_table': 'theories_source',
                    'ordering': ['outlet', 'title'],
                    'constraints': [models.UniqueConstraint(fields=('outlet', 'title'), name='source_unique_outlet_title')],
                },
            ),
            migrations.CreateModel(
                name='Quote',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('status', models.CharField(choices=[('pending', 'Waiting for approval'), ('published', 'Published'), ('hidden', 'Hidden'), ('removed', 'Removed')], db_index=True, default='published', max_length=20)),
                    ('removal_reason', models.CharField(blank=True, choices=[('spam', 'Spam'), ('spoiler', 'Unmarked spoiler'), ('harassment', 'Harassment'), ('off_topic', 'Off-topic'), ('misattributed', 'Misattributed quote'), ('duplicate', 'Duplicate'), ('personal_info', 'Personal information'), ('other', 'Other')], max_length=20)),
                    ('removal_note', models.CharField(blank=True, max_length=300)),
                    ('published_at', models.DateTimeField(blank=True, help_text='When it was first published (approved).', null=True)),
                    ('text', models.TextField(max_length=2000, verbose_name='exact words')),
                    ('speaker', models.CharField(max_length=120)),
                    ('original_text', models.TextField(blank=True, help_text='If it was said in another language.', max_length=2000, verbose_name='original-language text')),
                    ('original_language', models.CharField(default='ko', help_text='Language of the original text, e.g. “ko”.', max_length=35)),
                    ('verified', models.BooleanField(db_index=True, default=False)),
                    ('verified_at', models.DateTimeField(blank=True, null=True)),
                    ('created', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                    ('characters', models.ManyToManyField(blank=True, related_name='quotes', to='characters.character')),
                    ('suggested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='suggested_quotes', to=settings.AUTH_USER_MODEL)),
                    ('verified_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('source', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='quotes', to='quotes.source')),
                ],
                options={
                    'db_table': 'theories_quote',
                    'ordering': ['-created'],
                },
            ),
        ),
        aouad_site.migration_operations.move_content_types(
            'theories', 'quotes', ['source', 'quote']
        ),
    ]
