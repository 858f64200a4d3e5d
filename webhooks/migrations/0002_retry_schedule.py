"""Periodic webhook re-sending: a django-q2 schedule, so a fresh database is ready without manual setup."""

from django.db import migrations

SCHEDULE_NAME = "webhooks-retry"
MINUTES = "I"  # django_q.models.Schedule.MINUTES (historical models have no class constants)


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.get_or_create(
        name=SCHEDULE_NAME,
        defaults={"func": "webhooks.tasks.retry_webhooks", "schedule_type": MINUTES, "minutes": 1, "repeats": -1},
    )


def delete_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(name=SCHEDULE_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("webhooks", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedule, delete_schedule)]
