"""The platform's shared vocabularies: organisation sectors (the FAQ's six), the 77 provinces, the 17 SDGs."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class BilingualName(models.Model):
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_th


class Sector(BilingualName):
    slug = models.SlugField(unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        # The table keeps the name it had in portal: the move changed Django's state only, never the rows.
        db_table = "portal_sector"
        ordering = ["sort_order"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class Province(BilingualName):
    REGIONS = [
        ("north", _("North")),
        ("northeast", _("Northeast")),
        ("central", _("Central")),
        ("east", _("East")),
        ("west", _("West")),
        ("south", _("South")),
    ]
    code = models.CharField(_("ISO 3166-2 code"), max_length=6, unique=True)
    slug = models.SlugField(unique=True)
    region = models.CharField(_("region"), max_length=12, choices=REGIONS)

    class Meta:
        db_table = "portal_province"
        ordering = ["name_th"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")


class ThaiTextSource(models.TextChoices):
    """Where a Thai catalogue text comes from: an official Thai edition, or a translation made for this platform."""

    OFFICIAL = "official", _("Official Thai edition")
    PLATFORM = "platform", _("Translated for this platform")


class CatalogueProvenance(models.Model):
    """Which framework revision an English text follows and where its Thai comes from (README: SDG catalogue)."""

    text_revision = models.CharField(
        _("framework revision of the English text"),
        max_length=255,
        blank=True,
        help_text=_("The UN document and revision the English text follows, with its date when known."),
    )
    thai_source = models.CharField(
        _("source of the Thai text"),
        max_length=10,
        choices=ThaiTextSource.choices,
        default=ThaiTextSource.PLATFORM,
        db_index=True,
        help_text=_(
            "Choose “Official Thai edition” only when the Thai text is copied from one; say which in the README."
        ),
    )

    class Meta:
        abstract = True


class SdgGoal(CatalogueProvenance, BilingualName):
    number = models.PositiveSmallIntegerField(unique=True)
    slug = models.SlugField(unique=True)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        db_table = "portal_sdggoal"
        ordering = ["number"]
        verbose_name = _("SDG goal")
        verbose_name_plural = _("SDG goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def description(self) -> str:
        return self.description_en if translation.get_language() == "en" else self.description_th


class Theme(BilingualName):
    """Thematic sectors (education, health, environment …): what a project or organisation works on."""

    slug = models.SlugField(unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "portal_theme"
        ordering = ["sort_order"]
        verbose_name = _("thematic sector")
        verbose_name_plural = _("thematic sectors")


class SdgTarget(CatalogueProvenance):
    """One of the 169 SDG targets (e.g. "1.2", "17.a"), shipped as initial content."""

    goal = models.ForeignKey(SdgGoal, on_delete=models.CASCADE, related_name="targets", verbose_name=_("SDG goal"))
    number = models.CharField(_("target number"), max_length=8, unique=True)
    slug = models.SlugField(unique=True)
    sort_key = models.PositiveIntegerField(default=0, db_index=True)
    text_th = models.TextField(_("target (Thai)"))
    text_en = models.TextField(_("target (English)"))

    class Meta:
        db_table = "portal_sdgtarget"
        ordering = ["sort_key"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self) -> str:
        return f"{self.number} {self.text}"

    @property
    def text(self) -> str:
        return self.text_en if translation.get_language() == "en" else self.text_th


class IndicatorSource(models.TextChoices):
    GLOBAL = "global", _("Global SDG indicator (UN)")
    NATIONAL = "national", _("Thai national indicator")
    PLATFORM = "platform", _("Platform indicator")


class SdgIndicator(CatalogueProvenance):
    """An indicator under a target: the UN global ones ship as content; editors add national and their own."""

    target = models.ForeignKey(
        SdgTarget, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("SDG target")
    )
    code = models.CharField(_("indicator code"), max_length=20, unique=True)
    slug = models.SlugField(unique=True)
    sort_key = models.PositiveIntegerField(default=0, db_index=True)
    name_th = models.TextField(_("indicator (Thai)"))
    name_en = models.TextField(_("indicator (English)"))
    source = models.CharField(
        _("source"), max_length=10, choices=IndicatorSource.choices, default=IndicatorSource.GLOBAL
    )
    unit = models.CharField(_("unit"), max_length=60, blank=True)

    class Meta:
        db_table = "portal_sdgindicator"
        ordering = ["sort_key", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_th
