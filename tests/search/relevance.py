"""The fixed relevance corpus (relevance_corpus.json) loaded into the database, and recall@10 / MRR over the query
set (relevance_queries.json). Used by the relevance test."""

from __future__ import annotations

import json
from pathlib import Path

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
from faq.models import FAQItem, FAQPage
from portal.models import Province, SdgGoal, SdgIndicator, SdgTarget, Sector
from reports.models import ImpactReport
from search.indexing import rebuild_index
from search.models import Kind
from search.service import search
from tests.search.factories import make_user

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "relevance_corpus.json"
QUERIES = HERE / "relevance_queries.json"


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


def evaluate(keys: dict[tuple[str, int], str]) -> tuple[float, float, list[str]]:
    """(recall@10 over all expected results, MRR of the first expected result, lines describing misses)."""
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))
    expected_total = found_total = 0
    reciprocal_ranks = []
    misses = []
    for entry in queries:
        language = "en" if entry["query"].isascii() else "th"
        hits = search(query=entry["query"], language=language, limit=10).hits
        ranked = [keys.get((hit.kind, hit.object_id), f"{hit.kind}:{hit.object_id}") for hit in hits]
        expected = entry["expected"]
        found = [key for key in expected if key in ranked]
        expected_total += len(expected)
        found_total += len(found)
        ranks = [ranked.index(key) + 1 for key in found]
        reciprocal_ranks.append(1 / min(ranks) if ranks else 0.0)
        if len(found) < len(expected):
            missing = sorted(set(expected) - set(found))
            misses.append(f"{entry['query']!r}: missing {missing}; top 10 {ranked}")
    return found_total / expected_total, sum(reciprocal_ranks) / len(reciprocal_ranks), misses
