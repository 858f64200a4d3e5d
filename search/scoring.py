"""Relevance arithmetic (pure Python, no Django): BM25 term weights, term rarity and what visitors look for.

An item's score for a query is ``Σ rarity(term) × weight(term, item) × prior(kind)`` over the query's terms it
contains (``search.ranking`` ranks items with more of the terms first, then by this score):

- ``weight`` is BM25's term-frequency part, computed once when the item is indexed (:func:`term_weight`) and
  stored in ``SearchPosting.weight``: the weight of the best field the term occurs in (title 10, descriptive
  words 5, running text 2, a word found only inside a longer word a third of that: ``search.documents``) taken
  as the term frequency, saturated by ``K1`` and normalised by the item's length (its number of distinct index
  terms, ``SearchDocument.length``) against ``PIVOT_LENGTH``. A word in a short FAQ answer thus weighs more
  than the same word in the title of a long catalogue row, and a title word no longer weighs five times a text
  word. Because it depends only on the item, a term's postings can be read best first from the impact-ordered
  index, which is what keeps the ranking's work bounded.
- ``rarity`` is BM25's inverse document frequency (:func:`rarity`), from the number of items in scope that hold
  the term (the per-term counts query ``search.ranking.term_counts`` already makes) and the number of indexed
  items: a rare word of a query counts more than a common one.
- ``prior`` (``KIND_PRIOR``) is what visitors come for: help (FAQ questions, pages) and organisations before
  reports, reports before rows of the SDG catalogue, when the rest of the score is close.

Everything is an integer, so SQLite and PostgreSQL add up the same numbers and rank identically.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

__all__ = [
    "IMPACT_SCALE",
    "K1",
    "KIND_PRIOR",
    "PIVOT_LENGTH",
    "RARITY_SCALE",
    "B",
    "rarity",
    "term_factors",
    "term_weight",
]

# BM25's term-frequency saturation (its usual value) and how much length matters (0 = not at all; 0.75 is usual,
# ours is lower because a length here also counts the overlapping Thai forms and a catalogue row's two languages).
K1 = 1.2
B = 0.5
# Distinct index terms of a typical item (a creator, report or FAQ question has 100-250; a catalogue row, with
# its target's text in two languages, 150-600). A fixed pivot instead of the corpus average keeps every stored
# weight valid when items are added or removed.
PIVOT_LENGTH = 200
# Stored weights and rarities are these multiples of BM25's values, rounded: integers, precise to 1 %.
IMPACT_SCALE = 100
RARITY_SCALE = 100

# Percent: a FAQ question or a page comes before a catalogue row whose own score is up to twice as high, an
# organisation before one up to 1.5 times as high. Chosen on the relevance set (tests/search/relevance.py).
KIND_PRIOR: dict[str, int] = {
    "faq": 200,
    "page": 200,
    "creator": 150,
    "assessor": 150,
    "report": 125,
    "target": 100,
    "indicator": 100,
}


def term_weight(field_weight: int, length: int) -> int:
    """BM25's term-frequency part for a term whose best field has ``field_weight`` in an item of ``length``
    distinct terms, times ``IMPACT_SCALE`` and rounded half up; at least 1 (a stored term always counts)."""
    norm = 1 - B + B * length / PIVOT_LENGTH
    value = IMPACT_SCALE * field_weight * (K1 + 1) / (field_weight + K1 * norm)
    return max(1, math.floor(value + 0.5))


def rarity(items_with_term: int, items: int) -> int:
    """BM25's inverse document frequency, ``ln(1 + (N - n + 0.5) / (n + 0.5))``, times ``RARITY_SCALE``,
    rounded half up; at least 1. ``items`` below ``items_with_term`` (a count read a moment earlier) is raised."""
    items = max(items, items_with_term)
    value = RARITY_SCALE * math.log(1 + (items - items_with_term + 0.5) / (items_with_term + 0.5))
    return max(1, math.floor(value + 0.5))


def term_factors(per_term: Mapping[str, Mapping[str, int]], items: int) -> dict[str, dict[str, int]]:
    """kind → term → what each stored weight is multiplied by: the term's rarity across every kind in scope
    (``per_term`` is kind → term → items holding it) times the kind's prior."""
    holding: dict[str, int] = {}
    for terms in per_term.values():
        for term, count in terms.items():
            holding[term] = holding.get(term, 0) + count
    return {
        kind: {term: rarity(holding[term], items) * KIND_PRIOR.get(kind, 100) for term in terms}
        for kind, terms in per_term.items()
    }
