"""Builders for registrants in tests: real services, real workflow, no shortcuts around moderation."""

import io

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from creators.models import User
from outbox.models import OutboxEmail
from taxonomy.models import Province, SdgGoal, Sector

DEFAULT_PASSWORD = "ดอกไม้บานในสวน สีเขียว 2569"


def png_upload(name: str = "logo.png", size=(64, 64)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 93, 75)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def creator_form_data(**overrides) -> dict:
    data = {
        "email": "somchai@example.org",
        "password1": DEFAULT_PASSWORD,
        "password2": DEFAULT_PASSWORD,
        "accept_privacy": "on",
        "name_th": "มูลนิธิพัฒนาชุมชนเชียงใหม่",
        "name_en": "Chiang Mai Community Foundation",
        "organisation_type": str(Sector.objects.get(slug="social").pk),
        "registration_number": "0993000123456",
        "province": str(Province.objects.get(slug="chiang-mai").pk),
        "address": "123 ถนนห้วยแก้ว ตำบลสุเทพ",
        "website": "https://example.org",
        "description": "โครงการพัฒนาทักษะอาชีพให้ผู้สูงอายุในชุมชนเชียงใหม่",
        "sdg_goals": [str(SdgGoal.objects.get(number=1).pk), str(SdgGoal.objects.get(number=10).pk)],
        "contact_name": "สมชาย ใจดี",
        "contact_phone": "081-234-5678",
        "contact_email": "contact@example.org",
    }
    data.update(overrides)
    return data


def assessor_form_data(**overrides) -> dict:
    data = {
        "email": "assessor@example.org",
        "password1": DEFAULT_PASSWORD,
        "password2": DEFAULT_PASSWORD,
        "accept_privacy": "on",
        "name": "สมหญิง ประเมินดี",
        "qualifications": "SROI Practitioner (Social Value International)",
        "expertise_sectors": [str(Sector.objects.get(slug="social").pk)],
        "provinces_served": [str(Province.objects.get(slug="bangkok").pk)],
        "biography": "ประเมินผลลัพธ์ทางสังคมมา 10 ปี",
        "contact_phone": "02-123-4567",
        "contact_email": "assessor-contact@example.org",
    }
    data.update(overrides)
    return data


def last_email(to: str, template_key_prefix: str = "") -> OutboxEmail:
    rows = OutboxEmail.objects.filter(to__iexact=to, key__startswith=template_key_prefix).order_by("-created_at", "-pk")
    return rows.first()


def verification_path(email: str) -> str:
    body = last_email(email, "verify:").body_text
    url = next(word for word in body.split() if "/accounts/verify/" in word)
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def verify_and_log_in(client, email: str = "somchai@example.org", password: str = DEFAULT_PASSWORD) -> None:
    """Confirm the address through the emailed link (which logs nobody in), then log in with the password."""
    assert client.post(verification_path(email)).status_code == 302
    response = client.post("/accounts/login/", {"username": email, "password": password})
    assert response.status_code == 302, "login after verification failed"


def make_moderator(email: str = "moderator@example.org") -> User:
    user = User.objects.create_user(email=email, password="x" * 12, is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def decide(profile, moderator, action: str, reason: str = ""):
    """What the admin's workflow action view does, through the same task code path."""
    profile.refresh_from_db()
    task_state = profile.current_workflow_state.current_task_state
    kwargs = {"comment": reason} if action == "reject" else {}
    return task_state.task.specific.on_action(task_state, moderator, action, **kwargs)
