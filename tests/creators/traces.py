"""Search the whole database and the media areas for strings that must be gone (PDPA erasure)."""

import json

from django.db import connection

from tests.media_areas import area_files


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


def media_files() -> set[str]:
    """Every file ("area:name") in the public area and in the private one (registrants' unapproved images), listed
    from the folders or the S3 buckets themselves."""
    return {f"{alias}:{name}" for alias in ("default", "private") for name in area_files(alias)}
