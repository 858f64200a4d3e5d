"""Recall@10 and MRR of the search service on a fixed Thai/English corpus (run on SQLite and PostgreSQL)."""

import json

import pytest

from tests.search.relevance import QUERIES, evaluate, load_corpus

pytestmark = pytest.mark.django_db

RECALL_AT_10_FLOOR = 0.9


def test_query_set_is_large_enough():
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))
    thai = [entry for entry in queries if not entry["query"].isascii()]
    english = [entry for entry in queries if entry["query"].isascii()]
    assert len(thai) >= 40 and len(english) >= 10
    assert all(entry["expected"] for entry in queries)


def test_recall_at_10_and_mrr():
    keys = load_corpus()
    recall, mrr, misses = evaluate(keys)
    print(f"\nsearch relevance: recall@10 = {recall:.3f}, MRR = {mrr:.3f}")
    for line in misses:
        print("  miss", line)
    assert recall >= RECALL_AT_10_FLOOR
