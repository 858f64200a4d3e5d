"""What gets indexed for each kind of item: its weighted text fields and what a hit shows (title, snippet text,
Thai and English addresses). Reads only; ``search.indexing`` writes.

Weights: a title or name counts most, then the words that describe an item (organisation, provinces in Thai
and English, SDG names, sector, themes), then running text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.search import index

from core.text import clean_text
from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
from faq.models import FAQItem
from impact_data.models import ImpactDataIndexPage
from reports.models import ImpactReport
from search.models import Kind
from taxonomy.models import SdgIndicator, SdgTarget

TITLE = 10
DESCRIPTIVE = 5
TEXT = 2
# The text a snippet is cut from is kept to this length; the index itself sees the whole text.
BODY_CHARS = 4000


@dataclass
class IndexDocument:
    kind: str
    object_id: int
    title: str
    url: str
    title_en: str = ""
    url_en: str = ""
    body: str = ""
    fields: list[tuple[str, int]] = field(default_factory=list)


def _bilingual(terms) -> list[str]:
    return [name for term in terms if term is not None for name in (term.name_th, term.name_en)]


def _join(*parts: str) -> str:
    return " ".join(clean_text(part) for part in parts if part)


def _reverse_both(name: str, slug: str) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        thai = reverse(name, args=[slug])
    with translation.override("en"):
        english = reverse(name, args=[slug])
    return thai, english


def creator_document(profile: ImpactCreatorProfile) -> IndexDocument:
    url, url_en = _reverse_both("creators:creator_detail", profile.slug)
    described = [
        *_bilingual([profile.province, profile.organisation_type]),
        *_bilingual(profile.sdg_goals.all()),
        *_bilingual(profile.themes.all()),
    ]
    return IndexDocument(
        kind=Kind.CREATOR,
        object_id=profile.pk,
        title=profile.name_th,
        title_en=profile.name_en,
        url=url,
        url_en=url_en,
        body=_join(profile.description)[:BODY_CHARS],
        fields=[
            (_join(profile.name_th, profile.name_en), TITLE),
            (_join(*described), DESCRIPTIVE),
            (_join(profile.description, profile.address), TEXT),
        ],
    )


def assessor_document(profile: ImpactAssessorProfile) -> IndexDocument:
    url, url_en = _reverse_both("creators:assessor_detail", profile.slug)
    described = [*_bilingual(profile.expertise_sectors.all()), *_bilingual(profile.provinces_served.all())]
    return IndexDocument(
        kind=Kind.ASSESSOR,
        object_id=profile.pk,
        title=profile.name,
        url=url,
        url_en=url_en,
        body=_join(profile.biography or profile.qualifications)[:BODY_CHARS],
        fields=[
            (_join(profile.name), TITLE),
            (_join(*described), DESCRIPTIVE),
            (_join(profile.qualifications, profile.biography), TEXT),
        ],
    )


def _organisation_names(report: ImpactReport) -> list[str]:
    """The owner's organisation, named only while its profile is public (as the public report page does)."""
    for name in ("creator_profile", "assessor_profile"):
        profile = getattr(report.owner, name, None)
        if profile is not None and profile.is_public:
            return [profile.name_th, profile.name_en] if name == "creator_profile" else [profile.name]
    return []


def report_document(report: ImpactReport) -> IndexDocument:
    url, url_en = _reverse_both("reports:public", report.slug)
    prepared_by = report.prepared_by
    described = [
        *_organisation_names(report),
        prepared_by.name if prepared_by is not None and prepared_by.is_public else "",
        *_bilingual(report.provinces.all()),
        *_bilingual(report.sdg_goals.all()),
        *_bilingual([report.sector]),
        *_bilingual(report.themes.all()),
        report.location,
    ]
    return IndexDocument(
        kind=Kind.REPORT,
        object_id=report.pk,
        title=report.title_th or report.title_en,
        title_en=report.title_en,
        url=url,
        url_en=url_en,
        body=_join(report.summary)[:BODY_CHARS],
        fields=[
            (_join(report.title_th, report.title_en), TITLE),
            (_join(*described), DESCRIPTIVE),
            (_join(report.summary, report.sdg_targets), TEXT),
        ],
    )


