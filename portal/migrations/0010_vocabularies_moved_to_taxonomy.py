"""portal forgets the vocabularies in state only: taxonomy owns the same tables (taxonomy 0001)."""

import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('creators', '0012_vocabularies_from_taxonomy'),
        ('reports', '0006_vocabularies_from_taxonomy'),
        ('portal', '0009_sample_data_flag'),
        ('taxonomy', '0001_initial_on_portal_tables'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='Province',
                ),
                migrations.RemoveField(
                    model_name='sdgtarget',
                    name='goal',
                ),
                migrations.RemoveField(
                    model_name='sdgindicator',
                    name='target',
                ),
                migrations.DeleteModel(
                    name='Sector',
                ),
                migrations.DeleteModel(
                    name='Theme',
                ),
                migrations.AlterField(
                    model_name='funder',
                    name='focus_sdgs',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='taxonomy.sdggoal', verbose_name='focus SDGs'),
                ),
                migrations.AlterField(
                    model_name='funder',
                    name='focus_sectors',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='taxonomy.sector', verbose_name='focus organisation types'),
                ),
                migrations.AlterField(
                    model_name='funder',
                    name='focus_themes',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='taxonomy.theme', verbose_name='focus thematic sectors'),
                ),
                migrations.DeleteModel(
                    name='SdgGoal',
                ),
                migrations.DeleteModel(
                    name='SdgIndicator',
                ),
                migrations.DeleteModel(
                    name='SdgTarget',
                ),
            ],
            database_operations=[],
        ),
    ]
