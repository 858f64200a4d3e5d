"""The email outbox now lives in the ``outbox`` app (outbox 0001 took the model over): forget it here, keep the table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0010_outbox_claimed_at_interrupted_sends"),
        ("outbox", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="OutboxEmail")],
            database_operations=[],
        ),
    ]
