"""The search index: one row per indexed item (what a hit shows) and its postings (term → item, weight).

See ``search/indexing.py`` for why the index is our own inverted-index table rather than a full-text backend.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    CREATOR = "creator", _("Impact Creator")
    ASSESSOR = "assessor", _("Impact Assessor")
    REPORT = "report", _("Impact Report")
    TARGET = "target", _("SDG target")
    INDICATOR = "indicator", _("indicator")
    FAQ = "faq", _("FAQ question")
    PAGE = "page", _("page")


class SearchDocument(models.Model):
    """What a hit shows: its title, the text its snippet is cut from and its address (Thai and English)."""

    kind = models.CharField(max_length=12, choices=Kind.choices)
    object_id = models.BigIntegerField()
    title = models.CharField(max_length=500)
    title_en = models.CharField(max_length=500, blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    url_en = models.CharField(max_length=500, blank=True)
    # Distinct index terms (its number of postings): BM25's document length (search.scoring).
    length = models.PositiveIntegerField(default=0)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_kind_object")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"


class SearchPosting(models.Model):
    """One term of one indexed item and its BM25 weight there (``search.scoring.term_weight``: the best field it
    occurs in, normalised by the item's length)."""

    term = models.CharField(max_length=100)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    object_id = models.BigIntegerField()
    weight = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [
            # Covering: a query reads only this index (term → kind, item, weight), never the table.
            models.Index(fields=["term", "kind", "object_id", "weight"], name="search_posting_term"),
            # Impact order: a term's best postings of a kind first, so a query reads a bounded window of them
            # (search.ranking).
            models.Index(fields=["term", "kind", "-weight", "object_id"], name="search_posting_rank"),
            models.Index(fields=["kind", "object_id"], name="search_posting_object"),
        ]

    def __str__(self) -> str:
        return f"{self.term} → {self.kind} {self.object_id} ({self.weight})"
