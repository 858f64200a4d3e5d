"""The fixed relevance corpus (relevance_corpus.json) loaded into the database, the query sets, and recall@10 / MRR.
Used by the relevance test (``make relevance`` prints the figures).

Two query sets:

- ``relevance_queries.json``: hand-written queries (Thai and English) with the items a reader expects.
- Queries generated from the seed FAQ (``site/content/faq.json``, from ``site/content/seed/faq.th.txt``): for every
  Thai seed question, each *distinctive* word of its answer, expecting that question in the top 10 of the single
  ranked list. A word is distinctive when it is

  1. a term the search makes of the answer (``search.service.search_terms``: segmented, de-duplicated) with a
     letter, no digit and at least two characters;
  2. not a stop word: neither a function word the search drops (``search.stopwords``) nor in PyThaiNLP's Thai
     stop-word list (1,030 words);
  3. rare in the corpus: held by at most ``MAX_SHARE_OF_ITEMS`` (10 %) of the indexed items;
  4. specific among the site's help: held by at most ``MAX_HELP_DOCUMENTS`` (4) help documents (FAQ questions and
     pages in Thai, the question itself included). The other help documents holding it (a page repeating the
     answer) are equally good answers: they are expected too, and all of them fit in the top 10.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from pythainlp.corpus import thai_stopwords
from wagtail.models import Page

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
from faq.models import FAQItem, FAQPage
from reports.models import ImpactReport
from search.indexing import rebuild_index
from search.models import Kind, SearchDocument, SearchPosting
from search.service import search, search_terms
from search.stopwords import STOPWORDS
from taxonomy.models import Province, SdgGoal, SdgIndicator, SdgTarget, Sector
from tests.search.factories import make_user

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "relevance_corpus.json"
QUERIES = HERE / "relevance_queries.json"
SEED_FAQ = settings.BASE_DIR / "site" / "content" / "faq.json"
MAX_SHARE_OF_ITEMS = 0.10
MAX_HELP_DOCUMENTS = 4
TOP = 10


def load_corpus() -> dict[tuple[str, int], str]:
    """Create the corpus as live items, rebuild the index; returns (kind, object id) → corpus key."""
    data = json.loads(CORPUS.read_text(encoding="utf-8"))
    keys: dict[tuple[str, int], str] = {}
    users = {}
    for item in data["creators"]:
        profile = ImpactCreatorProfile(
            user=make_user(),
            slug=item["key"],
            name_th=item["name_th"],
            name_en=item["name_en"],
            description=item["description"],
            organisation_type=Sector.objects.get(slug=item["sector"]),
            province=Province.objects.get(slug=item["province"]),
            contact_name="x",
            live=True,
        )
        profile.save()
        profile.sdg_goals.set(SdgGoal.objects.filter(number__in=item["sdgs"]))
        profile.save()  # parental many-to-many values are written on save
        users[item["key"]] = profile.user
        keys[(Kind.CREATOR, profile.pk)] = item["key"]
    for item in data["assessors"]:
        profile = ImpactAssessorProfile.objects.create(
            user=make_user(), slug=item["key"], name=item["name"], qualifications="SROI", biography=item["biography"]
        )
        profile.provinces_served.set(Province.objects.filter(slug__in=item["provinces"]))
        profile.save()
        keys[(Kind.ASSESSOR, profile.pk)] = item["key"]
    for item in data["reports"]:
        report = ImpactReport.objects.create(
            owner=users[item["owner"]],
            slug=item["key"],
            title_th=item["title_th"],
            title_en=item["title_en"],
            summary=item["summary"],
            live=True,
        )
        report.provinces.set(Province.objects.filter(slug__in=item["provinces"]))
        report.sdg_goals.set(SdgGoal.objects.filter(number__in=item["sdgs"]))
        report.save()
        keys[(Kind.REPORT, report.pk)] = item["key"]
    faq_page = FAQPage.objects.get(locale__language_code="th")
    for number, item in enumerate(data["faq"]):
        faq = FAQItem.objects.create(
            page=faq_page,
            sort_order=100 + number,
            anchor=item["key"],
            question=item["question"],
            answer=f"<p>{item['answer']}</p>",
        )
        keys[(Kind.FAQ, faq.pk)] = item["key"]
    for item in data["indicators"]:
        target, _ = SdgTarget.objects.update_or_create(
            number=item["target"],
            defaults={
                "goal": SdgGoal.objects.get(number=item["goal"]),
                "slug": item["target"].replace(".", "-"),
                "text_th": item["target_th"],
                "text_en": item["target_en"],
            },
        )
        indicator, _ = SdgIndicator.objects.update_or_create(
            code=item["code"],
            defaults={
                "target": target,
                "slug": item["code"].replace(".", "-"),
                "name_th": item["name_th"],
                "name_en": item["name_en"],
            },
        )
        keys[(Kind.TARGET, target.pk)] = f"{item['key']}-target"
        keys[(Kind.INDICATOR, indicator.pk)] = item["key"]
    rebuild_index()
    return keys


def _help_keys(keys: dict[tuple[str, int], str]) -> None:
    """Readable keys for the site's own help (seed FAQ questions, pages), so misses name them."""
    for item in FAQItem.objects.select_related("page__locale"):
        keys.setdefault((Kind.FAQ, item.pk), f"faq:{item.page.locale.language_code}:{item.anchor}")
    for page in Page.objects.filter(depth__gt=1).select_related("locale"):
        keys.setdefault((Kind.PAGE, page.pk), f"page:{page.locale.language_code}:{page.slug}")


