"""Thai names for the approval workflows and their task: moderators read them on every screen of the admin.

Only names still at their English default change (a name staff edited stays), and the reverse restores them.
"""

from django.db import migrations

WORKFLOW_NAMES = {
    "Impact Creator approval": "การอนุมัติ Impact Creator",
    "Impact Assessor approval": "การอนุมัติ Impact Assessor",
    "Impact Report approval": "การอนุมัติ Impact Report",
}
TASK_NAMES = {"Moderators approve": "ผู้พิจารณาอนุมัติ"}


def _rename(apps, workflow_names: dict[str, str], task_names: dict[str, str]) -> None:
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    for old, new in workflow_names.items():
        Workflow.objects.filter(name=old).update(name=new)
    for old, new in task_names.items():
        Task.objects.filter(name=old).update(name=new)


def forwards(apps, schema_editor):
    _rename(apps, WORKFLOW_NAMES, TASK_NAMES)


def backwards(apps, schema_editor):
    _rename(apps, {v: k for k, v in WORKFLOW_NAMES.items()}, {v: k for k, v in TASK_NAMES.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0008_retention_schedule"),
        ("reports", "0002_report_workflow"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
