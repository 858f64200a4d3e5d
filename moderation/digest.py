"""The moderators' daily digest: what is due today, due on the next business day, and overdue.

One email per moderator per Bangkok day, keyed ``moderator-digest:<date>:<user id>`` in the outbox, so a
second run the same day (a redelivered task, a manual run) sends nothing new, and a catch-up run for a
missed day sends that day's digest once.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from wagtail.admin.admin_url_finder import AdminURLFinder

from core.links import site_url
from moderation.admin_panels import pending_items
from moderation.selectors import closure_dates
from moderation.sla import business_days_between, next_business_day
from moderation.staff_notifications import staff_language
from outbox.models import OutboxEmail
from outbox.services import outbox_enqueue

__all__ = ["MODERATORS_GROUP", "moderator_digest_send", "moderators"]

MODERATORS_GROUP = "Moderators"
TEMPLATE = "moderator_digest"


def digest_key(day: date, user_id: int) -> str:
    return f"moderator-digest:{day.isoformat()}:{user_id}"


def moderators():
    """Active members of the Moderators group who have an email address."""
    return (
        get_user_model()
        .objects.filter(groups__name=MODERATORS_GROUP, is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def _group(today: date) -> tuple[list, list, list, date]:
    """(due_today, due_next, overdue, next_business_day); each entry is (obj, due, overdue_days)."""
    items = pending_items()
    earliest = min([today, *(due for _obj, due in items)])
    closures = closure_dates(earliest)
    # "Tomorrow" is the next business day (with staff closures), not the next calendar day.
    next_day = next_business_day(today, closures)
    due_today, due_next, overdue = [], [], []
    for obj, due in items:
        if due == today:
            due_today.append((obj, due, 0))
        elif today < due <= next_day:
            # A due date on a weekend/closure day before the next business day counts as due by then.
            due_next.append((obj, due, 0))
        elif due < today:
            overdue.append((obj, due, business_days_between(due, today, closures)))
    return due_today, due_next, overdue, next_day


def _edit_url(finder: AdminURLFinder, obj) -> str:
    path = finder.get_edit_url(obj)
    if not path:
        return ""
    return site_url(path)


def _entries(group: list, urls: dict) -> list[dict]:
    return [
        {
            "name": str(obj),
            "kind": str(obj._meta.verbose_name),
            "due": due,
            "url": urls[(obj._meta.label, obj.pk)],
            "overdue_days": overdue_days,
        }
        for obj, due, overdue_days in group
    ]


def _localized(groups: tuple[list, list, list], language: str, urls: dict) -> dict:
    """Names and kinds depend on the active language (e.g. a profile's Thai or English name)."""
    due_today, due_next, overdue = groups
    with translation.override(language):
        return {
            "due_today": _entries(due_today, urls),
            "due_next": _entries(due_next, urls),
            "overdue": _entries(overdue, urls),
        }


def moderator_digest_send(*, today: date | None = None) -> int:
    """Enqueue today's digest for every moderator; returns how many emails were enqueued now."""
    today = today or timezone.localdate()
    with transaction.atomic():
        due_today, due_next, overdue, next_day = _group(today)
        if not (due_today or due_next or overdue):
            return 0
        groups = (due_today, due_next, overdue)
        finder = AdminURLFinder()
        urls = {(obj._meta.label, obj.pk): _edit_url(finder, obj) for group in groups for obj, _due, _n in group}
        by_language: dict[str, dict] = {}
        sent = 0
        for user in moderators():
            language = staff_language(user)
            if language not in by_language:
                by_language[language] = _localized(groups, language, urls)
            key = digest_key(today, user.pk)
            if OutboxEmail.objects.filter(key=key).exists():
                continue  # already enqueued for this day: a re-run or a redelivered task sends nothing
            outbox_enqueue(
                key=key,
                to=user.email,
                template=TEMPLATE,
                context={
                    **by_language[language],
                    "today": today,
                    "next_business_day": next_day,
                    "total": len(due_today) + len(due_next) + len(overdue),
                },
                language=language,
            )
            sent += 1
        return sent
