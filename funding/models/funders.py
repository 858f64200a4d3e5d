"""Impact Funding: funders and investors that editors maintain, matched to creators by focus."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.search import index

MONEY = {"max_digits": 18, "decimal_places": 2}


class FunderKind(models.TextChoices):
    GRANT_MAKER = "grant_maker", _("Grant-making foundation")
    GOVERNMENT_FUND = "government_fund", _("Government fund")
    IMPACT_INVESTOR = "impact_investor", _("Impact investor")
    CSR = "csr", _("Corporate CSR programme")
    BANK = "bank", _("Bank or development finance")
    INTERNATIONAL = "international", _("International agency")


class FunderQuerySet(models.QuerySet):
    def public(self):
        return self.filter(live=True)


class Funder(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=FunderKind.choices)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    focus_sectors = ParentalManyToManyField(
        "taxonomy.Sector", blank=True, related_name="+", verbose_name=_("focus organisation types")
    )
    focus_themes = ParentalManyToManyField(
        "taxonomy.Theme", blank=True, related_name="+", verbose_name=_("focus thematic sectors")
    )
    focus_sdgs = ParentalManyToManyField("taxonomy.SdgGoal", blank=True, related_name="+", verbose_name=_("focus SDGs"))
    ticket_min = models.DecimalField(_("smallest ticket (baht)"), null=True, blank=True, **MONEY)
    ticket_max = models.DecimalField(_("largest ticket (baht)"), null=True, blank=True, **MONEY)
    website = models.URLField(_("website"), blank=True)
    # Sample data (``manage.py demo_data``): shown with a notice everywhere and removed with ``--remove``.
    is_sample = models.BooleanField(_("sample data"), default=False, editable=False, db_index=True)

    objects = FunderQuerySet.as_manager()

    search_fields = [index.SearchField("name_th"), index.SearchField("name_en"), index.SearchField("description_th")]

    class Meta:
        db_table = "portal_funder"  # the table it had before the move (#20 keeps data)
        ordering = ["name_th", "pk"]
        verbose_name = _("funder")
        verbose_name_plural = _("funders")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return (self.name_en or self.name_th) if translation.get_language() == "en" else self.name_th

    @property
    def description(self) -> str:
        if translation.get_language() == "en" and self.description_en:
            return self.description_en
        return self.description_th
