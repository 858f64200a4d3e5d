"""The benchmark database: live creators, assessors and reports with Thai text, bulk-created under var/bench/.

Run with DJANGO_SETTINGS_MODULE=config.settings.bench (load_bench.py does). The database is reused when
it already holds exactly the requested numbers of live rows; otherwise it is rebuilt from scratch.
Rows are created live (approved) and not deleted, with results filled in, as a moderator's approval
would leave them; the search index is not built (the load test does not search).
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")

BATCH = 2000
ORG_KINDS = ["มูลนิธิ", "สมาคม", "วิสาหกิจชุมชน", "บริษัท", "กลุ่ม", "สหกรณ์", "มหาวิทยาลัย", "เทศบาลตำบล"]
ORG_TOPICS = [
    "พัฒนาชุมชนยั่งยืน", "รักษ์ป่าต้นน้ำ", "เพื่อผู้สูงอายุ", "การศึกษาเพื่อเยาวชน", "เกษตรอินทรีย์",
    "พลังงานสะอาด", "สุขภาพชุมชน", "ผ้าทอพื้นเมือง", "ท่องเที่ยวโดยชุมชน", "ประมงพื้นบ้าน",
]  # fmt: skip
ACTIVITIES = [
    "พัฒนาทักษะอาชีพ", "ฟื้นฟูป่าชายเลน", "ส่งเสริมการอ่าน", "อบรมการเงินครัวเรือน", "ลดขยะพลาสติก",
    "ดูแลผู้ป่วยติดเตียง", "สร้างตลาดชุมชน", "ติดตั้งโซลาร์เซลล์", "ป้องกันยาเสพติด", "ปลูกผักปลอดสารพิษ",
]  # fmt: skip
GROUPS = ["ให้ผู้สูงอายุ", "สำหรับเยาวชน", "ของกลุ่มแม่บ้าน", "เพื่อผู้พิการ", "ของเกษตรกรรายย่อย", "ในโรงเรียน"]
SENTENCES = [
    "ผู้มีส่วนได้ส่วนเสียได้รับประโยชน์จากกิจกรรมอบรมและการติดตามผลอย่างต่อเนื่อง",
    "มูลค่าทางการเงินของผลลัพธ์คำนวณจากตัวแทนทางการเงินที่เหมาะสมกับบริบทท้องถิ่น",
    "ค่าใช้จ่ายในการดำเนินงานรวมถึงเวลาของอาสาสมัครและเครือข่ายภาคประชาสังคม",
    "รายงานฉบับนี้จัดทำขึ้นเพื่อเผยแพร่ต่อสาธารณะตามหลักการของ Social Value International",
    "ชุมชนมีรายได้เพิ่มขึ้นและพึ่งพาตนเองได้มากขึ้นหลังจากเข้าร่วมโครงการ",
]
OUTCOMES = [
    ("ผู้เข้าร่วม", "มีรายได้เพิ่มขึ้น", "รายได้ต่อเดือน", 3000, 15000),
    ("เยาวชน", "ทักษะการอ่านดีขึ้น", "คะแนนการอ่าน", 1500, 6000),
    ("ครัวเรือน", "ค่าใช้จ่ายด้านพลังงานลดลง", "ค่าไฟฟ้าที่ลดลงต่อปี", 2000, 9000),
    ("ผู้สูงอายุ", "สุขภาพกายและใจดีขึ้น", "จำนวนครั้งที่ไปโรงพยาบาล", 2500, 12000),
]


@dataclass(frozen=True)
class Sizes:
    creators: int
    assessors: int
    reports: int


FULL = Sizes(creators=10_000, assessors=2_000, reports=50_000)
QUICK = Sizes(creators=1_000, assessors=200, reports=5_000)


def sizes_from_env() -> Sizes:
    return QUICK if os.environ.get("BENCH_QUICK") == "1" else FULL


def _through(model, field_name: str):
    field = model._meta.get_field(field_name)
    return field.remote_field.through, f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"


def _link(model, field_name: str, pairs) -> None:
    through, source, target = _through(model, field_name)
    through.objects.bulk_create([through(**{source: a, target: b}) for a, b in pairs], batch_size=BATCH)


def current_sizes() -> Sizes:
    from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
    from reports.models import ImpactReport

    return Sizes(
        creators=ImpactCreatorProfile.objects.public().count(),
        assessors=ImpactAssessorProfile.objects.public().count(),
        reports=ImpactReport.objects.public().count(),
    )


def build(sizes: Sizes, rng: random.Random, *, tag: str = "") -> None:
    """Bulk-create live rows; ``tag`` keeps emails and slugs unique when building twice into one database."""
    from django.db import transaction
    from django.utils import timezone

    from creators.models import ImpactAssessorProfile, ImpactCreatorProfile, User
    from taxonomy.models import Province, SdgGoal, Sector, Theme

    sectors = list(Sector.objects.values_list("id", flat=True))
    provinces = list(Province.objects.values_list("id", "name_th"))
    goals = list(SdgGoal.objects.values_list("id", flat=True))
    themes = list(Theme.objects.values_list("id", flat=True))
    now = timezone.now()
    with transaction.atomic():
        users = User.objects.bulk_create(
            [
                User(email=f"bench{tag}{i}@example.org", password="!", email_verified_at=now)  # noqa: S106 (unusable)
                for i in range(sizes.creators + sizes.assessors)
            ],
            batch_size=BATCH,
        )
        creators = []
        for i, user in enumerate(users[: sizes.creators]):
            province_id, province_name = rng.choice(provinces)
            name = f"{rng.choice(ORG_KINDS)}{rng.choice(ORG_TOPICS)}{province_name} {i + 1}"
            creators.append(
                ImpactCreatorProfile(
                    user=user, slug=f"org-{tag}{i + 1:05d}", name_th=name, name_en=f"Organisation {i + 1}",
                    organisation_type_id=rng.choice(sectors), province_id=province_id,
                    description=" ".join(rng.sample(SENTENCES, 2)), contact_name="ผู้ประสานงาน",
                    contact_email=f"contact{i}@example.org", publish_contact=rng.random() < 0.3,
                    live=True, has_unpublished_changes=False,
                    first_published_at=now - timedelta(minutes=i), last_published_at=now,
                )
            )  # fmt: skip
        creators = ImpactCreatorProfile.objects.bulk_create(creators, batch_size=BATCH)
        _link(ImpactCreatorProfile, "sdg_goals", ((c.pk, g) for c in creators for g in rng.sample(goals, 1)))
        if themes:
            _link(ImpactCreatorProfile, "themes", ((c.pk, t) for c in creators for t in rng.sample(themes, 1)))
        assessors = ImpactAssessorProfile.objects.bulk_create(
            [
                ImpactAssessorProfile(
                    user=user, slug=f"assessor-{tag}{i + 1:04d}", name=f"ผู้ประเมินผลกระทบทางสังคม {i + 1}",
                    qualifications="SROI Practitioner (Social Value International)",
                    biography=" ".join(rng.sample(SENTENCES, 2)), live=True, has_unpublished_changes=False,
                    first_published_at=now - timedelta(minutes=i), last_published_at=now,
                )
                for i, user in enumerate(users[sizes.creators :])
            ],
            batch_size=BATCH,
        )  # fmt: skip
        _link(
            ImpactAssessorProfile, "expertise_sectors", ((a.pk, s) for a in assessors for s in rng.sample(sectors, 2))
        )
        _link(
            ImpactAssessorProfile,
            "provinces_served",
            ((a.pk, p[0]) for a in assessors for p in rng.sample(provinces, 3)),
        )
        build_reports(sizes, rng, creators, assessors, sectors, provinces, goals, themes, now, tag)


def build_reports(sizes, rng, creators, assessors, sectors, provinces, goals, themes, now, tag) -> None:
    from reports import sroi
    from reports.models import ImpactReport, ReportInput, ReportOutcome, ReportStakeholder

    for start in range(0, sizes.reports, BATCH * 5):
        stop = min(start + BATCH * 5, sizes.reports)
        reports, children = [], []
        for i in range(start, stop):
            province_id, province_name = rng.choice(provinces)
            amount = Decimal(rng.randrange(50_000, 2_000_000, 1000))
            outcomes = []
            for stakeholder, outcome, indicator, low, high in rng.sample(OUTCOMES, rng.randint(1, 2)):
                outcomes.append(
                    ReportOutcome(
                        stakeholder=stakeholder, outcome=outcome, indicator=indicator, unit="คน",
                        quantity=Decimal(rng.randint(10, 400)), financial_proxy=Decimal(rng.randint(low, high)),
                        deadweight=Decimal(rng.choice(["0.1", "0.2", "0.3"])), attribution=Decimal("0.2"),
                        drop_off=Decimal("0.25"), duration_years=rng.randint(1, 3),
                    )
                )  # fmt: skip
            calculation = sroi.Calculation(
                inputs=[sroi.InputItem(description="งบประมาณ", amount=amount)],
                outcomes=[
                    sroi.Outcome(
                        name=o.outcome, quantity=o.quantity, financial_proxy=o.financial_proxy,
                        deadweight=o.deadweight, attribution=o.attribution, drop_off=o.drop_off,
                        duration_years=o.duration_years,
                    )
                    for o in outcomes
                ],
                discount_rate=Decimal("0.035"),
            )  # fmt: skip
            result = sroi.calculate(calculation, with_sensitivity=False)
            creator = creators[i % len(creators)]
            begins = date(2020, 1, 1) + timedelta(days=rng.randint(0, 1500))
            title = f"โครงการ{rng.choice(ACTIVITIES)}{rng.choice(GROUPS)}จังหวัด{province_name}"
            reports.append(
                ImpactReport(
                    owner_id=creator.user_id, slug=f"report-{tag}{i + 1:05d}", title_th=title,
                    title_en=f"Project {i + 1}", summary=" ".join(rng.sample(SENTENCES, 3)),
                    sector_id=rng.choice(sectors), prepared_by_id=rng.choice(assessors).pk,
                    period_start=begins, period_end=begins + timedelta(days=365), location=province_name,
                    completed_step=5, total_inputs=result.total_inputs,
                    present_value=result.present_value.quantize(Decimal("0.01")),
                    sroi_ratio=result.sroi_ratio.quantize(Decimal("0.0001")),
                    live=True, has_unpublished_changes=False, submitted_at=now,
                    first_published_at=now - timedelta(seconds=i), last_published_at=now,
                )
            )  # fmt: skip
            children.append((amount, outcomes, province_id))
        reports = ImpactReport.objects.bulk_create(reports, batch_size=BATCH)
        inputs, outcome_rows, stakeholders = [], [], []
        for report, (amount, outcomes, _province) in zip(reports, children, strict=True):
            inputs.append(ReportInput(report=report, description="งบประมาณโครงการ", amount=amount, sort_order=0))
            stakeholders.append(ReportStakeholder(report=report, name=outcomes[0].stakeholder, sort_order=0))
            for order, outcome in enumerate(outcomes):
                outcome.report, outcome.sort_order = report, order
                outcome_rows.append(outcome)
        ReportInput.objects.bulk_create(inputs, batch_size=BATCH)
        ReportStakeholder.objects.bulk_create(stakeholders, batch_size=BATCH)
        ReportOutcome.objects.bulk_create(outcome_rows, batch_size=BATCH)
        _link(ImpactReport, "provinces", ((r.pk, c[2]) for r, c in zip(reports, children, strict=True)))
        _link(ImpactReport, "sdg_goals", ((r.pk, g) for r in reports for g in rng.sample(goals, rng.randint(1, 3))))
        if themes:
            _link(ImpactReport, "themes", ((r.pk, t) for r in reports for t in rng.sample(themes, 1)))


def ensure_database(sizes: Sizes) -> str:
    """Migrate, load the initial content and fill the rows unless exactly these sizes are already there."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from portal.initial_content import load_initial_content

    database = Path(settings.DATABASES["default"]["NAME"])
    if database.exists():
        call_command("migrate", verbosity=0)
        if current_sizes() == sizes:
            return f"reusing {database} ({asdict(sizes)})"
        from django.db import connections

        connections.close_all()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    database.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_initial_content()
    build(sizes, random.Random(2026))  # fixed seed: every build is the same data
    return f"built {database} ({asdict(sizes)}) in {time.perf_counter() - start:.0f} s"


if __name__ == "__main__":
    message = ensure_database(sizes_from_env())
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)  # whitenoise serves the manifest files
    # The public-row indexes are in the migrations now; BENCH_WITHOUT_INDEXES=1 drops them for a before/after run.
    from bench.proposed_indexes import apply

    with_indexes = os.environ.get("BENCH_WITHOUT_INDEXES") != "1"
    apply(enabled=with_indexes)
    print(json.dumps({"message": message, "proposed_indexes": with_indexes}))
