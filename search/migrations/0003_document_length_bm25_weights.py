"""Each indexed item's length, and postings weighted by BM25 (search.scoring) instead of by field alone.

The index already holds what the new weights need: a posting's old weight is the weight of the term's best field
and an item's length is its number of postings. So an existing index is converted in place, with the arithmetic
of ``search.scoring.term_weight`` (the same constants, passed as parameters), and needs no re-indexing.
"""

from django.db import migrations, models

from search import scoring

DOCUMENTS = "search_searchdocument"
POSTINGS = "search_searchposting"


def convert(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {DOCUMENTS} SET length = (SELECT COUNT(*) FROM {POSTINGS} AS p "  # noqa: S608 - names only
            f"WHERE p.kind = {DOCUMENTS}.kind AND p.object_id = {DOCUMENTS}.object_id)"
        )
        length = (
            f"COALESCE((SELECT d.length FROM {DOCUMENTS} AS d WHERE d.kind = {POSTINGS}.kind "  # noqa: S608
            f"AND d.object_id = {POSTINGS}.object_id), %s)"
        )
        # scoring.term_weight: floor(SCALE * w * (K1 + 1) / (w + K1 * (1 - B + B * length / PIVOT)) + 0.5), >= 1
        value = f"(%s * weight * %s / (weight + %s * (%s + %s * {length} / %s)) + 0.5)"
        rounded = f"CAST({value} AS INTEGER)" if connection.vendor == "sqlite" else f"CAST(FLOOR({value}) AS INTEGER)"
        largest = "MAX" if connection.vendor == "sqlite" else "GREATEST"
        params = [
            scoring.IMPACT_SCALE,
            scoring.K1 + 1,
            scoring.K1,
            1 - scoring.B,
            scoring.B,
            scoring.PIVOT_LENGTH,
            scoring.PIVOT_LENGTH,
        ]
        cursor.execute(f"UPDATE {POSTINGS} SET weight = {largest}(1, {rounded})", params)  # noqa: S608


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_posting_rank_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="length",
            field=models.PositiveIntegerField(default=0),
        ),
        # Backwards the BM25 weights stay (the field weights are not kept): run rebuild_search_index after.
        migrations.RunPython(convert, migrations.RunPython.noop),
    ]
