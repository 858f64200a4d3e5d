"""The Impact Report approval workflow (Moderators, 10 business days), ready on a fresh database."""

from django.db import migrations

MODERATOR_ACTIONS = ["view", "change", "publish", "lock", "unlock"]


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    ModerationTask = apps.get_model("moderation", "ModerationTask")

    moderators = Group.objects.get(name="Moderators")
    task = ModerationTask.objects.get(name="Moderators approve")
    content_type, _ = ContentType.objects.get_or_create(app_label="reports", model="impactreport")
    workflow, _ = Workflow.objects.get_or_create(name="Impact Report approval", defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})
    WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": workflow})
    for action in MODERATOR_ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_impactreport",
            defaults={"name": f"Can {action} impact report"},
        )
        moderators.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("moderation", "0004_profile_workflows"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
