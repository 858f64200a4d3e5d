from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.rich_text import expand_db_html
from wagtail.search import index

from directory.page_privacy import CheapPrivacyCheckMixin

ANSWER_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ExpandedRichTextField(serializers.Field):
    """API output of rich text as public HTML (internal link references resolved)."""

    def to_representation(self, value):
        return expand_db_html(value)


class FAQPage(CheapPrivacyCheckMixin, Page):
    # Never lists profiles, reports or funders: cached under the ``site`` tag only (portal/page_tags.py).
    site_content_only = True

    intro = RichTextField(_("introduction"), blank=True, features=ANSWER_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("items", label=_("Questions"), min_num=1),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro", serializer=ExpandedRichTextField()), APIField("items")]

    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("FAQ page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["faq_items"] = list(self.items.all())
        return context


class FAQItem(Orderable):
    page = ParentalKey(FAQPage, on_delete=models.CASCADE, related_name="items")
    anchor = models.SlugField(
        _("anchor"), max_length=80, help_text=_("Latin letters, digits and hyphens; used in the link #anchor.")
    )
    question = models.CharField(_("question"), max_length=500)
    answer = RichTextField(_("answer"), features=ANSWER_FEATURES)

    panels = [FieldPanel("question"), FieldPanel("anchor"), FieldPanel("answer")]
    api_fields = [
        APIField("anchor"),
        APIField("question"),
        APIField("answer", serializer=ExpandedRichTextField()),
        APIField("answer_text"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.question

    @property
    def answer_text(self) -> str:
        return " ".join(strip_tags(self.answer.replace("</li>", "</li> ").replace("</p>", "</p> ")).split())
