"""The task cluster's heartbeat: a django-q2 schedule every minute, so a fresh database is ready for /readyz/."""

from django.db import migrations
from django.utils import timezone

NAME = "cluster-heartbeat"
MINUTES = "I"  # django_q.models.Schedule.MINUTES (historical models have no class constants)


def create_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        name=NAME,
        defaults={
            "func": "ops.tasks.cluster_heartbeat",
            "schedule_type": MINUTES,
            "minutes": 1,
            "repeats": -1,
            "next_run": timezone.now(),
        },
    )


def delete_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ops", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedule, delete_schedule)]
