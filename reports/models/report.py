"""Impact Reports: a moderated snippet whose child rows (stakeholders, inputs, outcomes) live in each revision."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin, WorkflowMixin
from wagtail.search import index

from moderation.rules import ModerationRules
from reports import sroi
from visibility.public import PUBLIC_ROWS, PublicQuerySet

SHARE = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))]
MONEY = {"max_digits": 18, "decimal_places": 2}


class InputKind(models.TextChoices):
    CASH = "cash", _("Cash")
    IN_KIND = "in_kind", _("In kind")


class DiscountConvention(models.TextChoices):
    FIRST_YEAR_DISCOUNTED = "discounted", _("Every year discounted, the first year too (SROI Guide)")
    FIRST_YEAR_UNDISCOUNTED = "undiscounted", _("First year not discounted")


# Wagtail needs WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin in this order; its check can pass when not.
class ImpactReport(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="impact_reports", verbose_name=_("owner")
    )
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    title_th = models.CharField(_("project title (Thai)"), max_length=255)
    title_en = models.CharField(_("project title (English)"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    sector = models.ForeignKey(
        "taxonomy.Sector", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("sector")
    )
    provinces = ParentalManyToManyField("taxonomy.Province", blank=True, related_name="+", verbose_name=_("provinces"))
    sdg_goals = ParentalManyToManyField("taxonomy.SdgGoal", blank=True, related_name="+", verbose_name=_("SDG goals"))
    themes = ParentalManyToManyField("taxonomy.Theme", blank=True, related_name="+", verbose_name=_("thematic sectors"))
    prepared_by = models.ForeignKey(
        "creators.ImpactAssessorProfile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="prepared_reports",
        verbose_name=_("prepared by (Impact Assessor)"),
    )
    sdg_targets = models.CharField(
        _("SDG targets"), max_length=200, blank=True, help_text=_("Target numbers separated by commas, e.g. 1.2, 10.2")
    )
    period_start = models.DateField(_("project start"), null=True, blank=True)
    period_end = models.DateField(_("project end"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=255, blank=True)
    discount_rate = models.DecimalField(
        _("discount rate"),
        max_digits=7,
        decimal_places=6,
        default=Decimal("0.035"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("0.999999"))],
    )
    discount_convention = models.CharField(
        _("discounting convention"),
        max_length=16,
        choices=DiscountConvention.choices,
        default=DiscountConvention.FIRST_YEAR_DISCOUNTED,
    )
    completed_step = models.PositiveSmallIntegerField(_("last completed step"), default=0)
    # Results frozen from the rows when submitted, so listings and benchmarks never recompute.
    total_inputs = models.DecimalField(_("total inputs"), null=True, blank=True, **MONEY)
    present_value = models.DecimalField(_("present value"), null=True, blank=True, **MONEY)
    sroi_ratio = models.DecimalField(_("SROI ratio"), max_digits=14, decimal_places=4, null=True, blank=True)
    # The engine that froze them (reports/sroi_fingerprint.py): another engine's totals are recomputed.
    results_engine = models.CharField(_("calculation engine of the results"), max_length=16, blank=True, editable=False)
    # Moderation metadata, kept on the row (see ROW_ONLY_FIELDS).
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, db_index=True)
    due_date = models.DateField(_("decision due"), null=True, blank=True, db_index=True)
    rejection_reason = models.TextField(_("reason for changes"), blank=True)
    withdrawn_at = models.DateTimeField(_("approval request cancelled at"), null=True, blank=True)
    # Set when staff delete on request: hidden everywhere at once, restorable for 30 days, then purged.
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, db_index=True)
    # Sample data (``manage.py demo_data``): shown with a notice everywhere and removed with ``--remove``.
    is_sample = models.BooleanField(_("sample data"), default=False, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    ROW_ONLY_FIELDS = (
        "submitted_at",
        "due_date",
        "rejection_reason",
        "withdrawn_at",
        "slug",
        "owner_id",
        "deleted_at",
    )
    search_fields = [index.SearchField("title_th"), index.SearchField("title_en"), index.SearchField("summary")]
    # A decision within 10 business days; each submission clears an earlier withdrawal and reason.
    moderation_rules = ModerationRules(
        kind="report", decision_business_days=10, reset_on_submit=(("withdrawn_at", None), ("rejection_reason", ""))
    )

    def moderation_recipient(self):
        return self.owner

    def moderation_email_context(self) -> dict:
        return {"title": self.display_title, "due_date": self.due_date, "reason": self.rejection_reason, "pk": self.pk}

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("Impact Report")
        verbose_name_plural = _("Impact Reports")
        indexes = [
            models.Index(fields=["sector", "live", "sroi_ratio"], name="report_sector_live_ratio"),
            # Partial indexes on exactly the terms .public() adds, ordered as the directory and benchmarks sort.
            models.Index(fields=["-first_published_at", "-id"], condition=PUBLIC_ROWS, name="report_public_newest"),
            models.Index(fields=["sector", "sroi_ratio"], condition=PUBLIC_ROWS, name="report_public_sector_ratio"),
            models.Index(
                fields=["sector", "-first_published_at", "-id"], condition=PUBLIC_ROWS, name="report_public_sector_new"
            ),
            models.Index(fields=["-sroi_ratio", "-id"], condition=PUBLIC_ROWS, name="report_public_ratio"),
            models.Index(fields=["title_th", "title_en", "id"], condition=PUBLIC_ROWS, name="report_public_title"),
        ]

    @property
    def is_public(self) -> bool:
        return self.live and self.deleted_at is None

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        if translation.get_language() == "en" and self.title_en:
            return self.title_en
        return self.title_th or self.title_en or f"#{self.pk}"

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for name in self.ROW_ONLY_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    def calculation(self) -> sroi.Calculation:
        """The SROI calculation described by this report's rows (in memory: works on revisions too)."""
        return sroi.Calculation(
            inputs=[sroi.InputItem(description=i.description, amount=i.amount) for i in self.inputs.all()],
            outcomes=[
                sroi.Outcome(
                    name=o.outcome,
                    quantity=o.quantity,
                    financial_proxy=o.financial_proxy,
                    deadweight=o.deadweight,
                    displacement=o.displacement,
                    attribution=o.attribution,
                    drop_off=o.drop_off,
                    start_year=o.start_year,
                    duration_years=o.duration_years,
                )
                for o in self.outcomes.all()
            ],
            discount_rate=self.discount_rate,
            discount_first_year=self.discount_convention == DiscountConvention.FIRST_YEAR_DISCOUNTED,
        )

    def results(self, *, with_sensitivity: bool = True) -> sroi.SroiResult:
        return sroi.calculate(self.calculation(), with_sensitivity=with_sensitivity)


