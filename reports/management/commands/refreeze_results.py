"""Recompute the frozen SROI results of reports another engine version froze (run after every deploy; idempotent)."""

from django.core.management.base import BaseCommand

from reports.services.results import results_refreeze_stale
from reports.sroi_fingerprint import ENGINE_FINGERPRINT


class Command(BaseCommand):
    help = "Recompute frozen SROI results (inputs, present value, ratio) frozen by another engine version."

    def handle(self, *args, **options):
        summary = results_refreeze_stale()
        self.stdout.write(
            f"SROI engine {ENGINE_FINGERPRINT}: {summary.checked} reports checked, {summary.changed} changed, "
            f"{summary.failed} refused by the engine (kept as they were, see the log)"
        )
