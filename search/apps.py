import sys

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from search.thai import preload_dictionary

# Commands whose processes segment Thai text as they run: they load the dictionary once, before forking workers.
PRELOADING_COMMANDS = frozenset({"qcluster"})


def preload_for_command(argv: list[str]) -> None:
    """Load the Thai dictionary at start-up for the task cluster (web processes do it in config/wsgi.py); other
    commands (migrate, shell, tests) don't pay the second it takes."""
    if len(argv) > 1 and argv[1] in PRELOADING_COMMANDS:
        preload_dictionary()


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        # search/signals.py is imported by core's app config; the dictionary is this app's own start-up.
        preload_for_command(sys.argv)