class ReportStakeholder(Orderable):
    report = ParentalKey(ImpactReport, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(_("stakeholder"), max_length=200)
    description = models.CharField(_("who they are and how they are affected"), max_length=500, blank=True)

    def __str__(self) -> str:
        return self.name


class ReportInput(Orderable):
    report = ParentalKey(ImpactReport, on_delete=models.CASCADE, related_name="inputs")
    description = models.CharField(_("input"), max_length=255)
    stakeholder = models.CharField(_("provided by"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount (baht)"), validators=[MinValueValidator(Decimal("0"))], **MONEY)
    kind = models.CharField(_("cash or in kind"), max_length=8, choices=InputKind.choices, default=InputKind.CASH)

    def __str__(self) -> str:
        return self.description


class ReportOutcome(Orderable):
    report = ParentalKey(ImpactReport, on_delete=models.CASCADE, related_name="outcomes")
    stakeholder = models.CharField(_("stakeholder"), max_length=200)
    outcome = models.CharField(_("outcome (what changes)"), max_length=255)
    indicator = models.CharField(_("indicator"), max_length=255)
    indicator_source = models.CharField(_("indicator source"), max_length=255, blank=True)
    sdg_indicator = models.ForeignKey(
        "taxonomy.SdgIndicator",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("catalogue indicator"),
    )
    quantity = models.DecimalField(
        _("quantity"), max_digits=18, decimal_places=4, validators=[MinValueValidator(Decimal("0"))], default=0
    )
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    financial_proxy = models.DecimalField(
        _("financial proxy (baht per unit)"), validators=[MinValueValidator(Decimal("0"))], default=0, **MONEY
    )
    proxy_description = models.CharField(_("what the proxy values"), max_length=255, blank=True)
    proxy_source = models.CharField(_("proxy source"), max_length=255, blank=True)
    start_year = models.PositiveSmallIntegerField(_("starts in year"), default=1, validators=[MinValueValidator(1)])
    duration_years = models.PositiveSmallIntegerField(
        _("lasts (years)"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    deadweight = models.DecimalField(_("deadweight"), max_digits=5, decimal_places=4, default=0, validators=SHARE)
    attribution = models.DecimalField(_("attribution"), max_digits=5, decimal_places=4, default=0, validators=SHARE)
    displacement = models.DecimalField(_("displacement"), max_digits=5, decimal_places=4, default=0, validators=SHARE)
    drop_off = models.DecimalField(_("drop-off"), max_digits=5, decimal_places=4, default=0, validators=SHARE)

    def __str__(self) -> str:
        return self.outcome
