"""Writing the search index (services): index an item, remove it, rebuild everything.

Why our own inverted index (``search.models``: ``SearchPosting(term, kind, object_id, weight)`` and one
``SearchDocument`` per item) instead of Wagtail's search backend over pre-segmented fields:

- It behaves identically on SQLite and PostgreSQL. A query is plain SQL (``term IN (...)``, ``GROUP BY``,
  ``SUM``) on one covering index, so ranking, counts and recall are the same on both; CI runs both. Wagtail's
  database backend uses FTS5 on SQLite and tsvector on PostgreSQL, which tokenise and rank differently (FTS5
  splits Thai on vowel and tone marks, so raw Thai terms would need an encoding first).
- Thai terms are exact strings produced by ``search.thai`` at index and query time; the database never has to
  understand Thai. English terms are stemmed by ``search.stemming`` on both sides.
- The public filter is a SQL intersection in the same query: ``EXISTS (<the public queryset> with that id)`` per
  kind (see ``search.service``), so a deleted or unpublished item disappears at once, whatever the index holds.

Each field's terms get the field's weight; a Thai word found only inside a longer word (the offset scan of
``search.thai.index_term_sets``: "การ" inside "โครงการ") gets a third of it. A term keeps its best weight, which
is stored as its BM25 weight in this item (``search.scoring.term_weight``, with the item's number of distinct
terms as its length, also stored on ``SearchDocument.length``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache, partial

from django.db import connection, transaction
from django.db.models import Model
from wagtail.models import Page

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
from faq.models import FAQItem, FAQPage
from reports.models import ImpactReport
from search import documents
from search.documents import IndexDocument
from search.models import Kind, SearchDocument, SearchPosting
from search.scoring import term_weight
from search.stemming import stem
from search.thai import index_term_sets
from taxonomy.models import SdgIndicator, SdgTarget
from visibility.public import PUBLIC_ROWS

__all__ = [
    "follow",
    "index_documents",
    "index_faq_page",
    "rebuild_index",
    "remove_object",
    "remove_page",
]

CHUNK = 500
MODEL_KINDS: dict[type[Model], str] = {
    ImpactCreatorProfile: Kind.CREATOR,
    ImpactAssessorProfile: Kind.ASSESSOR,
    ImpactReport: Kind.REPORT,
    SdgTarget: Kind.TARGET,
    SdgIndicator: Kind.INDICATOR,
    FAQItem: Kind.FAQ,
}
_POSTING_INSERT = f"INSERT INTO {SearchPosting._meta.db_table} (term, kind, object_id, weight) VALUES (%s, %s, %s, %s)"  # noqa: S608


@lru_cache(maxsize=20_000)
def _field_terms(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(words, words found only inside longer words) of one field; cached because names, provinces and SDG names
    repeat across thousands of items."""
    words, extra = index_term_sets(text)
    stems = [stem(word) for word in words if word.isascii()]
    return tuple(dict.fromkeys([*words, *stems])), tuple(extra)


