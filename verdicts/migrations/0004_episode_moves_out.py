# The models moved out of this app keep their tables: only Django's state changes here.

import django.db.models.deletion
import aouad_site.migration_operations
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('episodes', '0001_initial'),
        ('quotes', '0001_initial'),
        ('theories', '0016_models_move_out'),
        ('verdicts', '0003_estimate_history'),
    ]

    operations = [
        aouad_site.migration_operations.moved_state(
            migrations.RemoveConstraint(
                model_name='episode',
                name='episode_unique_number',
            ),
            migrations.AlterField(
                model_name='verdict',
                name='episode',
                field=models.ForeignKey(help_text='The aired episode that settles it.', on_delete=django.db.models.deletion.PROTECT, related_name='verdicts', to='episodes.episode'),
            ),
            migrations.AlterField(
                model_name='verdict',
                name='quote',
                field=models.ForeignKey(blank=True, help_text='A verified quote that bears it out (optional).', limit_choices_to={'status': 'published', 'verified': True}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='verdicts', to='quotes.quote'),
            ),
            migrations.DeleteModel(
                name='Episode',
            ),
        ),
    ]
