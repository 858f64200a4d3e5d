"""What a Thai moderator reads in our own admin screens: Buddhist Era dates, the live flag in words, registrants
with the same Thai name told apart, and "approved" (not "updated") after approving."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.users.models import UserProfile

from creators.models import ImpactCreatorProfile
from moderation.models import ClosureDay
from outbox.services import outbox_enqueue
from tests.creators.factories import creator_form_data, make_moderator, verification_path

pytestmark = pytest.mark.django_db

LISTING = "/admin/snippets/creators/impactcreatorprofile/"
SAME_THAI_NAME = "มูลนิธิพัฒนาชุมชนเชียงใหม่"


def _thai_moderator(client, email="moderator-th@example.org"):
    moderator = make_moderator(email)
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "th"
    profile.save()
    client.force_login(moderator)
    return moderator


def _register(client, *, email: str, name_en: str) -> ImpactCreatorProfile:
    client.post("/accounts/register/creator/", creator_form_data(email=email, name_th=SAME_THAI_NAME, name_en=name_en))
    client.post(verification_path(email))
    client.logout()
    return ImpactCreatorProfile.objects.get(user__email=email)


@pytest.fixture
def two_alike(client):
    first = _register(client, email="first@example.org", name_en="Chiang Mai Community Foundation")
    second = _register(client, email="second@example.org", name_en="Chiang Mai Community Development Fund")
    return first, second


def _row_texts(html: str) -> list[str]:
    return [" ".join(row.get_text(" ").split()) for row in BeautifulSoup(html, "html.parser").select("tbody tr")]


def test_registrants_with_the_same_thai_name_are_told_apart(client, two_alike):
    _thai_moderator(client)
    rows = _row_texts(client.get(LISTING).content.decode())
    first, second = (next(row for row in rows if email in row) for email in ("first@", "second@"))
    assert SAME_THAI_NAME in first and SAME_THAI_NAME in second
    assert "Chiang Mai Community Foundation" in first and "first@example.org" in first
    assert "Chiang Mai Community Development Fund" in second and "second@example.org" in second
    assert "เชียงใหม่" in first  # the province


def test_moderation_listing_dates_are_in_the_buddhist_era_and_live_is_in_words(client, two_alike):
    _thai_moderator(client)
    profile = two_alike[0]
    html = client.get(LISTING).content.decode()
    row = next(row for row in _row_texts(html) if "first@example.org" in row)
    submitted = timezone.localtime(profile.submitted_at)
    assert str(submitted.year + 543) in row and str(profile.due_date.year + 543) in row
    assert str(submitted.year) not in row.replace(str(submitted.year + 543), "")
    assert "ยังไม่เผยแพร่" in row
    assert "True" not in row and "False" not in row


def test_outbox_and_closure_day_listings_show_buddhist_era_dates(client, admin_user):
    outbox_enqueue(
        key="thai-admin-test:1", to="someone@example.org", template="test_message", context={}, language="th"
    )
    ClosureDay.objects.create(date=datetime.date(2026, 12, 31), reason="วันปิดทำการสิ้นปี")
    client.force_login(admin_user)
    outbox = " ".join(_row_texts(client.get("/admin/moderation/outboxemail/").content.decode()))
    assert str(timezone.localdate().year + 543) in outbox
    closures = " ".join(_row_texts(client.get("/admin/moderation/closureday/").content.decode()))
    assert "31 ธ.ค. 2569" in closures and "2026" not in closures


def _edit_form_data(html: str) -> dict:
    """Every field of the admin edit form as the browser would send it."""
    form = BeautifulSoup(html, "html.parser").select_one("form[data-edit-form]") or BeautifulSoup(
        html, "html.parser"
    ).select_one("form[method=post]")
    data: dict[str, list[str]] = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name = field["name"]
        if field.name == "input" and field.get("type") in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "input" and field.get("type") in ("submit", "button", "file"):
            continue
        if field.name == "select":
            values = [option.get("value", "") for option in field.select("option[selected]")]
            if not values and not field.has_attr("multiple"):
                first = field.select_one("option")
                values = [first.get("value", "")] if first else []
        elif field.name == "textarea":
            values = [field.text]
        else:
            values = [field.get("value", "")]
        data.setdefault(name, []).extend(values)
    return data


def test_approving_in_the_editor_says_approved_not_updated(client, two_alike):
    _thai_moderator(client)
    profile = two_alike[0]
    edit_url = f"{LISTING}edit/{profile.pk}/"
    data = _edit_form_data(client.get(edit_url).content.decode())
    data.update({"action-workflow-action": ["true"], "workflow-action-name": ["approve"]})
    response = client.post(edit_url, data, follow=True)
    profile.refresh_from_db()
    assert profile.live
    shown = " ".join(str(message) for message in response.context["messages"])
    assert "อนุมัติ" in shown and SAME_THAI_NAME in shown
    assert "ปรับปรุง" not in shown and "updated" not in shown


def test_approving_from_the_dashboard_modal_says_approved(client, two_alike):
    _thai_moderator(client)
    profile = two_alike[1]
    task_state = profile.current_workflow_state.current_task_state
    url = f"{LISTING}workflow/action/{profile.pk}/approve/{task_state.pk}/"
    response = client.post(url, {"next": "/admin/"}, follow=True)
    profile.refresh_from_db()
    assert profile.live
    shown = " ".join(str(message) for message in response.context["messages"])
    assert "อนุมัติ" in shown and SAME_THAI_NAME in shown


def test_audit_labels_of_a_deletion_are_in_the_sites_language_whoever_acts(settings):
    from django.utils import translation
    from wagtail.models import ModelLogEntry

    from privacy.deletion import account_delete_on_request
    from tests.privacy.deletion_helpers import make_account, make_staff

    account, staff = make_account(), make_staff()
    with translation.override("en"):  # an English-preferring staff member's request
        record = account_delete_on_request(
            profile=account.profile, reason="เจ้าของโทรมาขอลบ", channel="phone", requested_by="คุณสมชาย", staff_user=staff
        )
    labels = [entry.label for entry in ModelLogEntry.objects.for_instance(record)]
    labels += [entry.label for entry in ModelLogEntry.objects.for_instance(account.profile)]
    assert labels and all("deletion" not in label and "Account" not in label for label in labels), labels
    assert any("บัญชี" in label for label in labels)
