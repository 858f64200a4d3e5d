"""The funders' content types follow them to funding: pages, revisions, permissions and log entries keep theirs."""

from django.db import migrations

MODELS = ["funder", "funderindexpage"]


def relabel(old: str, new: str):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        moving = set(ContentType.objects.using(db).filter(app_label=old, model__in=MODELS).values_list("model", flat=True))
        # A row under the new label can only be one Django made itself after a partial migrate; the old row wins.
        ContentType.objects.using(db).filter(app_label=new, model__in=moving).delete()
        ContentType.objects.using(db).filter(app_label=old, model__in=MODELS).update(app_label=new)
        ContentType.objects.clear_cache()
        from django.contrib.contenttypes.models import ContentType as LiveContentType  # its cache, not its schema

        LiveContentType.objects.clear_cache()

    return move


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0001_initial_on_portal_tables"),
        ("portal", "0011_catalogue_and_funding_moved_out"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(relabel("portal", "funding"), relabel("funding", "portal"))]
