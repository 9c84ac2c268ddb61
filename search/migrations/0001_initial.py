# Moved here with its table and rows; the content types keep their ids.

import aouad_site.migration_operations
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('theories', '0015_profile_reports'),
    ]

    operations = [
        aouad_site.migration_operations.moved_state(
            migrations.CreateModel(
                name='SearchEntry',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('theory', 'Theories'), ('quote', 'Quotes'), ('character', 'Characters')], max_length=12)),
                    ('object_id', models.PositiveBigIntegerField()),
                    ('title', models.CharField(max_length=300)),
                    ('body', models.TextField()),
                    ('label', models.CharField(blank=True, max_length=200)),
                    ('url', models.CharField(max_length=300)),
                    ('character_slugs', models.CharField(blank=True, max_length=2000)),
                ],
                options={
                    'db_table': 'theories_searchentry',
                    'constraints': [models.UniqueConstraint(fields=('kind', 'object_id'), name='search_entry_unique')],
                },
            ),
        ),
        aouad_site.migration_operations.move_content_types(
            'theories', 'search', ['searchentry']
        ),
    ]
