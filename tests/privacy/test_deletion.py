"""Delete on request: gone at once from every public surface, login refused, owner emailed; restore on day 29
brings back everything identical; restore after the window (or twice) is refused."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.core.files.storage import storages
from django.forms.models import model_to_dict
from wagtail.models import ModelLogEntry
from wagtail.search.backends import get_search_backend

from creators.models import ImpactCreatorProfile, User
from outbox.models import OutboxEmail
from privacy.deletion import (
    ACTION_DELETE,
    ACTION_RESTORE,
    DeletionError,
    account_delete_on_request,
    deletion_restore,
    report_delete_on_request,
)
from privacy.models import DeletionRecord
from reports.models import ImpactReport
from search.models import SearchPosting
from tests.media_areas import area_files, served
from tests.privacy.deletion_helpers import (
    MARKER,
    PASSWORD,
    logged_in_client,
    make_account,
    make_live_report,
    make_staff,
    shift_deleted_back,
)

# Every test twice: media in folders, and in S3 buckets on a moto server (tests/media_areas.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_backend")]


def delete_account(account, staff):
    return account_delete_on_request(
        profile=account.profile,
        reason="เจ้าของโทรมาขอลบ",
        channel="phone",
        requested_by="คุณสมชาย",
        staff_user=staff,
    )


def image_urls(account) -> list[str]:
    logo = account.profile.logo
    return [logo.file.url, *(rendition.file.url for rendition in logo.renditions.all())]


def public_surfaces(client, account) -> dict[str, bool]:
    """For each public surface: does it show the account (or its report)?"""
    slug, report_slug, name = account.profile.slug, account.report.slug, account.profile.name_th
    api_creators = client.get("/api/portal/creators?limit=100").json()
    api_reports = client.get("/api/portal/reports?limit=100").json()
    sitemap = client.get("/sitemap.xml").content.decode()
    return {
        "creator page": client.get(f"/creators/{slug}/").status_code == 200,
        "creator page en": client.get(f"/en/creators/{slug}/").status_code == 200,
        "report page": client.get(f"/reports/{report_slug}/").status_code == 200,
        "report csv": client.get(f"/reports/{report_slug}/value-map.csv").status_code == 200,
        "creators directory": name in client.get("/impact-creators/").content.decode(),
        "reports directory": report_slug in client.get("/impact-reports/").content.decode(),
        "creators csv": name in client.get("/impact-creators/?format=csv").content.decode(),
        "reports csv": report_slug in client.get("/impact-reports/?format=csv").content.decode(),
        "api creators": slug in json.dumps(api_creators),
        "api creator": client.get(f"/api/portal/creators/{slug}").status_code == 200,
        "api reports": report_slug in json.dumps(api_reports),
        "api report": client.get(f"/api/portal/reports/{report_slug}").status_code == 200,
        "sitemap creator": f"/creators/{slug}/" in sitemap,
        "sitemap report": f"/reports/{report_slug}/" in sitemap,
        # The search index itself (public search filters by public() on top of it).
        "search": any(
            hit.is_public for hit in get_search_backend().search(account.profile.name_en, ImpactCreatorProfile)
        ),
        "search index": bool(list(get_search_backend().search(MARKER, ImpactCreatorProfile))),
        "site search": f"/creators/{slug}/" in client.get("/search/", {"q": name}).content.decode(),
        "search api": slug in json.dumps(client.get("/api/portal/search", {"q": name}).json()),
        "images": all(served(url) for url in image_urls(account)),
    }


def social_count(client) -> int:
    benchmarks = client.get("/api/portal/benchmarks").json()
    items = benchmarks["items"] if isinstance(benchmarks, dict) else benchmarks
    return next(item["count"] for item in items if item["sector"]["slug"] == "social")


def fields(obj, **kwargs) -> dict:
    """model_to_dict with M2M values as sorted primary keys (comparable across snapshots)."""
    values = model_to_dict(obj, **kwargs)
    for name, value in values.items():
        if hasattr(value, "values_list") or isinstance(value, list):
            values[name] = sorted(item.pk if hasattr(item, "pk") else item for item in value)
    return values


def snapshot(account) -> dict:
    """Every field, M2M and child row of the profile and its reports, the user's login state, image bytes."""
    profile = ImpactCreatorProfile.objects.get(pk=account.profile.pk)
    reports = {}
    for report in ImpactReport.objects.filter(owner=account.user).order_by("pk"):
        reports[report.pk] = {
            **fields(report),
            "children": [
                [fields(row) for row in getattr(report, name).all()] for name in ("stakeholders", "inputs", "outcomes")
            ],
            "revisions": list(report.revisions.values_list("pk", flat=True)),
        }
    logo = profile.logo
    return {
        "profile": {**fields(profile), "updated_at": profile.updated_at, "live": profile.live},
        "revisions": list(profile.revisions.values_list("pk", flat=True)),
        "reports": reports,
        "user": fields(User.objects.get(pk=account.user.pk), exclude=["last_login"]),
        "images": {
            name: storages["default"].open(name, "rb").read()
            for name in [logo.file.name, *logo.renditions.values_list("file", flat=True)]
        },
    }


