"""Done-when: no admin page other than login/logout and the second-factor pages answers a staff session without a
verified second factor. Walks every URL name under /admin/ (Django's resolver, every namespace), GET and POST."""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern
from wagtail.models import Page

from account_security.middleware import EXEMPT_URL_NAMES
from creators.models import User
from tests.account_security.helpers import make_moderator, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.real_second_factor]


def _walk(patterns, namespace: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def admin_url_names() -> dict[str, URLPattern]:
    root = next(e for e in get_resolver().url_patterns if isinstance(e, URLResolver) and str(e.pattern) == "admin/")
    return dict(_walk(root.url_patterns))


def _params(pattern) -> dict[str, str]:
    if isinstance(pattern, RoutePattern):
        return {name: type(conv).__name__ for name, conv in pattern.converters.items()}
    if isinstance(pattern, RegexPattern):
        return dict.fromkeys(re.compile(pattern._regex).groupindex, "regex")
    return {}


def _value(name: str, kind: str, ids: dict):
    if kind == "IntConverter" or name.endswith("_id") or name in ("pk", "id"):
        if "page" in name or name == "parent_id":
            return ids["page"]
        if "user" in name:
            return ids["user"]
        return ids["any"]
    if kind == "UUIDConverter":
        return str(uuid.uuid4())
    return {"app_label": "creators", "model_name": "impactcreatorprofile"}.get(name, "1")


def _url(name: str, entry: URLPattern, ids: dict) -> str | None:
    params = {}
    pattern = entry.pattern
    params = {n: _value(n, k, ids) for n, k in _params(pattern).items()}
    try:
        return reverse(name, kwargs=params)
    except Exception:
        try:
            return reverse(name, args=list(params.values()))
        except Exception:
            return None


def test_every_admin_url_answers_an_unverified_staff_session_only_with_the_second_factor_step(client):
    staff = make_moderator()
    superuser = User.objects.create_superuser(email="root@example.org", password="x-root-password-1")
    ids = {"page": Page.objects.filter(depth=2).first().pk, "user": staff.pk, "any": superuser.pk}
    assert sign_in(client, superuser.email, "x-root-password-1").status_code == 302
    enrol_url, verify_url = reverse("account_security_enrol"), reverse("account_security_verify")
    names = admin_url_names()
    assert len(names) > 300  # the walk really covers Wagtail's admin (pages, snippets, users, images, ...)
    walked, leaks, unbuilt = 0, [], []
    for name, entry in sorted(names.items()):
        if name.rsplit(":", 1)[-1] in EXEMPT_URL_NAMES:
            continue
        url = _url(name, entry, ids)
        if url is None:
            unbuilt.append(name)
            continue
        for method in (client.get, client.post):
            response = method(url)
            walked += 1
            location = response.headers.get("Location", "")
            redirected = response.status_code == 302 and location.split("?")[0] in (enrol_url, verify_url)
            if not (redirected or response.status_code in (403, 404)):
                leaks.append((name, url, method.__name__, response.status_code, location))
    assert leaks == []
    assert unbuilt == []
    assert walked > 600


def test_the_same_walk_reaches_the_admin_once_the_second_factor_is_verified(client):
    """The walk's positive control: with a verified session the admin answers (so the check above can fail)."""
    staff = make_moderator()
    client.force_login(staff)  # real_second_factor: no shortcut, so not verified yet
    assert client.get(reverse("wagtailadmin_home")).status_code == 302
    session = client.session
    session["otp_device_id"] = "otp_totp.totpdevice/1"
    session.save()
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
