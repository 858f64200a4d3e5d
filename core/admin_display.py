"""How our own admin listings and inspect views show dates (Thai: Buddhist Era) and the live flag (words)."""

from __future__ import annotations

import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext, pgettext_lazy
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.snippets.views.snippets import InspectView

from core.thai_dates import format_date, format_datetime


def be_date(value, full_month: bool = False) -> str:
    """Render a date (or aware datetime, in Asia/Bangkok) for the active language; Thai in the Buddhist Era."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_date(value, translation.get_language() or "th", full_month=bool(full_month))


def be_display(value) -> str:
    """A date or datetime for the active language (Thai in the Buddhist Era); "" for no value."""
    if not value:
        return ""
    language = translation.get_language() or "th"
    if isinstance(value, datetime.datetime):
        return format_datetime(timezone.localtime(value) if timezone.is_aware(value) else value, language)
    if isinstance(value, datetime.date):
        return format_date(value, language)
    return str(value)


class BuddhistEraDateColumn(Column):
    """Django's Thai date format keeps the Common Era year ("15 ธันวาคม 2026"); public pages use พ.ศ."""

    def get_value(self, instance):
        return be_display(super().get_value(instance)) or "—"


class PublishedColumn(StatusTagColumn):
    """The live flag as words ("เผยแพร่แล้ว" / "ยังไม่เผยแพร่"), not Python's True/False."""

    def __init__(self, name: str = "live", **kwargs):
        kwargs.setdefault("label", pgettext_lazy("live flag column", "Published"))
        kwargs.setdefault("sort_key", name)
        super().__init__(name, primary=lambda instance: bool(getattr(instance, name)), **kwargs)

    def get_value(self, instance):
        if super().get_value(instance):
            return pgettext("live flag", "Published")
        return pgettext("live flag", "Not published")


class SampleColumn(StatusTagColumn):
    """Sample data (``manage.py demo_data``) is marked in every listing it appears in; real rows show nothing."""

    def __init__(self, name: str = "is_sample", **kwargs):
        kwargs.setdefault("label", pgettext_lazy("sample data column", "Sample"))
        kwargs.setdefault("sort_key", name)
        super().__init__(name, primary=lambda instance: False, **kwargs)

    def get_value(self, instance):
        return pgettext("sample data flag", "Sample data") if getattr(instance, self.name, False) else ""


class BuddhistEraInspectMixin:
    """Inspect views (Wagtail's and modeladmin's) show dates in the Buddhist Era and yes/no in words."""

    def get_field_display_value(self, field_name, field=None):
        instance = getattr(self, "object", None) or getattr(self, "instance", None)
        value = getattr(instance, field_name, None)
        if isinstance(value, datetime.date):
            return be_display(value)
        if isinstance(value, bool):
            return gettext("Yes") if value else gettext("No")
        if value is None:
            return "—"
        return super().get_field_display_value(field_name, field)


def be_date_display(model, field_name: str):
    """A modeladmin ``list_display`` callable: the field in the Buddhist Era, sortable, under the field's own label."""

    def display(obj) -> str:
        return be_display(getattr(obj, field_name)) or "—"

    display.short_description = model._meta.get_field(field_name).verbose_name
    display.admin_order_field = field_name
    display.__name__ = f"{field_name}_display"
    return display


class BuddhistEraInspectView(BuddhistEraInspectMixin, InspectView):
    pass


# Wagtail's bookkeeping fields: a revision prints as '"name" at 2026-12-04 06:17:20+00:00', which no one needs here.
INSPECT_BOOKKEEPING_FIELDS = ("latest_revision", "live_revision", "locked", "locked_at", "locked_by")
