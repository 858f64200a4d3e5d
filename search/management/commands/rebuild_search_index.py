from django.core.management.base import BaseCommand

from search.indexing import rebuild_index
from search.models import SearchDocument


class Command(BaseCommand):
    help = "Index every live creator, assessor, report, SDG target and indicator, FAQ question and page again."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Only when the index holds nothing yet.")

    def handle(self, *args, if_empty=False, **options):
        if if_empty and SearchDocument.objects.exclude(kind="page").exclude(kind="faq").exists():
            self.stdout.write("Search index already built; nothing to do.")
            return
        counts = rebuild_index()
        self.stdout.write("Search index rebuilt: " + ", ".join(f"{kind} {n}" for kind, n in counts.items()))
