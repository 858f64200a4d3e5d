"""``manage.py demo_data``: load the fictional sample portal (``make demo``); ``--remove`` erases it again."""

import logging

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from portal.sample_data.load import SampleDataRefused, refusal_message, sample_data_load
from portal.sample_data.remove import sample_data_remove


class Command(BaseCommand):
    help = "Load fictional sample organisations, assessors, reports and funders, or remove them (--remove)."

    def add_arguments(self, parser):
        parser.add_argument("--remove", action="store_true", help="Erase every sample item, for real.")

    def handle(self, *args, remove: bool = False, **options):
        if remove:
            removed = sample_data_remove()
            self.stdout.write(f"Sample data removed: {removed.accounts} accounts, {removed.funders} funders.")
            return
        logging.getLogger("django-q").setLevel(logging.WARNING)  # not one "Enqueued" line per sample email
        try:
            loaded = sample_data_load()
        except SampleDataRefused as error:
            with translation.override("th"):
                thai = refusal_message()
            raise CommandError(f"{error}\n{thai}") from error
        self.stdout.write(
            f"Sample data: {loaded.accounts} accounts, {loaded.reports} reports, {loaded.funders} funders created "
            "(existing ones kept). Remove it with: make demo-remove"
        )
