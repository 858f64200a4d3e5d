"""Seconds to render the PDF of a 50-outcome Impact Report (the issue's budget: under 3 s), uncached.

Run from the project root after `make setup` (the dev database): .venv/bin/python bench/pdf_bench.py [runs]
The report is built inside a transaction that is rolled back: nothing is left behind. Prints numbers only.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from creators.models import User  # noqa: E402
from reports.models import ImpactReport, ReportInput, ReportOutcome, ReportStakeholder  # noqa: E402
from reports.pdf import render_report_pdf  # noqa: E402
from reports.presentation import report_results  # noqa: E402

OUTCOMES = 50
BUDGET_SECONDS = 3.0


class Rollback(Exception):
    pass


def build_report() -> ImpactReport:
    rng = random.Random(2026)
    owner = User.objects.create_user(email="pdf-bench@example.org", password="x" * 12, email_verified_at=timezone.now())
    report = ImpactReport(
        owner=owner,
        title_th="โครงการพัฒนาคุณภาพชีวิตชุมชนริมน้ำเพื่อความยั่งยืน",
        slug="pdf-bench",
        live=False,
        completed_step=5,
        discount_rate=Decimal("0.035"),
        summary="สรุปผลการดำเนินงานของโครงการ " * 20,
    )
    report.stakeholders = [ReportStakeholder(name=f"กลุ่มผู้มีส่วนได้ส่วนเสียที่ {n}") for n in range(1, 11)]
    report.inputs = [
        ReportInput(description=f"งบประมาณส่วนที่ {n}", amount=Decimal(rng.randint(50_000, 900_000)), stakeholder="มูลนิธิ")
        for n in range(1, 11)
    ]
    report.outcomes = [
        ReportOutcome(
            stakeholder=f"กลุ่มผู้มีส่วนได้ส่วนเสียที่ {n % 10 + 1}",
            outcome=f"ผลลัพธ์ด้านรายได้และคุณภาพชีวิตข้อที่ {n}",
            indicator="รายได้ต่อเดือนที่เพิ่มขึ้นของครัวเรือน",
            quantity=Decimal(rng.randint(5, 500)),
            financial_proxy=Decimal(rng.randint(500, 50_000)),
            deadweight=Decimal(rng.randint(0, 50)) / 100,
            attribution=Decimal(rng.randint(0, 50)) / 100,
            drop_off=Decimal(rng.randint(0, 40)) / 100,
            start_year=rng.randint(1, 3),
            duration_years=rng.randint(1, 7),
        )
        for n in range(1, OUTCOMES + 1)
    ]
    report.save()
    return report


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    seconds: list[float] = []
    cpu: list[float] = []
    with translation.override("th"):
        try:
            with transaction.atomic():
                report = build_report()
                context = {"report": report, "organisation": None, "results": report_results(report)}
                render_report_pdf(context=context)  # warm: fonts and templates load once per process
                for _ in range(runs):
                    start, start_cpu = time.perf_counter(), time.process_time()
                    pdf = render_report_pdf(context=context)
                    seconds.append(time.perf_counter() - start)
                    cpu.append(time.process_time() - start_cpu)
                raise Rollback
        except Rollback:
            pass
    median, median_cpu = statistics.median(seconds), statistics.median(cpu)
    verdict = "within" if median < BUDGET_SECONDS else "OVER"
    print(
        f"PDF of a {OUTCOMES}-outcome report: median {median:.2f} s wall ({median_cpu:.2f} s CPU), max "
        f"{max(seconds):.2f} s over {runs} renders, {len(pdf) / 1024:.0f} KB — {verdict} the "
        f"{BUDGET_SECONDS:.0f} s budget (wall time includes other load on this machine)"
    )


if __name__ == "__main__":
    main()
