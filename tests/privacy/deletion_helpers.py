"""A fully used, approved account for the delete/restore/purge tests: profile with a logo and renditions,
reports with child rows, emails, consents, sessions, login records, task rows, consultation requests."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from django_q.models import Task

from creators.models import ConsentRecord, ConsultationRequest, ImpactCreatorProfile, PasswordResetRequest, User
from creators.services.registration import store_uploaded_image
from outbox.services import outbox_enqueue
from taxonomy.models import Province, SdgGoal, Sector, Theme
from tests.creators.factories import png_upload
from tests.reports.factories import make_complete_report

MARKER = "XQZ-unique-marker-7c1f"
PASSWORD = "x-owner-password-12"
_serial = itertools.count(1)


@dataclass
class Account:
    user: User
    profile: ImpactCreatorProfile
    report: object
    draft_report: object
    names: tuple[str, ...]


def make_staff(email: str = "staff@example.org") -> User:
    user = User.objects.create_user(email=email, password="x-staff-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def make_live_report(owner: User, *, slug: str, marker: str = "", sector: str = "social", ratio: str = "1.3877"):
    report = make_complete_report(owner, slug=slug, title=f"โครงการ {slug}")
    report.summary = f"สรุปผล {marker}".strip()
    report.sector = Sector.objects.get(slug=sector)
    report.provinces = list(Province.objects.filter(slug__in=["chiang-mai"]))
    report.sdg_goals = list(SdgGoal.objects.filter(number__in=[1, 10]))
    report.total_inputs, report.present_value = Decimal("250000"), Decimal("346927.12")
    report.sroi_ratio = Decimal(ratio)
    report.save()
    report.save_revision(user=owner).publish()
    return report


def make_account(*, email: str | None = None, language: str = "th") -> Account:
    n = next(_serial)
    email = email or f"owner{n}-delete@example.org"
    user = User.objects.create_user(
        email=email, password=PASSWORD, email_verified_at=timezone.now(), preferred_language=language
    )
    name_th, name_en = f"มูลนิธิลบได้ที่ {n}", f"Erasable Foundation {n}"
    profile = ImpactCreatorProfile(
        user=user,
        slug=f"erasable-{n}",
        name_th=name_th,
        name_en=name_en,
        organisation_type=Sector.objects.get(slug="social"),
        province=Province.objects.get(slug="chiang-mai"),
        contact_name=f"คุณลบ ทดสอบ{n}",
        contact_phone="081-999-0000",
        contact_email=f"contact{n}-delete@example.org",
        description=f"คำอธิบาย {MARKER}",
        live=False,
    )
    profile.logo = store_uploaded_image(image_file=png_upload(), title=name_en, owner=user)
    profile.sdg_goals = list(SdgGoal.objects.filter(number__in=[1, 10]))
    profile.themes = list(Theme.objects.all()[:1])
    profile.save()
    profile.save_revision(user=user).publish()
    profile.logo.get_rendition("max-240x240")
    report = make_live_report(user, slug=f"erasable-report-{n}", marker=MARKER)
    draft = make_complete_report(user, slug=f"erasable-draft-{n}", title=f"ร่าง {MARKER}")
    ConsentRecord.objects.create(user=user, version="1", language="th")
    outbox_enqueue(key=f"test-message:{n}", to=email, template="test_message", context={}, language="th")
    other = User.objects.create_user(email=f"peer{n}@example.org", password="x" * 12)
    ConsultationRequest.objects.create(sender=user, recipient=other, subject="ขอคำปรึกษา", message=MARKER)
    ConsultationRequest.objects.create(sender=other, recipient=user, subject="ตอบกลับ", message="ok")
    PasswordResetRequest.objects.create(email=email)
    seen = {"username": email, "ip_address": "127.0.0.1", "user_agent": "pytest", "path_info": "/accounts/login/"}
    AccessAttempt.objects.create(**seen, failures_since_start=1, get_data="", post_data=f"username={email}")
    AccessLog.objects.create(**seen)
    AccessFailureLog.objects.create(**seen)
    Task.objects.create(
        id=f"task-{n}",
        name=f"task-{n}",
        func="creators.tasks.something",
        args=(email,),
        kwargs={},
        result=f"done for {email}",
        started=timezone.now(),
        stopped=timezone.now() + timedelta(seconds=1),
        success=True,
    )
    return Account(user=user, profile=profile, report=report, draft_report=draft, names=(email, name_th, name_en))


def logged_in_client(user: User) -> Client:
    """Logs in through the real login form (axes, backends, session)."""
    client = Client()
    client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert client.session.get("_auth_user_id") == str(user.pk)
    return client


def shift_deleted_back(record, *, days: float) -> None:
    """Time travel: make the deletion ``days`` days old (the window moves with it)."""
    delta = timedelta(days=days)
    type(record).objects.filter(pk=record.pk).update(
        deleted_at=record.deleted_at - delta, purge_after=record.purge_after - delta
    )
    record.refresh_from_db()


def database_and_files_mentioning(needles) -> list[str]:
    """Where any needle still appears: a full ``dumpdata``, every table's raw rows (every column, JSON columns
    with Thai escaped as \\uXXXX too), django-q2's pickled task arguments and results, every file (name and
    bytes) in the public, private and quarantine areas (folders or buckets), and the development copies of emails
    (file backend)."""
    import io
    import json
    from pathlib import Path

    from django.conf import settings
    from django.core.files.storage import storages
    from django.core.management import call_command
    from django.db import connection
    from django_q.models import OrmQ
    from django_q.signing import SignedPackage

    from outbox.mail_copies import FILE_BACKEND, mail_copy_text
    from tests.media_areas import area_files

    needles = [needle.lower() for needle in needles]
    variants = {needle: {needle, json.dumps(needle)[1:-1]} for needle in needles}
    found: list[str] = []

    def check(where: str, text: str) -> None:
        lowered = text.lower()
        found.extend(f"{where}: {needle}" for needle in needles if any(v in lowered for v in variants[needle]))

    dump = io.StringIO()
    call_command("dumpdata", format="json", stdout=dump)
    check("dumpdata", dump.getvalue().encode().decode("unicode_escape", errors="ignore") + dump.getvalue())
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608  table names come from the database itself
            for row in cursor.fetchall():
                text = " ".join(
                    value.decode("utf-8", errors="ignore") if isinstance(value, bytes | memoryview) else str(value)
                    for value in (bytes(v) if isinstance(v, memoryview) else v for v in row)
                )
                check(f"table {table}", text)
    for task in Task.objects.all():
        check(f"task {task.pk}", repr((task.args, task.kwargs, task.result)))
    for queued in OrmQ.objects.all():
        check(f"ormq {queued.pk}", repr(SignedPackage.loads(queued.payload)))
    for alias in ("default", "private", "quarantine"):  # the folders or the buckets, listed directly
        for name in area_files(alias):
            with storages[alias].open(name, "rb") as handle:
                check(f"file {alias}:{name}", name + handle.read().decode("utf-8", errors="ignore"))
    if settings.EMAIL_BACKEND == FILE_BACKEND:
        for path in Path(settings.EMAIL_FILE_PATH).glob("*"):
            check(f"email copy {path.name}", mail_copy_text(path.read_text(encoding="utf-8", errors="replace")))
    return found
