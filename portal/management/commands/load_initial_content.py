from django.core.management.base import BaseCommand

from portal.initial_content import load_initial_content


class Command(BaseCommand):
    help = "Create the site's initial pages, FAQ and settings from site/content/. Safe to run repeatedly."

    def handle(self, *args, **options):
        report = load_initial_content()
        for line in report.lines():
            self.stdout.write(line)