def postings(document: IndexDocument) -> dict[str, int]:
    """term → the weight of the best field it occurs in, for one document (before length normalisation)."""
    weights: dict[str, int] = {}
    for text, weight in document.fields:
        if not text:
            continue
        words, extra = _field_terms(text)
        for term in extra:
            weights[term] = max(weights.get(term, 0), max(1, weight // 3))
        for term in words:
            weights[term] = max(weights.get(term, 0), weight)
    return weights


def _delete(kind: str, object_ids: list[int]) -> None:
    SearchPosting.objects.filter(kind=kind, object_id__in=object_ids).delete()
    SearchDocument.objects.filter(kind=kind, object_id__in=object_ids).delete()


@transaction.atomic
def index_documents(docs: list[IndexDocument], *, replace: bool = True) -> int:
    """Write documents and their postings (replacing what the index held for them); returns postings written."""
    if not docs:
        return 0
    if replace:
        by_kind: dict[str, list[int]] = {}
        for doc in docs:
            by_kind.setdefault(doc.kind, []).append(doc.object_id)
        for kind, ids in by_kind.items():
            _delete(kind, ids)
    terms = [postings(doc) for doc in docs]
    SearchDocument.objects.bulk_create(
        SearchDocument(
            kind=doc.kind,
            object_id=doc.object_id,
            title=doc.title[:500],
            title_en=doc.title_en[:500],
            body=doc.body,
            url=doc.url[:500],
            url_en=doc.url_en[:500],
            length=len(weights),
        )
        for doc, weights in zip(docs, terms, strict=True)
    )
    rows = [
        (term, doc.kind, doc.object_id, term_weight(weight, len(weights)))
        for doc, weights in zip(docs, terms, strict=True)
        for term, weight in weights.items()
    ]
    with connection.cursor() as cursor:
        cursor.executemany(_POSTING_INSERT, rows)
    return len(rows)


def remove_object(*, kind: str, object_id: int, user_id: int | None = None) -> None:
    """Remove an item; for a creator profile also re-index its owner's reports, which no longer name it."""
    _delete(kind, [object_id])
    if kind == Kind.CREATOR and user_id:
        _index_queryset(_reports().filter(owner_id=user_id), documents.report_document)


def index_faq_page(*, page: FAQPage) -> None:
    """A FAQ page's questions, each its own document (a question removed from the page leaves the index through
    its post_delete signal)."""
    if page.live:
        url = page.get_url() or ""
        index_documents([documents.faq_document(item, url) for item in FAQItem.objects.filter(page=page)])


def index_page(*, page: Page) -> None:
    if not page.live or page.depth <= 1:
        remove_page(page=page)
        return
    index_documents([documents.page_document(page)])
    specific = page.specific
    if isinstance(specific, FAQPage):
        index_faq_page(page=specific)


def remove_page(*, page: Page) -> None:
    remove_object(kind=Kind.PAGE, object_id=page.pk)
    item_ids = list(FAQItem.objects.filter(page_id=page.pk).values_list("pk", flat=True))
    _delete(Kind.FAQ, item_ids)


# --- Following what changed --------------------------------------------------------------------------


def _public_ids(model: type[Model], ids: list[int]) -> set[int]:
    """Which of these rows the public may see now, read from the database (an announced instance may be stale,
    or already deleted)."""
    manager = model._base_manager
    rows = manager.filter(pk__in=ids)
    if hasattr(model.objects, "public"):
        rows = rows.filter(PUBLIC_ROWS)
    return set(rows.values_list("pk", flat=True))


def _faq_documents(items: list[FAQItem]) -> list[IndexDocument]:
    """Existing questions whose page is live (their page's publication indexes them; a deleted one is gone)."""
    docs = []
    pages = {page.pk: page for page in FAQPage.objects.live().filter(pk__in={item.page_id for item in items})}
    for item in items:
        page = pages.get(item.page_id)
        if page is not None:
            docs.append(documents.faq_document(item, page.get_url() or ""))
    return docs


def _follow_pages(pages: list[Page]) -> None:
    live = set(Page.objects.live().filter(pk__in=[page.pk for page in pages], depth__gt=1).values_list("pk", flat=True))
    for page in pages:
        if page.pk in live:
            index_page(page=page)
        else:
            remove_page(page=page)


def follow(*, objects: Iterable[Model]) -> None:
    """Make the index agree with the database for these announced objects (visibility.signals.content_changed):
    the public ones indexed again, the rest (unpublished, deleted on request, gone) removed. One read per model,
    one write for all; a creator profile also re-indexes its owner's public reports, which name it."""
    by_model: dict[type[Model], dict[int, Model]] = {}
    pages: dict[int, Page] = {}
    for obj in objects:
        if obj.pk is None:
            continue
        if isinstance(obj, Page):
            pages[obj.pk] = obj
        elif type(obj) in MODEL_KINDS:
            by_model.setdefault(type(obj), {})[obj.pk] = obj
    docs: list[IndexDocument] = []
    owners: set[int] = set()
    for model, items in by_model.items():
        kind = MODEL_KINDS[model]
        public = _public_ids(model, list(items))
        _delete(kind, [pk for pk in items if pk not in public])
        shown = [items[pk] for pk in items if pk in public]
        docs += _faq_documents(shown) if kind == Kind.FAQ else [documents.BUILDERS[kind](obj) for obj in shown]
        if kind == Kind.CREATOR:
            owners |= {obj.user_id for obj in items.values() if obj.user_id}
    index_documents(docs)
    if owners:
        announced = set(by_model.get(ImpactReport, {}))
        _index_queryset(_reports().filter(owner_id__in=owners).exclude(pk__in=announced), documents.report_document)
    if pages:
        _follow_pages(list(pages.values()))


# --- Rebuild -------------------------------------------------------------------------------------------


def _creators():
    return (
        ImpactCreatorProfile.objects.public()
        .select_related("province", "organisation_type")
        .prefetch_related("sdg_goals", "themes")
    )


def _assessors():
    return ImpactAssessorProfile.objects.public().prefetch_related("expertise_sectors", "provinces_served")


def _reports():
    return (
        ImpactReport.objects.public()
        .select_related("owner__creator_profile", "owner__assessor_profile", "prepared_by", "sector")
        .prefetch_related("provinces", "sdg_goals", "themes")
    )


def _chunks(queryset) -> Iterator[list]:
    """The queryset in primary-key order, CHUNK rows at a time (prefetches run per chunk)."""
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last).order_by("pk")[:CHUNK])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].pk


def _index_queryset(queryset, build) -> int:
    written = 0
    for chunk in _chunks(queryset):
        written += index_documents([build(obj) for obj in chunk])
    return written


def _live_pages() -> Iterable[Page]:
    return Page.objects.live().filter(depth__gt=1).specific().order_by("path")


def rebuild_index() -> dict[str, int]:
    """Empty the index and index every live item again; returns documents indexed per kind."""
    with transaction.atomic():
        SearchPosting.objects.all().delete()
        SearchDocument.objects.all().delete()
    _index_queryset(_creators(), documents.creator_document)
    _index_queryset(_assessors(), documents.assessor_document)
    _index_queryset(_reports(), documents.report_document)
    bases = documents.impact_data_bases()
    _index_queryset(SdgTarget.objects.select_related("goal"), partial(documents.target_document, bases=bases))
    _index_queryset(
        SdgIndicator.objects.select_related("target__goal"), partial(documents.indicator_document, bases=bases)
    )
    for page in _live_pages():
        index_page(page=page)
    return {kind: SearchDocument.objects.filter(kind=kind).count() for kind in Kind.values}
