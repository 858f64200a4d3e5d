"""``manage.py demo_data`` (make demo): a living sample portal, marked, idempotent, removable, never in production."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.users.models import UserProfile

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile, User
from creators.private_media import stored_area
from funding.models import Funder
from outbox.models import OutboxEmail
from portal.sample_data.load import read_sample
from reports.models import ImpactReport
from search.models import SearchDocument

pytestmark = pytest.mark.django_db

SAMPLE = read_sample()


@pytest.fixture
def own_media(settings, tmp_path):
    """This test's own media folders: other test workers write into the shared ones at the same time."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    settings.DELETION_QUARANTINE_ROOT = tmp_path / "quarantine"
    # As in make run: emails are also written as files (var/emails/), which the removal cleans up too.
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "emails"
    settings.EMAIL_FILE_PATH.mkdir()
    return [
        settings.MEDIA_ROOT,
        settings.PRIVATE_MEDIA_ROOT,
        settings.DELETION_QUARANTINE_ROOT,
        settings.EMAIL_FILE_PATH,
    ]


# SQLite FTS5's own segment storage (Wagtail's search index): its row count is a count of index pages, not of items.
FTS5_STORAGE = re.compile(r"_fts_(data|idx)$")


def row_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if FTS5_STORAGE.search(table):
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608  schema names
            counts[table] = cursor.fetchone()[0]
    return counts


def files(roots) -> set[str]:
    return {str(path) for root in roots if Path(root).exists() for path in Path(root).rglob("*") if path.is_file()}


def demo(*args: str) -> str:
    out = StringIO()
    call_command("demo_data", *args, stdout=out)
    return out.getvalue()


