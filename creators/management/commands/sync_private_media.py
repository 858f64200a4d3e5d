"""Put every registrant's image files where their profile's state says (public or private); safe to run any time."""

from django.core.management.base import BaseCommand

from creators.private_media import registrant_media_sync_all


class Command(BaseCommand):
    help = "Move registrants' images between MEDIA_ROOT and PRIVATE_MEDIA_ROOT to match what approved profiles show."

    def handle(self, *args, **options):
        count = registrant_media_sync_all()
        self.stdout.write(f"Checked the images of {count} registrants.")
