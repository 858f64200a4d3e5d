from pathlib import Path

from django.core.management.base import BaseCommand

from ops.backup import backup_create


class Command(BaseCommand):
    help = "Back up the database and every stored file (media, private, quarantine) into BACKUP_ROOT/<UTC time>/."

    def add_arguments(self, parser):
        parser.add_argument("--root", type=Path, help="folder to write the backup into (default: BACKUP_ROOT)")

    def handle(self, *args, root=None, **options):
        folder = backup_create(root=root)
        self.stdout.write(str(folder))
