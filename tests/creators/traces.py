"""Search the whole database and the media folder for strings that must be gone (PDPA erasure)."""

import json
from pathlib import Path

from django.conf import settings
from django.db import connection


def _variants(needle: str) -> set[str]:
    # JSON columns (revisions, log entries) may store Thai as \\uXXXX escapes.
    return {needle.lower(), json.dumps(needle)[1:-1].lower()}


def database_traces(*needles: str) -> list[tuple[str, str]]:
    """(table, needle) for every table that still holds one of the needles anywhere in any column."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names come from the schema)
            text = "\n".join(str(value) for row in cursor.fetchall() for value in row).lower()
            for needle in needles:
                if any(variant in text for variant in _variants(needle)):
                    found.append((table, needle))
    return found


def media_files() -> set[Path]:
    """Every file in the public media folder and in the private one (registrants' unapproved images)."""
    roots = [Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)]
    return {path for root in roots if root.exists() for path in root.rglob("*") if path.is_file()}
