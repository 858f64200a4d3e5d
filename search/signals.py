"""Keep the search index in step with what the public may see, from the one "public content changed" signal
(visibility.signals): every announced profile, report, SDG row, question or page is indexed again if public
and removed otherwise (a purge leaves no trace). An announcement without objects names nothing to follow here:
whoever changes searchable content announces the objects.

Queries still check visibility of what they show (search.service), so a stale entry can never surface an item.
"""

from __future__ import annotations

from search.indexing import follow
from visibility.signals import content_changed


def index_follows(sender=None, objects=(), **kwargs) -> None:
    follow(objects=objects)


def connect_signals() -> None:
    content_changed.connect(index_follows, dispatch_uid="search-index.content-changed")


connect_signals()  # imported once at start-up by core's app config
