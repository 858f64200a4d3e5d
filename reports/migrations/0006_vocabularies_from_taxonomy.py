"""Reports point at the same tables, now known as taxonomy models: a change of Django's state only."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0005_sample_data_flag'),
        ('taxonomy', '0001_initial_on_portal_tables'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='impactreport',
                    name='provinces',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='taxonomy.province', verbose_name='provinces'),
                ),
                migrations.AlterField(
                    model_name='impactreport',
                    name='sdg_goals',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='taxonomy.sdggoal', verbose_name='SDG goals'),
                ),
                migrations.AlterField(
                    model_name='impactreport',
                    name='sector',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='taxonomy.sector', verbose_name='sector'),
                ),
                migrations.AlterField(
                    model_name='impactreport',
                    name='themes',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='taxonomy.theme', verbose_name='thematic sectors'),
                ),
                migrations.AlterField(
                    model_name='reportoutcome',
                    name='sdg_indicator',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='taxonomy.sdgindicator', verbose_name='catalogue indicator'),
                ),
            ],
            database_operations=[],
        ),
    ]
