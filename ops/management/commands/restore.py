from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.restore import BackupDamaged, DatabaseNotEmpty, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup folder into an empty database and file storages, then erase again every account and "
        "report the purge ledger says was erased (PURGE_LEDGER_ROOT). Stop the web and task processes first."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="a backup folder written by manage.py backup")
        parser.add_argument("--replace", action="store_true", help="overwrite a database that already has tables")

    def handle(self, *args, folder, replace=False, **options):
        try:
            result = backup_restore(folder=folder, replace=replace)
        except (BackupDamaged, DatabaseNotEmpty, FileNotFoundError) as problem:
            raise CommandError(str(problem)) from problem
        self.stdout.write(
            f"restored {result['files']} files; erased again from the purge ledger: {result['erased_again']}"
        )
