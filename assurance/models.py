"""Assurance of an Impact Report by an independent Impact Assessor: the invitation, the assessor's findings per
section and the statement with its level. One open engagement (invited or accepted) per report at a time."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    RETURNED = "returned", _("Returned with comments")
    ASSURED = "assured", _("Assured")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN = (Status.INVITED, Status.ACCEPTED)


class Level(models.TextChoices):
    CONSISTENCY = "consistency", _("Reviewed for consistency with the SROI principles")
    EVIDENCE = "evidence", _("Verified against evidence")


class Section(models.TextChoices):
    SCOPE = "scope", _("Scope and stakeholders")
    INPUTS = "inputs", _("Inputs")
    OUTCOMES = "outcomes", _("Outcomes and indicators")
    PROXIES = "proxies", _("Financial proxies")
    ADJUSTMENTS = "adjustments", _("Deadweight, attribution, displacement and drop-off")
    DISCOUNTING = "discounting", _("Discounting")
    SENSITIVITY = "sensitivity", _("Sensitivity")


class AssuranceEngagement(models.Model):
    report = models.ForeignKey(
        "reports.ImpactReport", on_delete=models.CASCADE, related_name="assurance_engagements", verbose_name=_("report")
    )
    assessor = models.ForeignKey(
        "creators.ImpactAssessorProfile",
        on_delete=models.CASCADE,
        related_name="assurance_engagements",
        verbose_name=_("Impact Assessor"),
    )
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.INVITED)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, blank=True)
    statement = models.TextField(_("assurance statement"), blank=True)
    comments = models.TextField(_("comments"), blank=True)
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    assured_at = models.DateTimeField(_("assured at"), null=True, blank=True)
    assured_revision_id = models.PositiveBigIntegerField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assurance")
        verbose_name_plural = _("assurances")
        ordering = ["-invited_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["report"], condition=Q(status__in=["invited", "accepted"]), name="assurance_one_open_per_report"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id} · {self.assessor_id} · {self.status}"


class AssuranceFinding(models.Model):
    engagement = models.ForeignKey(AssuranceEngagement, on_delete=models.CASCADE, related_name="findings")
    section = models.CharField(_("section"), max_length=16, choices=Section.choices)
    text = models.TextField(_("finding"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.section}: {self.text[:40]}"
