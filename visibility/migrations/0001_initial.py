"""The public cache generation moves from portal to this app in Django's bookkeeping only: the row stays in
portal_publiccachegeneration. Runs after portal 0011 (its last migration before the move); portal 0012 forgets it.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("portal", "0011_catalogue_and_funding_moved_out"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PublicCacheGeneration",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("value", models.PositiveBigIntegerField(default=0)),
                    ],
                    options={
                        "verbose_name": "public cache generation",
                        "verbose_name_plural": "public cache generations",
                        "db_table": "portal_publiccachegeneration",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