def _differences(a, b, path="") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        keys = set(a) | set(b)
        return [d for key in sorted(keys, key=str) for d in _differences(a.get(key), b.get(key), f"{path}.{key}")]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


def test_account_delete_hides_every_public_surface_at_once(client):
    account, staff = make_account(), make_staff()
    before = public_surfaces(client, account)
    assert all(before.values()), before
    count_before = social_count(client)

    delete_account(account, staff)

    after = public_surfaces(client, account)
    assert not any(after.values()), after
    assert social_count(client) == count_before - 1
    assert not SearchPosting.objects.filter(kind="creator", object_id=account.profile.pk).exists()
    assert not SearchPosting.objects.filter(kind="report", object_id=account.report.pk).exists()
    names = [account.profile.logo.file.name, *account.profile.logo.renditions.values_list("file", flat=True)]
    assert len(names) > 1 and set(names) <= area_files("quarantine")  # the original and its renditions
    assert not set(names) & (area_files("default") | area_files("private"))


def test_report_delete_hides_only_that_report(client):
    account, staff = make_account(), make_staff()
    other = make_live_report(account.user, slug="kept-report")
    count_before = social_count(client)
    report_delete_on_request(
        report=account.report, reason="ขอลบรายงาน", channel="email", requested_by="ผู้จัดการ", staff_user=staff
    )
    assert client.get(f"/reports/{account.report.slug}/").status_code == 404
    assert client.get(f"/api/portal/reports/{account.report.slug}").status_code == 404
    assert client.get(f"/reports/{other.slug}/").status_code == 200
    assert client.get(f"/creators/{account.profile.slug}/").status_code == 200
    assert social_count(client) == count_before - 1
    assert User.objects.get(pk=account.user.pk).is_active


def test_login_is_refused_and_sessions_end():
    account, staff = make_account(), make_staff()
    owner = logged_in_client(account.user)
    assert owner.get("/accounts/").status_code == 200
    delete_account(account, staff)
    assert owner.get("/accounts/").status_code == 302  # back to the login page
    response = owner.post("/accounts/login/", {"username": account.user.email, "password": PASSWORD})
    assert "_auth_user_id" not in owner.session
    assert response.status_code == 200
    from creators.models import UserSession

    decoded = [session.get_decoded() for session in UserSession.objects.all()]
    assert not [data for data in decoded if data.get("_auth_user_id") == str(account.user.pk)]


@pytest.mark.parametrize("language", ["th", "en"])
def test_owner_is_emailed_what_was_deleted_and_until_when(django_capture_on_commit_callbacks, language):
    account, staff = make_account(language=language), make_staff()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        record = delete_account(account, staff)
    message = next(m for m in mail.outbox if m.to == [account.user.email])
    assert account.profile.name_th in message.body
    assert OutboxEmail.objects.get(key=f"deletion:{record.pk}").language == language
    # The restore deadline, in the Buddhist Era for Thai readers.
    assert str(record.purge_after.year + (543 if language == "th" else 0)) in message.body
    if language == "en":
        assert "restore everything exactly as it was" in message.body
    # Sent once: the same event never produces a second email.
    assert OutboxEmail.objects.filter(key=f"deletion:{record.pk}").count() == 1


