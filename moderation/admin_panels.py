"""The moderators' dashboard panel: what is due today and what is overdue, across profiles and reports."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from core.admin_display import be_display
from moderation.selectors import closure_dates
from moderation.sla import business_days_between


def business_days_left_label(due_date: datetime.date, *, today: datetime.date) -> str:
    """Business days in (today, due] left, or in (due, today] overdue: the rule of ``moderation.sla``.

    ``due_date`` is the date stored at submission (promised to the registrant), never recomputed here.
    """
    if due_date == today:
        return _("Due today")
    if due_date > today:
        left = business_days_between(today, due_date, closures=closure_dates(today))
        return ngettext("%(n)d business day left", "%(n)d business days left", left) % {"n": left}
    overdue = business_days_between(due_date, today, closures=closure_dates(due_date))
    if overdue == 0:
        # Due on Friday, read on Saturday: late, but no business day has passed since.
        return _("Past its due date")
    return ngettext("Overdue by %(n)d business day", "Overdue by %(n)d business days", overdue) % {"n": overdue}


def pending_items() -> list:
    """Objects in moderation with a due date: (object, due_date), oldest due first."""
    items = []
    states = WorkflowState.objects.active().select_related("content_type")
    for state in states:
        obj = state.content_object
        due = getattr(obj, "due_date", None)
        if obj is not None and due is not None:
            items.append((obj, due))
    return sorted(items, key=lambda pair: pair[1])


def identity_text(obj) -> str:
    """What tells two items with the same Thai name apart: English name, account email, province."""
    account = getattr(obj, "user", None) or getattr(obj, "owner", None)
    parts = (
        getattr(obj, "name_en", "") or getattr(obj, "title_en", ""),
        getattr(account, "email", ""),
        str(getattr(obj, "province", "") or ""),
    )
    return " · ".join(part for part in parts if part)


def _row(obj, due: datetime.date, today: datetime.date) -> dict:
    return {
        "obj": obj,
        "kind": obj._meta.verbose_name,
        "identity": identity_text(obj),
        "due": be_display(due),
        "label": business_days_left_label(due, today=today),
    }


class DueRequestsPanel(Component):
    name = "due_requests"
    order = 50
    template_name = "moderation/due_requests_panel.html"

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        items = pending_items()
        return {
            "due_today": [_row(obj, due, today) for obj, due in items if due == today],
            "overdue": [_row(obj, due, today) for obj, due in items if due < today],
            "pending_count": len(items),
        }