def fixed_queries() -> list[dict]:
    return json.loads(QUERIES.read_text(encoding="utf-8"))


def _is_candidate(term: str, stopwords: frozenset[str]) -> bool:
    return (
        len(term) >= 2
        and any(char.isalpha() for char in term)
        and not any(char.isdigit() for char in term)
        and term not in stopwords
    )


def faq_word_queries(keys: dict[tuple[str, int], str], language: str = "th") -> list[dict]:
    """For every seed FAQ question, one query per distinctive word of its answer (see the module docstring)."""
    _help_keys(keys)
    stopwords = frozenset(STOPWORDS | thai_stopwords())
    items = SearchDocument.objects.count()
    help_ids = {
        Kind.FAQ: set(FAQItem.objects.filter(page__locale__language_code=language).values_list("pk", flat=True)),
        Kind.PAGE: set(Page.objects.filter(locale__language_code=language).values_list("pk", flat=True)),
    }
    anchors = [item["anchor"] for item in json.loads(SEED_FAQ.read_text(encoding="utf-8"))[language]["items"]]
    queries = []
    for anchor in anchors:
        question = FAQItem.objects.get(anchor=anchor, page__locale__language_code=language)
        question_key = keys[(Kind.FAQ, question.pk)]
        for term in search_terms(question.answer_text):
            if not _is_candidate(term, stopwords):
                continue
            holders = list(SearchPosting.objects.filter(term=term).values_list("kind", "object_id"))
            helping = [(kind, pk) for kind, pk in holders if pk in help_ids.get(kind, ())]
            if len(holders) > MAX_SHARE_OF_ITEMS * items or len(helping) > MAX_HELP_DOCUMENTS:
                continue
            others = sorted(keys[holder] for holder in helping if keys[holder] != question_key)
            queries.append(
                {"query": term, "language": language, "expected": [question_key, *others], "question": question_key}
            )
    return queries


@dataclass
class Scores:
    recall: float
    mrr: float
    misses: list[str] = field(default_factory=list)
    # Queries whose ``question`` (generated queries) is not in the top 10.
    questions_missed: list[str] = field(default_factory=list)


def evaluate(keys: dict[tuple[str, int], str], queries: list[dict]) -> Scores:
    """Recall@10 over all expected results and MRR of the first expected result, on the single ranked list."""
    expected_total = found_total = 0
    reciprocal_ranks = []
    scores = Scores(recall=0.0, mrr=0.0)
    for entry in queries:
        language = entry.get("language") or ("en" if entry["query"].isascii() else "th")
        hits = search(query=entry["query"], language=language, limit=TOP).hits
        ranked = [keys.get((hit.kind, hit.object_id), f"{hit.kind}:{hit.object_id}") for hit in hits]
        expected = entry["expected"]
        found = [key for key in expected if key in ranked]
        expected_total += len(expected)
        found_total += len(found)
        ranks = [ranked.index(key) + 1 for key in found]
        reciprocal_ranks.append(1 / min(ranks) if ranks else 0.0)
        if len(found) < len(expected):
            missing = sorted(set(expected) - set(found))
            scores.misses.append(f"{entry['query']!r}: missing {missing}; top 10 {ranked}")
        if "question" in entry and entry["question"] not in ranked:
            scores.questions_missed.append(f"{entry['query']!r} does not bring {entry['question']}; top 10 {ranked}")
    scores.recall = found_total / expected_total
    scores.mrr = sum(reciprocal_ranks) / len(reciprocal_ranks)
    return scores
