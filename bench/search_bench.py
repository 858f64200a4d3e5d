"""Search at scale: 10,000 creators + 50,000 reports with Thai text in a separate SQLite database under var/.

Builds the corpus once (bulk_create, live=True) in var/search-bench.sqlite3 and reuses it; indexes it when the
index is empty (or BENCH_REINDEX=1) and prints the time that took; then times the search service the page and
the API use (search_grouped and search), concurrency 1, p50/p95 over a fixed query set.

Run from the project root: .venv/bin/python bench/search_bench.py  (BENCH_SEARCH_RUNS=3 repeats the query set)
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_PATH = Path(os.environ.get("BENCH_SEARCH_DB", ROOT / "var" / "search-bench.sqlite3"))
STATS_PATH = DB_PATH.with_suffix(".json")
os.environ["DATABASE_URL"] = f"sqlite:///{DB_PATH}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

CREATORS = 10_000
REPORTS_PER_CREATOR = 5
RUNS = int(os.environ.get("BENCH_SEARCH_RUNS", 3))
P95_TARGET_MS = 50.0
UNUSABLE = "!"  # Django's marker for an unusable password: the benchmark's accounts can't log in

KINDS = ["มูลนิธิ", "วิสาหกิจชุมชน", "สมาคม", "กลุ่ม", "เครือข่าย", "บริษัท", "สหกรณ์", "ศูนย์"]
TOPICS = [
    ("พัฒนาคุณภาพชีวิตผู้สูงอายุ", "elderly wellbeing"),
    ("อนุรักษ์ป่าต้นน้ำ", "watershed forest conservation"),
    ("เกษตรอินทรีย์", "organic farming"),
    ("การศึกษาเด็กชนบท", "rural children education"),
    ("พลังงานแสงอาทิตย์", "solar energy"),
    ("ประมงพื้นบ้าน", "small-scale fisheries"),
    ("การท่องเที่ยวโดยชุมชน", "community-based tourism"),
    ("สุขภาพแม่และเด็ก", "maternal and child health"),
    ("การจ้างงานคนพิการ", "disability employment"),
    ("ธนาคารขยะรีไซเคิล", "recycling waste bank"),
    ("สันติภาพและความปรองดอง", "peace and reconciliation"),
    ("การจัดการน้ำชุมชน", "community water management"),
    ("ทอผ้าพื้นเมือง", "traditional weaving"),
    ("กาแฟอาราบิก้า", "arabica coffee"),
    ("ป่าชายเลน", "mangrove restoration"),
    ("เยาวชนจิตอาสา", "youth volunteering"),
]
SENTENCES = [
    "ผู้สูงอายุในชุมชนได้รับการฝึกทักษะอาชีพและมีรายได้เพิ่มขึ้น",
    "อาสาสมัครเยี่ยมบ้านผู้ป่วยติดเตียงสัปดาห์ละสองครั้ง",
    "ชุมชนร่วมกันทำแนวกันไฟและลาดตระเวนป่าในฤดูแล้ง",
    "เกษตรกรลดการใช้สารเคมีและขายผลผลิตได้ราคาดีขึ้น",
    "นักเรียนในโรงเรียนขนาดเล็กอ่านออกเขียนได้ดีขึ้น",
    "ติดตั้งแผงโซลาร์เซลล์บนหลังคาโรงพยาบาลส่งเสริมสุขภาพตำบล",
    "ชาวประมงปล่อยลูกปูม้าคืนสู่ทะเลและฟื้นฟูแหล่งหญ้าทะเล",
    "นักท่องเที่ยวเรียนรู้วิถีชีวิตและรายได้ส่วนหนึ่งเข้ากองทุนหมู่บ้าน",
    "หญิงตั้งครรภ์ฝากครรภ์ครบตามเกณฑ์และเด็กได้รับวัคซีน",
    "คนพิการได้งานประจำและพึ่งพาตนเองได้มากขึ้น",
    "ครัวเรือนคัดแยกขยะและขยะที่ส่งไปฝังกลบลดลง",
    "ผู้หญิงจากหลายศาสนาร่วมวงพูดคุยเพื่อลดความหวาดระแวง",
    "ครัวเรือนมีน้ำประปาสะอาดใช้ตลอดทั้งปี",
    "การประเมินผลตอบแทนทางสังคมจากการลงทุน (SROI) แสดงความคุ้มค่าของโครงการ",
    "องค์การบริหารส่วนตำบลสนับสนุนงบประมาณและอุปกรณ์",
    "The project reports outcomes with the Social Value principles.",
]
QUERIES = [
    "ผู้สูงอายุ", "เชียงใหม่", "Chiang Mai", "ป่าต้นน้ำ", "เกษตรอินทรีย์ ยโสธร", "กาแฟ", "ปูม้า", "โซลาร์เซลล์",
    "ทอผ้า", "คนพิการ กรุงเทพ", "ป่าชายเลน กระบี่", "วัคซีน", "น้ำประปา", "SROI", "social value", "elderly",
    "organic farming", "มูลนิธิพัฒนาคุณภาพชีวิตผู้สูงอายุ", "สันติภาพ ปัตตานี", "ขยะรีไซเคิล", "โครงการ",
    "การศึกษาที่เท่าเทียม", "ผู้ สูงอายุ", "ลืมรหัสผ่าน", "การท่องเที่ยวโดยชุมชน น่าน", "ไม่มีคำนี้ในระบบเลย",
    "xyzzy", "ความยากจน", "อาสาสมัคร", "สหกรณ์",
    # Several common words together: the hardest case for a bounded ranking.
    "กาแฟ ทอผ้า", "โครงการ ผู้สูงอายุ เชียงใหม่", "organic farming Yasothon", "solar energy school",
]  # fmt: skip


def build_corpus() -> None:
    from creators.models import ImpactCreatorProfile, User
    from portal.initial_content import load_initial_content
    from reports.models import ImpactReport
    from taxonomy.models import Province, SdgGoal, Sector

    load_initial_content()
    rng = random.Random(2024)  # fixed seed: comparable runs
    provinces = list(Province.objects.all())
    sectors = list(Sector.objects.all())
    goals = list(SdgGoal.objects.all())
    start = time.perf_counter()
    with transaction.atomic():
        users = User.objects.bulk_create(
            [User(email=f"bench{n}@example.org", password=UNUSABLE) for n in range(CREATORS)],
            batch_size=2000,
        )
        creators = []
        for n, user in enumerate(users):
            topic_th, topic_en = rng.choice(TOPICS)
            province = rng.choice(provinces)
            creators.append(
                ImpactCreatorProfile(
                    user=user,
                    slug=f"bench-creator-{n}",
                    name_th=f"{rng.choice(KINDS)}{topic_th}{province.name_th} {n}",
                    name_en=f"{province.name_en} {topic_en} organisation {n}",
                    description=" ".join(rng.sample(SENTENCES, 3)),
                    organisation_type=rng.choice(sectors),
                    province=province,
                    contact_name="x",
                    live=True,
                )
            )
        creators = ImpactCreatorProfile.objects.bulk_create(creators, batch_size=2000)
        through = ImpactCreatorProfile.sdg_goals.through
        through.objects.bulk_create(
            [through(impactcreatorprofile=c, sdggoal=g) for c in creators for g in rng.sample(goals, 2)],
            batch_size=5000,
        )
        reports = []
        for n in range(CREATORS * REPORTS_PER_CREATOR):
            creator = creators[n % CREATORS]
            topic_th, topic_en = rng.choice(TOPICS)
            reports.append(
                ImpactReport(
                    owner_id=creator.user_id,
                    slug=f"bench-report-{n}",
                    title_th=f"โครงการ{topic_th}ใน{creator.province.name_th} ปี {2560 + n % 8}",
                    title_en=f"{topic_en.capitalize()} project in {creator.province.name_en}",
                    summary=" ".join(rng.sample(SENTENCES, 4)),
                    live=True,
                )
            )
        reports = ImpactReport.objects.bulk_create(reports, batch_size=2000)
        provinces_through = ImpactReport.provinces.through
        provinces_through.objects.bulk_create(
            [provinces_through(impactreport=r, province=rng.choice(provinces)) for r in reports], batch_size=5000
        )
        goals_through = ImpactReport.sdg_goals.through
        goals_through.objects.bulk_create(
            [goals_through(impactreport=r, sdggoal=g) for r in reports for g in rng.sample(goals, 2)], batch_size=5000
        )
    print(f"corpus built: {CREATORS:,} creators + {len(reports):,} reports in {time.perf_counter() - start:.1f} s")


def index_corpus() -> dict:
    from search.indexing import rebuild_index
    from search.models import SearchPosting

    start, cpu_start = time.perf_counter(), time.process_time()
    counts = rebuild_index()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    stats = {
        "index_seconds": round(seconds, 1),
        # This process only: the SQLite writes happen in it too, so this is the indexing work itself.
        "index_cpu_seconds": round(cpu, 1),
        "documents": counts,
        "postings": SearchPosting.objects.count(),
    }
    STATS_PATH.write_text(json.dumps(stats))
    return stats


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def time_queries(label: str, run) -> float:
    timings = []
    for _ in range(RUNS):
        for query in QUERIES:
            start = time.perf_counter()
            run(query)
            timings.append((time.perf_counter() - start) * 1000)
    p95 = percentile(timings, 0.95)
    print(
        f"{label:44} p50 {statistics.median(timings):6.1f} ms  p95 {p95:6.1f} ms  max {max(timings):6.1f} ms "
        f"({len(timings)} searches, {len(QUERIES)} queries)"
    )
    return p95


def exhaustive_top(terms: list[str], kinds: tuple[str, ...], size: int) -> list[tuple[str, int]]:
    """The top ``size`` by the full ranking over every posting (what the bounded candidate window approximates):
    each stored weight times its term's factor (rarity × the kind's prior, search.scoring), as the service does."""
    from django.db.models import BigIntegerField, Case, Count, F, Sum, When

    from search.models import SearchPosting
    from search.ranking import indexed_items, term_counts
    from search.scoring import term_factors
    from search.service import _public_querysets, _scopes

    scopes = _scopes(public=_public_querysets(language="th"), province=None, sdg=None)
    factors = term_factors(term_counts(terms=terms, scopes=scopes), indexed_items())
    score = Case(
        *(
            When(kind=kind, term=term, then=F("weight") * factor)
            for kind in kinds
            for term, factor in factors.get(kind, {}).items()
        ),
        output_field=BigIntegerField(),
    )
    rows = (
        SearchPosting.objects.filter(term__in=terms, kind__in=kinds)
        .values("kind", "object_id")
        .annotate(matched=Count("*"), score=Sum(score))
        .order_by("-matched", "-score", "kind", "object_id")[:size]
    )
    return [(row["kind"], row["object_id"]) for row in rows]


def window_agreement() -> None:
    """How far the bounded ranking is from an exhaustive one, on the profiles and reports of every query."""
    from search.service import search, search_terms

    groups, kinds, size = ["creators", "assessors", "reports"], ("creator", "assessor", "report"), 10
    same, overlap, compared, differing = 0, 0.0, 0, []
    for query in QUERIES:
        terms = search_terms(query)
        expected = exhaustive_top(terms, kinds, size) if terms else []
        if not expected:
            continue
        got = [(hit.kind, hit.object_id) for hit in search(query=query, language="th", groups=groups, limit=size).hits]
        compared += 1
        same += got == expected
        if got != expected:
            differing.append(query)
        overlap += len(set(got) & set(expected)) / len(expected)
    print(
        f"bounded ranking vs exhaustive, top {size} profiles and reports: identical for {same} of {compared} "
        f"queries, mean overlap {overlap / compared:.3f}" + (f" (differs: {', '.join(differing)})" if differing else "")
    )


def main() -> None:
    settings.DEBUG = False
    DB_PATH.parent.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    from creators.models import ImpactCreatorProfile

    fresh = not ImpactCreatorProfile.objects.filter(slug="bench-creator-0").exists()
    if fresh:
        build_corpus()
    from reports.models import ImpactReport
    from search.models import SearchDocument
    from search.service import search, search_grouped
    from search.thai import dictionary

    print(
        f"corpus in {DB_PATH.relative_to(ROOT) if DB_PATH.is_relative_to(ROOT) else DB_PATH}: "
        f"{ImpactCreatorProfile.objects.public().count():,} creators, {ImpactReport.objects.public().count():,} reports"
    )
    if fresh or os.environ.get("BENCH_REINDEX") or not SearchDocument.objects.filter(kind="report").exists():
        stats = index_corpus()
        print(
            f"indexed the whole corpus in {stats['index_seconds']} s ({stats['index_cpu_seconds']} s of CPU): "
            f"{stats['postings']:,} postings, database {DB_PATH.stat().st_size / 1e9:.2f} GB"
        )
    else:
        stats = json.loads(STATS_PATH.read_text()) if STATS_PATH.exists() else {}
        print(
            f"index reused (BENCH_REINDEX=1 to rebuild); last full indexing took {stats.get('index_seconds', '?')} s "
            f"({stats.get('index_cpu_seconds', '?')} s of CPU)"
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    dictionary()
    search_grouped(query="warm up", language="th")
    p95_page = time_queries("search page (search_grouped, 6 groups)", lambda q: search_grouped(query=q, language="th"))
    p95_api = time_queries("API (search, top 20 across kinds)", lambda q: search(query=q, language="th", limit=20))
    time_queries("API, reports only, page 3", lambda q: search(query=q, language="th", groups=["reports"], offset=40))
    time_queries(
        "page filtered by province and SDG",
        lambda q: search_grouped(query=q, language="th", province="chiang-mai", sdg=3),
    )
    time_queries(
        "API, reports only, page 50 (deepest)", lambda q: search(query=q, language="th", groups=["reports"], offset=980)
    )
    window_agreement()
    worst = max(p95_page, p95_api)
    print(f"search p95 {worst:.1f} ms (target < {P95_TARGET_MS:.0f} ms): {'OK' if worst < P95_TARGET_MS else 'SLOWER'}")


if __name__ == "__main__":
    main()
