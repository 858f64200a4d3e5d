"""Moderators may delete on request; daily django-q2 schedule: purge items deleted on request whose restore window has passed (03:30 Bangkok).

Cron expressions are Bangkok wall-clock times (see 0005); historical models skip Schedule.save(), so
next_run is set here.
"""

from datetime import time

from django.db import migrations

from moderation.migrations import _schedules

NAME = "purge-deleted-items"
FUNC = "moderation.tasks.purge_deleted_items"
CRON_TYPE = "C"  # django_q.models.Schedule.CRON


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.get_or_create(
        name=NAME,
        defaults={
            "func": FUNC,
            "schedule_type": CRON_TYPE,
            "cron": "30 3 * * *",
            "repeats": -1,
            "next_run": _schedules.next_bangkok_run(time(3, 30)),
        },
    )


def grant_moderators(apps, schema_editor):
    """Moderators delete on request and restore (permissions are created after migrate, so here too)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    content_type, _ = ContentType.objects.get_or_create(app_label="moderation", model="deletionrecord")
    for action in ("add", "view", "change"):
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_deletionrecord",
            defaults={"name": f"Can {action} deleted item"},
        )
        moderators.permissions.add(permission)


def delete_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0006_deletion_record"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_schedule, delete_schedule),
        migrations.RunPython(grant_moderators, migrations.RunPython.noop),
    ]
