"""Finer invalidation of the whole-page cache: each cached page carries the versions of the *tags* it shows.

Tags: ``site`` (Wagtail pages, menus, taxonomies, contact details, page privacy; every page depends on it),
one per kind of moderated content (``kind:creators``, ``kind:assessors``, ``kind:reports``, ``kind:funders``:
directories, home, anything listing them) and one per owner account (``owner:<user id>``: that account's
profile page and its reports' pages). A page depends on ``site`` and every kind unless its view declares a
narrower scope (``declare_page_scope``): the FAQ and static pages depend on ``site`` only, a creator's page
on its owner, funders and assessors. So publishing one report moves ``kind:reports`` and its owner's tag and
leaves the FAQ and other organisations' pages cached.

A change with no object given (``public_content_changed()``: erasure, restores of backups, editors' changes)
moves ``site``, so it still expires every page. Tags move at once and again after the commit, after the
public-content version (visibility.version), which the page cache reads before and after rendering, so a
page rendered from rows read before a commit is never stored under the new tag versions.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
from funding.models import Funder
from reports.models import ImpactReport
from visibility.version import _bump, _fresh_version, invalidate

SITE = "site"
KINDS = ("kind:creators", "kind:assessors", "kind:reports", "kind:funders")
KEY_PREFIX = "page-tag:"
# Inside a request: the tags the view declared (None: not declared, the page depends on every kind).
_scope: ContextVar[list | None] = ContextVar("page_scope", default=None)


def owner_tag(user_id: int) -> str:
    return f"owner:{user_id}"


@contextmanager
def page_scope_per_request():
    token = _scope.set([None])
    try:
        yield
    finally:
        _scope.reset(token)


def declare_page_scope(*tags: str) -> None:
    """The view's page shows only ``site`` and these tags' content (several calls add up)."""
    holder = _scope.get()
    if holder is not None:
        holder[0] = (holder[0] or set()) | set(tags)


def page_tags() -> list[str]:
    holder = _scope.get()
    declared = holder[0] if holder is not None else None
    return sorted({SITE, *(KINDS if declared is None else declared)})


def tag_versions(tags: Iterable[str]) -> dict[str, int]:
    """The current version of each tag; a missing (evicted, never set) tag starts at a never-used number."""
    keys = [KEY_PREFIX + tag for tag in tags]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    for key in missing:
        cache.add(key, _fresh_version(), timeout=None)
    if missing:
        found |= cache.get_many(missing)
    return found


def versions_unchanged(stored: dict[str, int]) -> bool:
    return bool(stored) and cache.get_many(list(stored)) == stored


def _bump_tag(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # evicted or never set: a fresh number is above every earlier one
        cache.set(key, _fresh_version(), timeout=None)


def _bump_tags(tags: tuple[str, ...]) -> None:
    _bump()  # the public-content version first (see the module's docstring)
    for tag in tags:
        invalidate(lambda tag=tag: _bump_tag(KEY_PREFIX + tag))


def tags_changed(*tags: str) -> None:
    """Expire the pages showing these tags, now and once the surrounding transaction commits."""
    tags = tuple(dict.fromkeys(tags))
    _bump_tags(tags)
    transaction.on_commit(lambda: _bump_tags(tags))


def tags_for(instance) -> tuple[str, ...]:
    """What a moderated object's publish, unpublish, delete or restore changes."""
    if isinstance(instance, ImpactReport):
        return ("kind:reports", owner_tag(instance.owner_id))
    if isinstance(instance, ImpactCreatorProfile):
        # An account's reports leave the pages with their profile (delete on request hides both).
        return ("kind:creators", "kind:reports", owner_tag(instance.user_id))
    if isinstance(instance, ImpactAssessorProfile):
        return ("kind:assessors", "kind:reports", owner_tag(instance.user_id))
    if isinstance(instance, Funder):
        return ("kind:funders",)
    return (SITE,)


def objects_changed(*objects) -> None:
    """Expire the pages showing these objects (none given: every page)."""
    tags = [tag for obj in objects for tag in tags_for(obj)] if objects else [SITE]
    tags_changed(*tags)


def object_changed(sender=None, instance=None, **kwargs) -> None:
    """Signal-receiver friendly (published/unpublished/post_delete): the instance's tags."""
    objects_changed(*([instance] if instance is not None else []))


def declare_site_content_only(page, request, serve_args, serve_kwargs) -> None:
    """Wagtail's before_serve_page hook (portal/wagtail_hooks.py): a page type that declares
    ``site_content_only = True`` never lists profiles, reports or funders, so it is cached under ``site`` only."""
    if getattr(page.specific_class, "site_content_only", False):
        declare_page_scope()
