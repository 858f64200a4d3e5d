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
        ordering = ["name_th"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")


class SdgGoal(BilingualName):
    number = models.PositiveSmallIntegerField(unique=True)
    slug = models.SlugField(unique=True)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG goal")
        verbose_name_plural = _("SDG goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def description(self) -> str:
        return self.description_en if translation.get_language() == "en" else self.description_th
