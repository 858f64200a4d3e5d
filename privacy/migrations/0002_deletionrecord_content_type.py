"""The deletion record's content type row follows the model to this app, so permissions given to staff groups and
admin log entries (both point at the row's id) keep working after the move."""

from django.db import migrations

MODEL = "deletionrecord"


def _move(apps, *, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label=source, model=MODEL).first()
    if old is None:
        return  # a fresh database: post_migrate creates the row under its new label
    # A row already made under the target label (a run interrupted after post_migrate) holds only its default
    # permissions; the old row keeps the grants and log entries, so it wins.
    ContentType.objects.filter(app_label=target, model=MODEL).delete()
    old.app_label = target
    old.save(update_fields=["app_label"])


def forwards(apps, schema_editor):
    _move(apps, source="moderation", target="privacy")


def backwards(apps, schema_editor):
    _move(apps, source="privacy", target="moderation")


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
        ("moderation", "0012_move_deletionrecord_to_privacy"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
