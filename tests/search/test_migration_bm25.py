"""Migration search 0003 converts an index written before BM25 (field weights, no lengths) in place, to exactly what
indexing writes now, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.db import connection

from search.models import SearchDocument, SearchPosting
from search.scoring import term_weight

pytestmark = pytest.mark.django_db

migration = importlib.import_module("search.migrations.0003_document_length_bm25_weights")


def test_an_old_index_is_converted_to_bm25_weights():
    SearchPosting.objects.all().delete()
    SearchDocument.objects.all().delete()
    old = {  # (kind, object id) → term → the old weight (its best field's)
        ("report", 1): {"กาแฟ": 10, "ดอย": 10, "เกษตรกร": 2, "การ": 3},
        ("faq", 7): {"สถานะ": 2, "อนุมัติ": 10},
        ("indicator", 3): {f"คำ{number}": weight for number, weight in enumerate([10] * 150 + [5] * 200 + [1] * 50)},
    }
    for (kind, object_id), terms in old.items():
        SearchDocument.objects.create(kind=kind, object_id=object_id, title="x", url="/x/")  # length 0: before 0003
        SearchPosting.objects.bulk_create(
            SearchPosting(term=term, kind=kind, object_id=object_id, weight=weight) for term, weight in terms.items()
        )

    migration.convert(None, SimpleNamespace(connection=connection))

    for (kind, object_id), terms in old.items():
        assert SearchDocument.objects.get(kind=kind, object_id=object_id).length == len(terms)
        stored = dict(SearchPosting.objects.filter(kind=kind, object_id=object_id).values_list("term", "weight"))
        assert stored == {term: term_weight(weight, len(terms)) for term, weight in terms.items()}