def test_load_is_complete_marked_idempotent_and_removal_leaves_nothing(
    client, own_media, django_capture_on_commit_callbacks
):
    # Moderators' view below: their own account exists before the snapshot (it is nothing the sample made).
    admin = User.objects.create_superuser(email="admin@example.org", password="x" * 12)
    UserProfile.get_for_user(admin)  # the admin makes it on the first visit
    client.force_login(admin)
    tables_before, files_before = row_counts(), files(own_media)
    with django_capture_on_commit_callbacks(execute=True):
        demo()

    # Approved through the real workflow: live, with an approval in their history, public image, search entry.
    creators = ImpactCreatorProfile.objects.filter(is_sample=True)
    assessors = ImpactAssessorProfile.objects.filter(is_sample=True)
    assert creators.count() == len(SAMPLE["creators"]) == 24 and assessors.count() == len(SAMPLE["assessors"]) == 8
    for profile in [*creators, *assessors]:
        assert profile.live and profile.user.email_verified_at is not None and not profile.user.has_usable_password()
        assert profile.current_workflow_state is None and profile.workflow_states.filter(status="approved").exists()
        image = profile.logo if profile.kind == "creator" else profile.photo
        assert stored_area(image.file.name) == "default"  # public, not private
        assert (Path(own_media[0]) / image.file.name).is_file()
        assert SearchDocument.objects.filter(object_id=profile.pk, kind=profile.kind).exists()
        assert "(ตัวอย่าง)" in profile.display_name
    reports = ImpactReport.objects.filter(is_sample=True)
    assert reports.count() == len(SAMPLE["reports"]) == 30
    assert {r.sector.slug for r in reports} >= {"social", "private", "government"}
    assert len({p.slug for r in reports for p in r.provinces.all()}) >= 20
    for report in reports:
        assert report.live and report.completed_step == 5 and report.sroi_ratio > 0
        assert report.total_inputs == sum(i.amount for i in report.inputs.all())
        outcomes = list(report.outcomes.all())
        assert len(outcomes) == 2 and all(o.sdg_indicator_id and o.financial_proxy > 0 for o in outcomes)
        assert report.revisions.count() >= 3  # step 1, the calculation, the submitted version
    assert reports.filter(prepared_by__is_sample=True).count() >= 20
    assert Funder.objects.filter(is_sample=True, live=True).count() == len(SAMPLE["funders"])
    copies = list(Path(own_media[3]).glob("*.log"))  # sent (the dev copies), not only queued
    assert copies and all("@sample.invalid" in path.read_text(encoding="utf-8") for path in copies)
    emails = OutboxEmail.objects.filter(to__endswith="@sample.invalid")
    assert emails.filter(key__startswith="profile-decision:").count() == 32
    assert emails.filter(key__startswith="report-decision:").count() == 30
    assert not OutboxEmail.objects.filter(to="admin@example.org").exists()  # no staff notice of sample requests

    # The portal is alive, and every sample item says what it is.
    directory = client.get("/impact-creators/").content.decode()
    assert "พบ 24 องค์กร" in directory and "ข้อมูลตัวอย่าง" in directory
    creator = creators.get(user__email="sample-c01@sample.invalid")
    for url in (
        f"/creators/{creator.slug}/",
        f"/assessors/{assessors.first().slug}/",
        f"/reports/{reports.first().slug}/",
        f"/funders/{Funder.objects.filter(is_sample=True).first().slug}/",
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        assert 'class="sample-notice"' in page.content.decode(), url
    search = client.get("/api/portal/search", {"q": "ดอยหลวง"}).json()
    assert any("ดอยหลวง" in hit["title"] for hit in search["results"])
    assert client.get("/api/portal/benchmarks").status_code == 200
    api = {path: client.get(f"/api/portal/{path}").json()["results"] for path in ("creators", "reports", "funders")}
    assert all(item["is_sample"] for item in api["creators"] + api["reports"])
    assert {f["slug"]: f["is_sample"] for f in api["funders"]}["sample-green-innovation-fund"] is True
    assert {f["slug"]: f["is_sample"] for f in api["funders"]}["thaihealth"] is False
    # Moderators see which rows are sample data, and can list only those (or only real ones).
    for url in (
        "/admin/snippets/creators/impactcreatorprofile/",
        "/admin/snippets/reports/impactreport/",
        "/admin/snippets/portal/funder/",
    ):
        assert client.get(url, {"is_sample": "true"}).content.decode().count("ข้อมูลตัวอย่าง") >= 5, url
        assert "(ตัวอย่าง)" not in client.get(url, {"is_sample": "false"}).content.decode(), url

    # Idempotent: a second run creates nothing.
    tables_loaded = row_counts()
    with django_capture_on_commit_callbacks(execute=True):
        assert "0 accounts, 0 reports, 0 funders created" in demo()
    assert row_counts() == tables_loaded

    with django_capture_on_commit_callbacks(execute=True):
        assert "32 accounts, 5 funders" in demo("--remove")
    after = row_counts()
    # Nothing stays but the purge ledger's ids and dates, one per erased account (32 + the sample moderator), so a
    # restore from a backup taken before the removal removes them again (ops/purge_ledger.py).
    ledger = after.pop("ops_purgeledgerentry")
    assert ledger - tables_before["ops_purgeledgerentry"] == 33
    assert {t: (tables_before[t], n) for t, n in after.items() if tables_before.get(t) != n} == {}
    assert files(own_media) == files_before
    assert not User.objects.filter(email__endswith="@sample.invalid").exists()
    assert "พบ 0 องค์กร" in client.get("/impact-creators/").content.decode()
    hits = client.get("/api/portal/search", {"q": "ดอยหลวง"}).json()["results"]
    assert not [hit for hit in hits if "ตัวอย่าง" in hit["title"]]


def test_refused_with_production_settings(settings):
    settings.SAMPLE_DATA_ALLOWED = False
    before = row_counts()
    with pytest.raises(CommandError) as refused:
        demo()
    message = str(refused.value)
    assert "SAMPLE_DATA_ALLOWED" in message and re.search("[ก-๙]", message)  # English and Thai
    assert row_counts() == before
    source = (Path(__file__).resolve().parents[2] / "config/settings/production.py").read_text()
    assert re.search(r"^SAMPLE_DATA_ALLOWED = False", source, re.MULTILINE)
