"""Approval workflows for Impact Creator and Impact Assessor profiles, moderated by the Moderators group."""

from django.db import migrations

PROFILE_MODELS = {
    "impactcreatorprofile": "Impact Creator approval",
    "impactassessorprofile": "Impact Assessor approval",
}
TASK_NAME = "Moderators approve"
MODERATOR_ACTIONS = ["view", "change", "publish", "lock", "unlock"]


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    ModerationTask = apps.get_model("moderation", "ModerationTask")

    moderators, _ = Group.objects.get_or_create(name="Moderators")
    task_ct, _ = ContentType.objects.get_or_create(app_label="moderation", model="moderationtask")
    task = ModerationTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = ModerationTask.objects.create(name=TASK_NAME, content_type=task_ct, active=True)
    task.groups.add(moderators)

    for model_name, workflow_name in PROFILE_MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="creators", model=model_name)
        workflow, _ = Workflow.objects.get_or_create(name=workflow_name, defaults={"active": True})
        WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})
        WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": workflow})
        # Wagtail creates publish/lock permissions for snippets after migrate; moderators need them now.
        for action in MODERATOR_ACTIONS:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model_name}",
                defaults={"name": f"Can {action} {model_name}"},
            )
            moderators.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0003_moderationtask"),
        ("creators", "0002_passwordresetrequest_user_email_verified_at_and_more"),
        ("portal", "0002_locales_and_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
