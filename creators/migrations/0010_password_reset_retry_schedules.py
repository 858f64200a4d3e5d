"""Schedules for password resets and rate limits: re-handle reset requests whose task was lost (every 5 minutes)
and delete rate-limit buckets nothing counts any more (daily, 03:15 Bangkok).

Cron expressions are Bangkok wall-clock times (see moderation 0005_daily_schedules); historical models skip
Schedule.save(), so next_run is set here.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import migrations

BANGKOK = ZoneInfo("Asia/Bangkok")
MINUTES, CRON = "I", "C"  # django_q.models.Schedule.MINUTES / CRON (historical models have no constants)
RETRY = "password-reset-retry"
PURGE = "rate-limit-purge"
PURGE_AT = time(3, 15)


def next_bangkok_run(at: time) -> datetime:
    now = datetime.now(BANGKOK)
    candidate = datetime.combine(now.date(), at, tzinfo=BANGKOK)
    return candidate if candidate > now else candidate + timedelta(days=1)


def create_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.get_or_create(
        name=RETRY,
        defaults={
            "func": "creators.tasks.retry_stranded_password_resets",
            "schedule_type": MINUTES,
            "minutes": 5,
            "repeats": -1,
        },
    )
    Schedule.objects.get_or_create(
        name=PURGE,
        defaults={
            "func": "creators.tasks.purge_rate_limits",
            "schedule_type": CRON,
            "cron": f"{PURGE_AT.minute} {PURGE_AT.hour} * * *",
            "repeats": -1,
            "next_run": next_bangkok_run(PURGE_AT),
        },
    )


def delete_schedules(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name__in=[RETRY, PURGE]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("creators", "0009_rate_limits_and_reset_audience"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedules, delete_schedules)]
