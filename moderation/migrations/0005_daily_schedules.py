"""Daily django-q2 schedules: the moderators' digest (08:00) and the purge of unverified registrations (03:00).

django-q2 1.11 evaluates cron expressions in Conf.TIME_ZONE, which defaults to settings.TIME_ZONE
(Asia/Bangkok) when USE_TZ is on (django_q.conf, django_q.utils.localtime, Schedule.calculate_next_run),
so the expressions below are Bangkok wall-clock times, not UTC. Historical models skip Schedule.save(),
which would compute next_run for a cron schedule, so next_run is set here.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import migrations

BANGKOK = ZoneInfo("Asia/Bangkok")
CRON = "C"  # django_q.models.Schedule.CRON (historical models have no class constants)

SCHEDULES = {
    # Every day, weekends included: moderators may work on weekends; a day with nothing pending sends nothing.
    "moderator-digest": ("moderation.tasks.send_moderator_digest", "0 8 * * *", time(8, 0)),
    "purge-unverified-registrations": ("creators.tasks.purge_unverified_registrations", "0 3 * * *", time(3, 0)),
}


def next_bangkok_run(at: time, now: datetime | None = None) -> datetime:
    """The next occurrence of the Bangkok wall-clock time ``at`` strictly after ``now``."""
    now = (now or datetime.now(BANGKOK)).astimezone(BANGKOK)
    candidate = datetime.combine(now.date(), at, tzinfo=BANGKOK)
    if candidate <= now:
        candidate += timedelta(days=1)
    return candidate


def create_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, (func, cron, at) in SCHEDULES.items():
        Schedule.objects.get_or_create(
            name=name,
            defaults={
                "func": func,
                "schedule_type": CRON,
                "cron": cron,
                "repeats": -1,
                "next_run": next_bangkok_run(at),
            },
        )


def delete_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(name__in=list(SCHEDULES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0004_profile_workflows"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [
        migrations.RunPython(create_schedules, delete_schedules),
    ]
