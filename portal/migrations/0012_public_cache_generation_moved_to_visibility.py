"""The public cache generation now lives in the ``visibility`` app (visibility 0001 took the model over): forget it
here, keep the table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0011_catalogue_and_funding_moved_out"),
        ("visibility", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="PublicCacheGeneration")],
            database_operations=[],
        ),
    ]
