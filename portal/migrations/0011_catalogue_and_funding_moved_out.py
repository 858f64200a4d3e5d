"""portal forgets the funders and the Impact Data page in state only: funding and impact_data own the same tables."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0010_vocabularies_moved_to_taxonomy'),
        ('funding', '0001_initial_on_portal_tables'),
        ('impact_data', '0001_initial_on_portal_tables'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='funderindexpage',
                    name='page_ptr',
                ),
                migrations.RemoveField(
                    model_name='impactdataindexpage',
                    name='page_ptr',
                ),
                migrations.DeleteModel(
                    name='Funder',
                ),
                migrations.DeleteModel(
                    name='FunderIndexPage',
                ),
                migrations.DeleteModel(
                    name='ImpactDataIndexPage',
                ),
            ],
            database_operations=[],
        ),
    ]
