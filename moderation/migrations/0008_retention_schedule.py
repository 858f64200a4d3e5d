"""The daily retention purge (03:30 Asia/Bangkok): sent emails, task results and login records past their retention.

Cron expressions are Bangkok wall-clock times (see 0007_deletion_purge_schedule); historical models skip
Schedule.save(), so next_run is set here.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import migrations

BANGKOK = ZoneInfo("Asia/Bangkok")
CRON = "C"  # django_q.models.Schedule.CRON
NAME = "retention-purge"
FUNC = "moderation.tasks.purge_retained_records"
AT = time(3, 30)


def next_bangkok_run(at: time) -> datetime:
    now = datetime.now(BANGKOK)
    candidate = datetime.combine(now.date(), at, tzinfo=BANGKOK)
    return candidate if candidate > now else candidate + timedelta(days=1)


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.get_or_create(
        name=NAME,
        defaults={
            "func": FUNC,
            "schedule_type": CRON,
            "cron": f"{AT.minute} {AT.hour} * * *",
            "repeats": -1,
            "next_run": next_bangkok_run(AT),
        },
    )


def delete_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0007_deletion_purge_schedule")]

    operations = [migrations.RunPython(create_schedule, delete_schedule)]
