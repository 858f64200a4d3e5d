"""Staff delete an approved creator on request in the Wagtail admin: the public page 404s; staff restore it from
"Deleted items": the page is back."""

import pytest
from playwright.sync_api import expect

from tests.e2e.second_factor import admin_sign_in

pytestmark = pytest.mark.e2e
PASSWORD = "ทะเลสีครามยามเช้า 2569"
SLUG = "deletion-journey-foundation"


def _seed(stack) -> None:
    stack.shell(
        "from django.contrib.auth.models import Group\n"
        "from django.utils import timezone\n"
        "from wagtail.users.models import UserProfile\n"
        "from creators.models import ImpactCreatorProfile, User\n"
        "from taxonomy.models import Province, Sector\n"
        f"staff = User.objects.create_user(email='staff-deletion@example.org', password='{PASSWORD}', is_staff=True)\n"
        "staff.groups.add(Group.objects.get(name='Moderators'))\n"
        "p = UserProfile.get_for_user(staff); p.preferred_language = 'en'; p.save()\n"
        "owner = User.objects.create_user(email='owner-deletion@example.org', password='x' * 12,"
        " email_verified_at=timezone.now())\n"
        f"profile = ImpactCreatorProfile(user=owner, slug='{SLUG}', name_th='มูลนิธิทดสอบการลบ',"
        " name_en='Deletion Journey Foundation', organisation_type=Sector.objects.get(slug='social'),"
        " province=Province.objects.get(slug='chiang-mai'), contact_name='x', live=False)\n"
        "profile.save(); profile.save_revision(user=owner).publish()\n"
        "print(profile.pk)"
    )


def test_staff_delete_on_request_then_restore(stack, page):
    _seed(stack)
    public_url = f"{stack.base_url}/creators/{SLUG}/"
    assert page.goto(public_url).status == 200

    admin_sign_in(page, stack, "staff-deletion@example.org", PASSWORD)
    page.goto(stack.base_url + "/admin/snippets/creators/impactcreatorprofile/")
    page.get_by_role("link", name="มูลนิธิทดสอบการลบ").first.click()
    page.locator("footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']").first.click()
    page.get_by_role("link", name="Delete on request").click()

    expect(page.locator("h1")).to_contain_text("Delete on request")
    page.get_by_label("Reason").fill("The owner phoned and asked us to delete the account")
    page.get_by_label("Requested by").select_option("phone")
    page.get_by_label("Name of the person who asked").fill("Somchai")
    page.get_by_label("I checked that this person may ask for this deletion").check()
    page.get_by_role("button", name="Delete on request").click()

    expect(page.locator("h1")).to_contain_text("Deleted items")
    row = page.get_by_test_id("deleted-item").filter(has_text="มูลนิธิทดสอบการลบ")
    expect(row).to_contain_text("30")  # days left
    assert page.request.get(public_url).status == 404

    row.get_by_role("link", name="Restore").click()
    page.get_by_role("button", name="Yes, restore").click()
    expect(page.get_by_test_id("deleted-item")).to_have_count(0)
    assert page.request.get(public_url).status == 200
    page.goto(public_url)
    expect(page.locator("h1")).to_contain_text("มูลนิธิทดสอบการลบ")
