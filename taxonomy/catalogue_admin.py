"""Editors maintain the SDG targets and indicators in the Wagtail admin (Impact Data menu).

Slugs and sort keys follow from the number/code, so editors only type what they know; every change moves the
public-content version on, so cached public pages and API answers show it at once.
Registered from taxonomy/wagtail_hooks.py.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.text import clean_text
from taxonomy import catalogue_codes
from taxonomy.models import SdgIndicator, SdgTarget


class _CleanTextForm(WagtailAdminModelForm):
    text_fields: tuple[str, ...] = ()

    def _clean_texts(self, cleaned: dict) -> None:
        for name in self.text_fields:
            if isinstance(cleaned.get(name), str):
                cleaned[name] = clean_text(cleaned[name], multiline=True)


class SdgTargetForm(_CleanTextForm):
    text_fields = ("number", "text_th", "text_en", "text_revision")

    def clean(self):
        cleaned = super().clean()
        self._clean_texts(cleaned)
        number = (cleaned.get("number") or "").lower()
        goal = cleaned.get("goal")
        if number and not catalogue_codes.is_target_number(number):
            self.add_error("number", _("Enter a target number such as 1.2 or 17.a."))
        elif number and goal is not None and catalogue_codes.goal_of(number) != goal.number:
            self.add_error(
                "number", _("A target of goal %(goal)s has a number starting with %(goal)s.") % {"goal": goal.number}
            )
        elif number:
            cleaned["number"] = number
            self.instance.slug = catalogue_codes.target_slug(number)
            self.instance.sort_key = catalogue_codes.sort_key(number)
        return cleaned


class SdgIndicatorForm(_CleanTextForm):
    text_fields = ("code", "name_th", "name_en", "unit", "text_revision")

    def clean(self):
        cleaned = super().clean()
        self._clean_texts(cleaned)
        code = (cleaned.get("code") or "").lower()
        target = cleaned.get("target")
        if not code:
            return cleaned
        if not catalogue_codes.is_indicator_code(code):
            self.add_error(
                "code", _("Enter a code of Latin letters and digits separated by dots, e.g. 1.2.1 or 1.2.1.th1.")
            )
        elif target is not None and not code.startswith(f"{target.number}."):
            self.add_error(
                "code",
                _("The code must begin with its target's number, e.g. %(number)s.1.") % {"number": target.number},
            )
        else:
            slug = catalogue_codes.indicator_slug(code)
            if SdgIndicator.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
                self.add_error("code", _("Another indicator already has this code."))
            cleaned["code"] = code
            self.instance.slug = slug
            self.instance.sort_key = catalogue_codes.sort_key(code)
        return cleaned


class SdgTargetViewSet(SnippetViewSet):
    model = SdgTarget
    url_prefix = "snippets/portal/sdgtarget"  # the admin address it had before the move (#20 keeps URLs)
    icon = "list-ol"
    menu_label = _("SDG targets")
    list_display = ["number", "text_th", "text_en", "goal", "thai_source"]
    list_filter = ["goal", "thai_source"]
    search_fields = ["number", "text_th", "text_en"]
    ordering = ["sort_key", "number"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("goal"),
            FieldPanel("number"),
            FieldPanel("text_th"),
            FieldPanel("text_en"),
            FieldPanel("thai_source"),
            FieldPanel("text_revision"),
        ],
        base_form_class=SdgTargetForm,
    )


class SdgIndicatorViewSet(SnippetViewSet):
    model = SdgIndicator
    url_prefix = "snippets/portal/sdgindicator"  # the admin address it had before the move (#20 keeps URLs)
    icon = "list-ul"
    menu_label = _("Indicators")
    list_display = ["code", "name_th", "name_en", "source", "target", "thai_source", "text_revision"]
    list_filter = ["source", "thai_source", "target__goal"]
    search_fields = ["code", "name_th", "name_en"]
    ordering = ["sort_key", "code"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("target"),
            FieldPanel("code"),
            FieldPanel("name_th"),
            FieldPanel("name_en"),
            FieldPanel("source"),
            FieldPanel("unit"),
            FieldPanel("thai_source"),
            FieldPanel("text_revision"),
        ],
        base_form_class=SdgIndicatorForm,
    )

    def get_queryset(self, request):
        return SdgIndicator.objects.select_related("target")


class ImpactDataGroup(SnippetViewSetGroup):
    items = (SdgTargetViewSet, SdgIndicatorViewSet)
    menu_icon = "table"
    menu_label = _("Impact Data")
    menu_name = "impact-data"
    menu_order = 230


def register() -> None:
    # Saves and deletes move the public-content version through portal/signals.py (editor_models).
    register_snippet(ImpactDataGroup)


__all__ = ["register"]
