# The models moved out of this app keep their tables: only Django's state changes here.

import aouad_site.migration_operations
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('theories', '0016_models_move_out'),
        ('verdicts', '0004_episode_moves_out'),
    ]

    operations = [
        aouad_site.migration_operations.moved_state(
            migrations.DeleteModel(
                name='Quote',
            ),
            migrations.RemoveField(
                model_name='report',
                name='reporter',
            ),
            migrations.RemoveField(
                model_name='report',
                name='resolved_by',
            ),
            migrations.RemoveField(
                model_name='report',
                name='target_type',
            ),
            migrations.DeleteModel(
                name='Comment',
            ),
            migrations.DeleteModel(
                name='ModerationAction',
            ),
            migrations.DeleteModel(
                name='Notification',
            ),
            migrations.DeleteModel(
                name='Report',
            ),
        ),
    ]
