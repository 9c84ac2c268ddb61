# The models moved out of this app keep their tables: only Django's state changes here.

import django.db.models.deletion
import aouad_site.migration_operations
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('episodes', '0001_initial'),
        ('quotes', '0001_initial'),
        ('theories', '0015_profile_reports'),
    ]

    operations = [
        aouad_site.migration_operations.moved_state(
            migrations.RemoveIndex(
                model_name='comment',
                name='theories_co_theory__ef32dd_idx',
            ),
            migrations.RemoveField(
                model_name='commentrevision',
                name='comment',
            ),
            migrations.RemoveIndex(
                model_name='moderationaction',
                name='theories_mo_target__94f895_idx',
            ),
            migrations.RemoveIndex(
                model_name='notification',
                name='theories_no_recipie_062517_idx',
            ),
            migrations.RemoveField(
                model_name='quote',
                name='characters',
            ),
            migrations.RemoveField(
                model_name='quote',
                name='source',
            ),
            migrations.RemoveField(
                model_name='quote',
                name='suggested_by',
            ),
            migrations.RemoveField(
                model_name='quote',
                name='verified_by',
            ),
            migrations.RemoveField(
                model_name='theory',
                name='quotes',
            ),
            migrations.AlterField(
                model_name='citation',
                name='quote',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='citations', to='quotes.quote'),
            ),
            migrations.RemoveIndex(
                model_name='report',
                name='theories_re_target__880913_idx',
            ),
            migrations.RemoveConstraint(
                model_name='report',
                name='report_once_per_fan_and_item',
            ),
            migrations.RemoveConstraint(
                model_name='searchentry',
                name='search_entry_unique',
            ),
            migrations.DeleteModel(
                name='SearchEntry',
            ),
            migrations.RemoveConstraint(
                model_name='source',
                name='source_unique_outlet_title',
            ),
            migrations.AlterField(
                model_name='theory',
                name='decided_by',
                field=models.ForeignKey(blank=True, help_text='The episode expected to settle it: when it airs, the theory locks.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='decides', to='episodes.episode', verbose_name='decided by episode'),
            ),
            migrations.AlterField(
                model_name='theory',
                name='episode',
                field=models.ForeignKey(blank=True, help_text='The latest episode it talks about; fans who have not seen it get a warning.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='episodes.episode', verbose_name='mentions events up to'),
            ),
            migrations.RemoveField(
                model_name='comment',
                name='author',
            ),
            migrations.RemoveField(
                model_name='comment',
                name='episode',
            ),
            migrations.RemoveField(
                model_name='comment',
                name='parent',
            ),
            migrations.RemoveField(
                model_name='comment',
                name='theory',
            ),
            migrations.DeleteModel(
                name='CommentRevision',
            ),
            migrations.RemoveField(
                model_name='moderationaction',
                name='moderator',
            ),
            migrations.RemoveField(
                model_name='moderationaction',
                name='target_type',
            ),
            migrations.RemoveField(
                model_name='notification',
                name='recipient',
            ),
            migrations.DeleteModel(
                name='Source',
            ),
            migrations.AddField(
                model_name='theory',
                name='quotes',
                field=models.ManyToManyField(related_name='theories', through='theories.Citation', to='quotes.quote'),
            ),
        ),
    ]
