"""After a purge: make erased rows unreadable in the database files too, not only in query results.

SQLite keeps deleted text in freed pages unless ``secure_delete`` is on (it is, in ``sqlite_database`` in
the settings), in the unused gaps of b-tree pages whose cells moved when pages were split or merged (measured:
a search-index term survived secure_delete there), in older WAL frames until a checkpoint, and in FTS5 index
segments (Wagtail's admin search) until they are merged. So after a purge batch: merge the FTS5 segments,
VACUUM (rewrites the file without any free space) and checkpoint the WAL, truncating it.
PostgreSQL leaves dead tuples until VACUUM; autovacuum reclaims them (README: Privacy).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import connection

__all__ = ["reclaim_erased_space"]

logger = logging.getLogger(__name__)
FTS5_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'"


def reclaim_erased_space() -> None:
    """SQLite: merge FTS5 segments (dropping deleted entries), VACUUM (``DELETION_PURGE_VACUUM``) and checkpoint
    the WAL into the database file, truncating it. A no-op on other databases; inside a transaction (tests) only
    the FTS5 merge runs."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(FTS5_TABLES)
        for (table,) in cursor.fetchall():
            cursor.execute(f'INSERT INTO "{table}"("{table}") VALUES (\'optimize\')')  # noqa: S608  from the schema
        if connection.in_atomic_block:
            return
        if settings.DELETION_PURGE_VACUUM:
            cursor.execute("VACUUM")  # blocks other writers while it runs (seconds for a small database)
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        busy, _frames, _done = cursor.fetchone()
    if busy:  # a reader held an old snapshot: the next purge (or SQLite's own checkpoints) finishes it
        logger.warning("purge: the WAL checkpoint was blocked by a reader; erased pages may remain in the WAL")
