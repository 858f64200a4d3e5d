"""#20: moving models between apps loses no row. Builds the benchmark data at QUICK size (1,000 creators, 200
assessors, 5,000 reports) on a fresh database, migrates back to before every move and forward again, and
compares every table's row count and id checksum and every content type's id. Exit 1 on any difference.

    make migration-roundtrip                              # SQLite under var/bench/roundtrip.sqlite3
    BENCH_DATABASE_URL=postgres://.../impact_roundtrip make migration-roundtrip   # an empty PostgreSQL database
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
os.environ.setdefault("BENCH_DB", str(Path(__file__).resolve().parent.parent / "var" / "bench" / "roundtrip.sqlite3"))

# Each app's last migration before a model left or arrived (None: the receiving app did not exist yet).
BEFORE_THE_MOVES = [
    ("portal", "0009_sample_data_flag"),
    ("creators", "0011_sample_data_flag"),
    ("reports", "0005_sample_data_flag"),
    ("moderation", "0010_outbox_claimed_at_interrupted_sends"),
    ("taxonomy", None),
    ("outbox", None),
    ("privacy", None),
    ("impact_data", None),
    ("funding", None),
    ("visibility", None),
]
SKIPPED_TABLES = frozenset({"django_migrations"})


def _numeric_id(connection, cursor, table: str) -> bool:
    for column in connection.introspection.get_table_description(cursor, table):
        if column.name == "id":
            try:
                field_type = connection.introspection.get_field_type(column.type_code, column)
            except KeyError:  # a type Django does not map (tsvector, ...)
                return False
            return "Integer" in field_type or "AutoField" in field_type
    return False


def snapshot(connection) -> dict[str, tuple[int, int]]:
    """Every table's (row count, sum of ids) — where the table has a numeric ``id`` column, else 0."""
    result = {}
    with connection.cursor() as cursor:
        for table in sorted(set(connection.introspection.table_names()) - SKIPPED_TABLES):
            quoted = connection.ops.quote_name(table)
            total = "COALESCE(SUM(id), 0)" if _numeric_id(connection, cursor, table) else "0"
            cursor.execute(f"SELECT COUNT(*), {total} FROM {quoted}")  # noqa: S608  (table names from introspection)
            count, ids = cursor.fetchone()
            result[table] = (int(count), int(ids))
    return result


def content_types(connection) -> dict[int, tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, app_label, model FROM django_content_type")
        return {row[0]: (row[1], row[2]) for row in cursor.fetchall()}


def differences(before: dict, after: dict, *, common_only: bool) -> list[str]:
    tables = set(before) & set(after) if common_only else set(before) | set(after)
    return [f"{t}: {before.get(t)} → {after.get(t)}" for t in sorted(tables) if before.get(t) != after.get(t)]


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from bench.bench_data import QUICK, build
    from portal.initial_content import load_initial_content

    Path(connection.settings_dict["NAME"]).parent.mkdir(
        parents=True, exist_ok=True
    ) if connection.vendor == "sqlite" else None
    if connection.introspection.table_names():
        print(f"refusing: {connection.settings_dict['NAME']} is not empty (the round trip needs a fresh database)")
        return 2
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_initial_content()
    build(QUICK, random.Random(2026))
    filled = snapshot(connection)
    types = content_types(connection)
    rows = sum(c for c, _ in filled.values())
    print(f"filled {rows:,} rows in {len(filled)} tables ({time.perf_counter() - started:.0f} s)")

    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE_THE_MOVES)
    back = snapshot(connection)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(leaves)
    again = snapshot(connection)

    lost_going_back = differences(filled, back, common_only=True)
    lost_coming_back = differences(filled, again, common_only=False)
    moved_types = {i: t for i, t in content_types(connection).items() if types.get(i) != t}
    print(f"back to before the moves: {len(back)} tables, {len(lost_going_back)} changed")
    for line in lost_going_back:
        print("  ", line)
    print(f"forward again: {len(again)} tables, {len(lost_coming_back)} changed; content types changed: {moved_types}")
    for line in lost_coming_back:
        print("  ", line)
    ok = not lost_coming_back and not moved_types and len(types) == len(content_types(connection))
    rows = sum(c for c, _ in again.values())
    print(f"{'OK' if ok else 'FAILED'}: {rows:,} rows kept ({time.perf_counter() - started:.0f} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