def test_restore_on_day_29_returns_everything_identical(client, django_capture_on_commit_callbacks):
    account, staff = make_account(), make_staff()
    already_deleted = make_live_report(account.user, slug="deleted-before")
    report_delete_on_request(
        report=already_deleted, reason="ลบก่อน", channel="letter", requested_by="ผู้จัดการ", staff_user=staff
    )
    # Pages first: showing the page makes its share-image rendition, which restore must then bring back too.
    surfaces_before = public_surfaces(client, account)
    before = snapshot(account)

    record = delete_account(account, staff)
    assert sorted(record.previously_deleted_report_ids) == [already_deleted.pk]
    shift_deleted_back(record, days=29)
    with django_capture_on_commit_callbacks(execute=True):
        deletion_restore(record=record, staff_user=staff)

    after = snapshot(account)
    assert _differences(after, before) == []
    assert public_surfaces(client, account) == surfaces_before
    assert SearchPosting.objects.filter(kind="report", object_id=account.report.pk).exists()
    assert not SearchPosting.objects.filter(kind="report", object_id=already_deleted.pk).exists()
    assert ImpactReport.objects.get(pk=already_deleted.pk).deleted_at is not None  # stays as it was
    assert logged_in_client(account.user).get("/accounts/").status_code == 200
    restored_mail = OutboxEmail.objects.get(key=f"deletion-restored:{record.pk}")
    assert restored_mail.to == account.user.email


def test_restore_on_day_31_is_refused_and_changes_nothing():
    account, staff = make_account(), make_staff()
    record = delete_account(account, staff)
    shift_deleted_back(record, days=31)
    with pytest.raises(DeletionError, match="พ้นระยะเวลากู้คืน"):
        deletion_restore(record=record, staff_user=staff)
    record.refresh_from_db()
    assert record.restored_at is None
    assert ImpactCreatorProfile.objects.get(pk=account.profile.pk).deleted_at is not None


def test_restore_twice_and_delete_twice_are_refused():
    account, staff = make_account(), make_staff()
    record = delete_account(account, staff)
    with pytest.raises(DeletionError, match="ถูกลบไปแล้ว"):
        delete_account(account, staff)
    deletion_restore(record=record, staff_user=staff)
    with pytest.raises(DeletionError, match="ถูกกู้คืนไปแล้ว"):
        deletion_restore(record=record, staff_user=staff)
    assert OutboxEmail.objects.filter(key__startswith="deletion-restored:").count() == 1


def test_a_report_of_a_deleted_account_is_restored_with_the_account_only():
    account, staff = make_account(), make_staff()
    report_record = report_delete_on_request(
        report=account.report, reason="r", channel="phone", requested_by="x", staff_user=staff
    )
    delete_account(account, staff)
    with pytest.raises(DeletionError, match="โปรดกู้คืนบัญชีก่อน"):
        deletion_restore(record=report_record, staff_user=staff)


def test_bad_input_is_refused_and_changes_nothing():
    account, staff = make_account(), make_staff()
    for kwargs in ({"reason": " ", "channel": "phone"}, {"reason": "r", "channel": "pigeon"}):
        with pytest.raises(DeletionError):
            account_delete_on_request(profile=account.profile, requested_by="x", staff_user=staff, **kwargs)
    assert not DeletionRecord.objects.exists()
    assert ImpactCreatorProfile.objects.get(pk=account.profile.pk).deleted_at is None


def test_delete_and_restore_are_in_the_audit_log():
    account, staff = make_account(), make_staff()
    record = delete_account(account, staff)
    deletion_restore(record=record, staff_user=staff)
    entries = ModelLogEntry.objects.for_instance(account.profile)
    deleted = entries.get(action=ACTION_DELETE)
    assert deleted.user == staff
    assert deleted.data["reason"] == "เจ้าของโทรมาขอลบ"
    assert deleted.data["requested_by"] == "คุณสมชาย"
    assert entries.filter(action=ACTION_RESTORE, user=staff).exists()
    assert ModelLogEntry.objects.for_instance(account.report).filter(action=ACTION_DELETE).exists()
    assert ModelLogEntry.objects.for_instance(record).filter(action__in=[ACTION_DELETE, ACTION_RESTORE]).count() == 2
    assert MARKER  # the marker is used by the purge tests
