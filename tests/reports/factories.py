from decimal import Decimal

from django.utils import timezone

from creators.models import User
from reports.models import ImpactReport, ReportInput, ReportOutcome, ReportStakeholder


def make_owner(email: str = "owner@example.org", language: str = "th") -> User:
    return User.objects.create_user(
        email=email, password="x" * 12, email_verified_at=timezone.now(), preferred_language=language
    )


def make_complete_report(owner: User, *, slug: str = "elderly-skills", title: str = "โครงการพัฒนาทักษะอาชีพให้ผู้สูงอายุ"):
    """The engine's worked example: 250,000 baht in, 60 × 8,500 baht, PV 346,927.12 (ratio 1.3877)."""
    report = ImpactReport(
        owner=owner, title_th=title, slug=slug, live=False, completed_step=5, discount_rate=Decimal("0.035")
    )
    report.stakeholders = [ReportStakeholder(name="ผู้สูงอายุ")]
    report.inputs = [ReportInput(description="grant", amount=Decimal("250000"), stakeholder="มูลนิธิ")]
    report.outcomes = [
        ReportOutcome(
            stakeholder="ผู้สูงอายุ",
            outcome="มีรายได้เพิ่มขึ้น",
            indicator="รายได้ต่อเดือน",
            quantity=Decimal("60"),
            financial_proxy=Decimal("8500"),
            deadweight=Decimal("0.4"),
            attribution=Decimal("0.3"),
            drop_off=Decimal("0.3"),
            duration_years=2,
        )
    ]
    report.save()
    report.save_revision(user=owner)
    return report
