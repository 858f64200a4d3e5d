"""The "outbox-retry" schedule names its task by path (django-q2 stores it as text): point it at ``outbox.tasks``.

``moderation.tasks`` keeps aliases as well, for tasks already queued under the old path when this runs.
"""

from django.db import migrations

SCHEDULE_NAME = "outbox-retry"
OLD_FUNC = "moderation.tasks.retry_outbox"
NEW_FUNC = "outbox.tasks.retry_outbox"


def forwards(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(name=SCHEDULE_NAME, func=OLD_FUNC).update(func=NEW_FUNC)


def backwards(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(name=SCHEDULE_NAME, func=NEW_FUNC).update(func=OLD_FUNC)


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0002_outboxemail_content_type"),
        ("moderation", "0002_outbox_schedule"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
