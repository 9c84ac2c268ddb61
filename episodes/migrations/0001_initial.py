# Moved here with its table and rows; the content types keep their ids.

import django.core.validators
import aouad_site.migration_operations
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('verdicts', '0003_estimate_history'),
    ]

    operations = [
        aouad_site.migration_operations.moved_state(
            migrations.CreateModel(
                name='Episode',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('season', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1)])),
                    ('number', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1)])),
                    ('title', models.CharField(blank=True, max_length=160)),
                    ('air_date', models.DateField(blank=True, help_text='The announced release date, if known.', null=True)),
                    ('aired_at', models.DateTimeField(blank=True, help_text='Set through “Mark as aired”: from then on the theories it decides are locked.', null=True)),
                ],
                options={
                    'db_table': 'verdicts_episode',
                    'ordering': ['season', 'number'],
                    'constraints': [models.UniqueConstraint(fields=('season', 'number'), name='episode_unique_number')],
                },
            ),
        ),
        aouad_site.migration_operations.move_content_types(
            'verdicts', 'episodes', ['episode']
        ),
    ]
