from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from directory.page_privacy import CheapPrivacyCheckMixin
from portal.blocks import ContentStreamBlock


class HomePage(CheapPrivacyCheckMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class ContentPage(CheapPrivacyCheckMixin, Page):
    # Never lists profiles, reports or funders: cached under the ``site`` tag only (portal/page_tags.py).
    site_content_only = True

    """An editable partnership page (About, Benefits, Who it is for, Contact…)."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["portal.HomePage", "portal.ContentPage"]

    class Meta:
        verbose_name = _("content page")


@register_setting(icon="mail")
class ContactSettings(BaseSiteSetting):
    phone_primary = models.CharField(_("main phone"), max_length=32, blank=True)
    phone_secondary = models.CharField(_("second phone"), max_length=32, blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    chat_url = models.URLField(
        _("chat link"), blank=True, help_text=_("For example a LINE Official Account link (https://…).")
    )
    chat_service_name = models.CharField(
        _("chat service name"), max_length=60, blank=True, help_text=_("For example: LINE Official Account")
    )

    panels = [
        MultiFieldPanel([FieldPanel("phone_primary"), FieldPanel("phone_secondary")], heading=_("Phone")),
        FieldPanel("email"),
        MultiFieldPanel([FieldPanel("chat_url"), FieldPanel("chat_service_name")], heading=_("Chat")),
    ]

    class Meta:
        verbose_name = _("contact details")

    @property
    def phones(self) -> list[str]:
        return [p for p in (self.phone_primary, self.phone_secondary) if p]


class InitialContentRecord(models.Model):
    """What the initial-content command last wrote, so it can tell an editor's change from its own."""

    key = models.CharField(max_length=120, unique=True)
    source_hash = models.CharField(max_length=64)
    object_id = models.BigIntegerField(null=True, blank=True)
    revision_id = models.BigIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.key
