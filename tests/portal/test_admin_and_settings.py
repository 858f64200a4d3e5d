import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_editor_and_moderator_groups_exist_with_admin_access():
    editors = Group.objects.get(name="Editors")
    moderators = Group.objects.get(name="Moderators")
    for group in (editors, moderators):
        assert group.permissions.filter(codename="access_admin").exists()
    assert editors.permissions.filter(codename="change_contactsettings").exists()
    page_perms = set(editors.page_permissions.values_list("permission__codename", flat=True))
    assert {"add_page", "change_page", "publish_page"} <= page_perms
    collection_perms = set(editors.collection_permissions.values_list("permission__codename", flat=True))
    assert {"add_image", "choose_image", "add_document"} <= collection_perms


@pytest.mark.django_db
def test_an_editor_can_open_the_faq_editor_and_the_contact_settings(client, django_user_model, faq_page_th):
    editor = django_user_model.objects.create_user(email="editor@example.org", password="x", is_staff=False)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(f"/admin/pages/{faq_page_th.pk}/edit/").status_code == 200
    assert client.get("/admin/settings/portal/contactsettings/").status_code in (200, 302)


@pytest.mark.django_db
def test_admin_speaks_thai_by_default(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert 'lang="th"' in response.content.decode()


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "impact.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        "SITE_URL": "https://impact.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/0",  # production refuses to start without it (tests/media_store)
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY",)}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.production", ALLOWED_HOSTS="x.org", DATABASE_URL="sqlite:///x")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