def impact_data_bases() -> dict[str, str]:
    """Language → the address of the live Impact Data catalogue page ({} while there is none). One query: a
    rebuild reads it once for every target and indicator."""
    bases: dict[str, str] = {}
    for page in ImpactDataIndexPage.objects.live().select_related("locale"):
        base = page.get_url()
        if base:
            bases.setdefault(page.locale.language_code, base)
    return bases


def _impact_data_urls(subpath: str, bases: dict[str, str] | None) -> tuple[str, str]:
    """The item's own page under the Impact Data catalogue (Thai, English); empty while no such page is live."""
    bases = impact_data_bases() if bases is None else bases
    thai, english = bases.get(settings.LANGUAGE_CODE), bases.get("en")
    return (f"{thai}{subpath}/" if thai else ""), (f"{english}{subpath}/" if english else "")


def target_document(target: SdgTarget, bases: dict[str, str] | None = None) -> IndexDocument:
    url, url_en = _impact_data_urls(target.slug, bases)
    goal = target.goal
    return IndexDocument(
        kind=Kind.TARGET,
        object_id=target.pk,
        title=f"{target.number} {clean_text(target.text_th)}",
        title_en=f"{target.number} {clean_text(target.text_en)}",
        url=url,
        url_en=url_en,
        body=_join(target.text_th, target.text_en)[:BODY_CHARS],
        fields=[
            (_join(target.number, target.text_th, target.text_en), TITLE),
            (_join(goal.name_th, goal.name_en), DESCRIPTIVE),
        ],
    )


def indicator_document(indicator: SdgIndicator, bases: dict[str, str] | None = None) -> IndexDocument:
    url, url_en = _impact_data_urls(indicator.slug, bases)
    target = indicator.target
    return IndexDocument(
        kind=Kind.INDICATOR,
        object_id=indicator.pk,
        title=f"{indicator.code} {clean_text(indicator.name_th)}",
        title_en=f"{indicator.code} {clean_text(indicator.name_en)}",
        url=url,
        url_en=url_en,
        body=_join(indicator.name_th, indicator.name_en, indicator.unit)[:BODY_CHARS],
        fields=[
            (_join(indicator.code, indicator.name_th, indicator.name_en), TITLE),
            (_join(target.goal.name_th, target.goal.name_en, indicator.unit), DESCRIPTIVE),
            (_join(target.number, target.text_th, target.text_en), TEXT),
        ],
    )


def faq_document(item: FAQItem, page_url: str) -> IndexDocument:
    """A FAQ question on its own; the hit links to the question's anchor on the FAQ page."""
    answer = item.answer_text
    return IndexDocument(
        kind=Kind.FAQ,
        object_id=item.pk,
        title=clean_text(item.question),
        url=f"{page_url}#{item.anchor}",
        body=_join(answer)[:BODY_CHARS],
        fields=[(_join(item.question), TITLE), (_join(answer), TEXT)],
    )


def _page_field_text(page: Page, name: str) -> str:
    value = getattr(page, name, None)
    if value is None or name in ("title", "search_description"):
        return ""
    model_field = page._meta.get_field(name) if name in {f.name for f in page._meta.get_fields()} else None
    if model_field is not None and hasattr(model_field, "get_searchable_content"):
        return " ".join(str(part) for part in model_field.get_searchable_content(value))
    return strip_tags(str(value))


def page_document(page: Page) -> IndexDocument:
    """A live Wagtail page in its own locale: title, search description and every text field it declares in
    ``search_fields`` (intro, body...). FAQ questions are indexed on their own (see :func:`faq_document`)."""
    specific = page.specific
    names = [
        entry.field_name for entry in getattr(specific, "search_fields", []) if isinstance(entry, index.SearchField)
    ]
    text = _join(*(_page_field_text(specific, name) for name in dict.fromkeys(names) if name))
    return IndexDocument(
        kind=Kind.PAGE,
        object_id=page.pk,
        title=clean_text(page.title),
        url=page.get_url() or "",
        body=_join(page.search_description, text)[:BODY_CHARS],
        fields=[
            (_join(page.title, page.seo_title), TITLE),
            (_join(page.search_description), DESCRIPTIVE),
            (text, TEXT),
        ],
    )


BUILDERS: dict[str, Callable] = {
    Kind.CREATOR: creator_document,
    Kind.ASSESSOR: assessor_document,
    Kind.REPORT: report_document,
    Kind.TARGET: target_document,
    Kind.INDICATOR: indicator_document,
    Kind.PAGE: page_document,
}
