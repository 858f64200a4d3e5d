"""Time the Thai search text layer (search.thai): one-time dictionary load, index_terms throughput, query_terms.

Run from the project root: .venv/bin/python bench/search_text_bench.py [runs]
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DOCUMENT_CHARS = 5000
QUERY_COUNT = 1000
DEFAULT_RUNS = 20
QUERY_P95_TARGET_MS = 5.0

SENTENCES = [
    "โครงการพัฒนาทักษะอาชีพให้ผู้สูงอายุในชุมชนเชียงใหม่",
    "การประเมินผลตอบแทนทางสังคมจากการลงทุน (SROI) ของวิสาหกิจชุมชน",
    "กลุ่มแม่บ้านเกษตรกรแปรรูปผลผลิตทางการเกษตรเพื่อเพิ่มรายได้ให้ครัวเรือน",
    "ผู้มีส่วนได้ส่วนเสียได้รับประโยชน์จากกิจกรรมอบรมและการติดตามผลอย่างต่อเนื่อง",
    "มูลค่าทางการเงินของผลลัพธ์คำนวณจากตัวแทนทางการเงินที่เหมาะสมกับบริบทท้องถิ่น",
    "เยาวชนในจังหวัดน่านเรียนรู้การอนุรักษ์ป่าต้นน้ำร่วมกับองค์การบริหารส่วนตำบล",
    "ค่าใช้จ่ายในการดำเนินงานรวมถึงเวลาของอาสาสมัครและเครือข่ายภาคประชาสังคม",
    "รายงานฉบับนี้จัดทำขึ้นเพื่อเผยแพร่ต่อสาธารณะตามหลักการของ Social Value International",
]


def thai_document(chars: int, rng: random.Random) -> str:
    parts: list[str] = []
    while sum(len(part) + 1 for part in parts) < chars:
        parts.append(rng.choice(SENTENCES))
    return " ".join(parts)[:chars]


def queries(count: int, rng: random.Random) -> list[str]:
    from pythainlp.corpus import thai_words

    words = sorted(word for word in thai_words() if " " not in word)
    latin = ["SROI", "Chiang Mai", "report", "2567", "ESG"]
    result = []
    for _ in range(count):
        terms = [rng.choice(words) for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.3:
            terms.append(rng.choice(latin))
        separator = rng.choice(["", " ", "\u200b"])
        result.append(separator.join(terms))
    return result


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_RUNS
    rng = random.Random(2024)  # fixed seed so runs are comparable

    start = time.perf_counter()
    from search import thai

    thai.dictionary()
    load = time.perf_counter() - start
    print(f"dictionary load (import + word trie + first newmm call), once per process: {load * 1000:.0f} ms")

    document = thai_document(DOCUMENT_CHARS, rng)
    terms = thai.index_terms(document)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        thai.index_terms(document)
        timings.append(time.perf_counter() - start)
    median = statistics.median(timings)
    print(
        f"index_terms on {len(document):,} Thai chars: median {median * 1000:.1f} ms over {runs} runs "
        f"= {len(document) / median:,.0f} chars/s; {len(terms):,} terms, "
        f"searchable_text {len(thai.searchable_text(document)):,} chars"
    )

    sample = queries(QUERY_COUNT, rng)
    query_timings = []
    for query in sample:
        start = time.perf_counter()
        thai.query_terms(query)
        query_timings.append((time.perf_counter() - start) * 1000)
    cuts = statistics.quantiles(query_timings, n=100)
    p50, p95 = cuts[49], cuts[94]
    print(
        f"query_terms over {QUERY_COUNT:,} queries: p50 {p50:.3f} ms, p95 {p95:.3f} ms, "
        f"max {max(query_timings):.3f} ms (target p95 < {QUERY_P95_TARGET_MS} ms)"
    )

    worst = []
    for query in ("a" * 10000, "ก" * 10000, "\u200b" * 10000, "ผู้สูงอายุ " * 1000):
        start = time.perf_counter()
        thai.query_terms(query)
        worst.append((time.perf_counter() - start) * 1000)
    print(f"query_terms on 10 KB queries: max {max(worst):.2f} ms (bound 50 ms)")
    if p95 > QUERY_P95_TARGET_MS or max(worst) > 50:
        sys.exit("query_terms slower than its target")


if __name__ == "__main__":
    main()
