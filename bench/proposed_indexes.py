"""The public-row partial indexes (now in creators 0005 and reports 0004), which the bench can drop for a before/after.

Each is a partial index on public rows (``live AND deleted_at IS NULL``, the exact terms ``.public()``
puts in every public query), ordered as a directory sorts, so SQLite walks the index instead of sorting
every public row, and a deep OFFSET skips index entries instead of sorted rows. The bench keeps
them unless BENCH_WITHOUT_INDEXES=1, which drops them in its own database to measure the difference.
SQL comes from Django's schema editor: exactly what the migration would create.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Index

from visibility.public import PUBLIC_ROWS as PUBLIC


def proposed() -> list[tuple[type, Index]]:
    from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
    from reports.models import ImpactReport

    return [
        (ImpactReport, Index(fields=["-first_published_at", "-id"], condition=PUBLIC, name="report_public_newest")),
        (ImpactReport, Index(fields=["sector", "sroi_ratio"], condition=PUBLIC, name="report_public_sector_ratio")),
        (
            ImpactReport,
            Index(fields=["sector", "-first_published_at", "-id"], condition=PUBLIC, name="report_public_sector_new"),
        ),
        (ImpactReport, Index(fields=["-sroi_ratio", "-id"], condition=PUBLIC, name="report_public_ratio")),
        (ImpactReport, Index(fields=["title_th", "title_en", "id"], condition=PUBLIC, name="report_public_title")),
        (
            ImpactCreatorProfile,
            Index(fields=["name_th", "name_en", "id"], condition=PUBLIC, name="creator_public_name"),
        ),
        (
            ImpactCreatorProfile,
            Index(fields=["-first_published_at", "-id"], condition=PUBLIC, name="creator_public_newest"),
        ),
        (
            ImpactCreatorProfile,
            Index(
                fields=["organisation_type", "name_th", "name_en", "id"], condition=PUBLIC, name="creator_public_type"
            ),
        ),
        (ImpactAssessorProfile, Index(fields=["name", "id"], condition=PUBLIC, name="assessor_public_name")),
    ]


def apply(*, enabled: bool) -> list[str]:
    """Create (enabled) or drop (not enabled) every proposed index; return the SQL of each one."""
    statements = []
    with connection.schema_editor() as editor:
        for model, index in proposed():
            exists = index.name in connection.introspection.get_constraints(connection.cursor(), model._meta.db_table)
            statements.append(str(index.create_sql(model, editor)))
            if enabled and not exists:
                editor.add_index(model, index)
            elif not enabled and exists:
                editor.remove_index(model, index)
    if enabled:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return statements
