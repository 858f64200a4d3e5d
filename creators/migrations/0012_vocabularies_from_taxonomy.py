"""Profiles point at the same tables, now known as taxonomy models: a change of Django's state only."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('creators', '0011_sample_data_flag'),
        ('taxonomy', '0001_initial_on_portal_tables'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='impactassessorprofile',
                    name='expertise_sectors',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='taxonomy.sector', verbose_name='expertise sectors'),
                ),
                migrations.AlterField(
                    model_name='impactassessorprofile',
                    name='provinces_served',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='taxonomy.province', verbose_name='provinces served'),
                ),
                migrations.AlterField(
                    model_name='impactcreatorprofile',
                    name='organisation_type',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='taxonomy.sector', verbose_name='organisation type'),
                ),
                migrations.AlterField(
                    model_name='impactcreatorprofile',
                    name='province',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='taxonomy.province', verbose_name='province'),
                ),
                migrations.AlterField(
                    model_name='impactcreatorprofile',
                    name='sdg_goals',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='taxonomy.sdggoal', verbose_name='focus SDGs'),
                ),
                migrations.AlterField(
                    model_name='impactcreatorprofile',
                    name='themes',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='taxonomy.theme', verbose_name='thematic sectors'),
                ),
            ],
            database_operations=[],
        ),
    ]
