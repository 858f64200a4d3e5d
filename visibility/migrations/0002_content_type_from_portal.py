"""The public cache generation's content type row follows the model to this app, so permissions given to staff groups and
admin log entries (both point at the row's id) keep working after the move."""

from django.db import migrations

MODEL = "publiccachegeneration"


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
    _move(apps, source="portal", target="visibility")


def backwards(apps, schema_editor):
    _move(apps, source="visibility", target="portal")


class Migration(migrations.Migration):
    dependencies = [
        ("visibility", "0001_initial"),
        ("portal", "0012_public_cache_generation_moved_to_visibility"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
