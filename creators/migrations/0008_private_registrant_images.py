"""Registrants' images that no approved, public profile shows leave MEDIA_ROOT for PRIVATE_MEDIA_ROOT.

Until this change every uploaded logo sat under MEDIA_ROOT from the moment of registration; from now on uploads are
written to the private root and move on approval (``creators.private_media``). This moves the files an existing
site already holds; a fresh database has none. Files only move, rows never change, so there is nothing to reverse.
"""

from django.db import migrations
from django.db.models import Q

UPLOAD_COLLECTION = "Registrant uploads"


def forwards(apps, schema_editor):
    from creators.private_media import hide_files

    Image = apps.get_model("wagtailimages", "Image")
    Rendition = apps.get_model("wagtailimages", "Rendition")
    profiles = [
        (apps.get_model("creators", "ImpactCreatorProfile"), "logo_id"),
        (apps.get_model("creators", "ImpactAssessorProfile"), "photo_id"),
    ]
    shown, registrants = set(), set()
    for model, field in profiles:
        registrants |= set(model.objects.values_list("user_id", flat=True))
        public = model.objects.filter(live=True, deleted_at__isnull=True, **{f"{field}__isnull": False})
        shown |= set(public.values_list(field, flat=True))
    hidden = Image.objects.filter(Q(uploaded_by_user_id__in=registrants) | Q(collection__name=UPLOAD_COLLECTION))
    for image in hidden.exclude(pk__in=shown).iterator():
        renditions = Rendition.objects.filter(image_id=image.pk).values_list("file", flat=True)
        hide_files([name for name in [image.file.name, *renditions] if name])


class Migration(migrations.Migration):
    dependencies = [
        ("creators", "0007_image_upload_attempts"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
