"""Delete-on-request records now live in the ``privacy`` app (privacy 0001 took the model over): forget the model
here, keep the table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0011_move_outboxemail_to_outbox"),
        ("privacy", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="DeletionRecord")],
            database_operations=[],
        ),
    ]
