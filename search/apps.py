import sys

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Commands whose processes segment Thai text as they run: they load the dictionary once, before forking workers.
PRELOADING_COMMANDS = frozenset({"qcluster"})


def preload_for_command(argv: list[str]) -> None:
    """Load the Thai dictionary at start-up for the task cluster (web processes do it in config/wsgi.py); other
    commands (migrate, shell, tests) don't pay the second it takes."""
    if len(argv) > 1 and argv[1] in PRELOADING_COMMANDS:
        from search.thai import preload_dictionary

        preload_dictionary()


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from search.signals import connect_signals

        connect_signals()
        preload_for_command(sys.argv)
