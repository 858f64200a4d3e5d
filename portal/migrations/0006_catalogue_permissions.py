"""Editors maintain the Impact Data catalogue (SDG targets and indicators); moderators may look it up."""

from django.db import migrations

EDITOR_ACTIONS = ["add", "change", "delete", "view"]
MODERATOR_ACTIONS = ["view"]
MODELS = {"sdgtarget": "SDG target", "sdgindicator": "indicator"}


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    for model_name, verbose_name in MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="portal", model=model_name)
        for group, actions in ((editors, EDITOR_ACTIONS), (moderators, MODERATOR_ACTIONS)):
            for action in actions:
                # Django creates model permissions after migrate; the groups need them now.
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{model_name}",
                    defaults={"name": f"Can {action} {verbose_name}"},
                )
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_catalogue_themes_funders"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
