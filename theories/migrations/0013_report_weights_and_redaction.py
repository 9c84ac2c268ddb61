from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('theories', '0012_updated_at'),
    ]

    operations = [
        migrations.AddField(
            model_name='commentrevision',
            name='redacted',
            field=models.BooleanField(default=False, help_text='Removed for personal information: only moderators see it.'),
        ),
        migrations.AddField(
            model_name='report',
            name='address',
            field=models.CharField(blank=True, max_length=45),
        ),
        migrations.AddField(
            model_name='report',
            name='weight',
            field=models.PositiveSmallIntegerField(default=0, help_text='How much it counts toward hiding the item: 0 or 1.'),
        ),
        migrations.AddField(
            model_name='theoryrevision',
            name='redacted',
            field=models.BooleanField(default=False, help_text='Removed for personal information: only moderators see it.'),
        ),
        migrations.AlterField(
            model_name='comment',
            name='removal_reason',
            field=models.CharField(blank=True, choices=[('spam', 'Spam'), ('spoiler', 'Unmarked spoiler'), ('harassment', 'Harassment'), ('off_topic', 'Off-topic'), ('misattributed', 'Misattributed quote'), ('duplicate', 'Duplicate'), ('personal_info', 'Personal information'), ('other', 'Other')], max_length=20),
        ),
        migrations.AlterField(
            model_name='moderationaction',
            name='reason',
            field=models.CharField(blank=True, choices=[('spam', 'Spam'), ('spoiler', 'Unmarked spoiler'), ('harassment', 'Harassment'), ('off_topic', 'Off-topic'), ('misattributed', 'Misattributed quote'), ('duplicate', 'Duplicate'), ('personal_info', 'Personal information'), ('other', 'Other')], max_length=20),
        ),
        migrations.AlterField(
            model_name='moderationaction',
            name='target_title',
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AlterField(
            model_name='quote',
            name='removal_reason',
            field=models.CharField(blank=True, choices=[('spam', 'Spam'), ('spoiler', 'Unmarked spoiler'), ('harassment', 'Harassment'), ('off_topic', 'Off-topic'), ('misattributed', 'Misattributed quote'), ('duplicate', 'Duplicate'), ('personal_info', 'Personal information'), ('other', 'Other')], max_length=20),
        ),
        migrations.AlterField(
            model_name='report',
            name='reason',
            field=models.CharField(choices=[('spam', 'Spam'), ('spoiler', 'Unmarked spoiler'), ('harassment', 'Harassment'), ('off_topic', 'Off-topic'), ('misattributed', 'Misattributed quote'), ('duplicate', 'Duplicate'), ('personal_info', 'Personal information'), ('other', 'Other')], max_length=20),
        ),
        migrations.AlterField(
            model_name='theory',
            name='removal_reason',
            field=models.CharField(blank=True, choices=[('spam', 'Spam'), ('spoiler', 'Unmarked spoiler'), ('harassment', 'Harassment'), ('off_topic', 'Off-topic'), ('misattributed', 'Misattributed quote'), ('duplicate', 'Duplicate'), ('personal_info', 'Personal information'), ('other', 'Other')], max_length=20),
        ),
    ]
