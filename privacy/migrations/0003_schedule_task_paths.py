"""The daily purge and retention schedules name their tasks by path (django-q2 stores it as text): point them at
``privacy.tasks``. ``moderation.tasks`` and ``creators.tasks`` keep aliases for tasks already queued under the old paths."""

from django.db import migrations

MOVED = {
    "moderation.tasks.purge_deleted_items": "privacy.tasks.purge_deleted_items",
    "moderation.tasks.purge_retained_records": "privacy.tasks.purge_retained_records",
    "creators.tasks.purge_unverified_registrations": "privacy.tasks.purge_unverified_registrations",
}


def forwards(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for old, new in MOVED.items():
        Schedule.objects.filter(func=old).update(func=new)


def backwards(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for old, new in MOVED.items():
        Schedule.objects.filter(func=new).update(func=old)


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0002_deletionrecord_content_type"),
        ("moderation", "0008_retention_schedule"),
        ("moderation", "0005_daily_schedules"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
