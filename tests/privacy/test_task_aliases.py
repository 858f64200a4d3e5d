"""Tasks queued under their old paths before the PDPA lifecycle moved to privacy/ still run (#20 step 2)."""

from importlib import import_module

import pytest
from django.utils.module_loading import import_string

pytestmark = pytest.mark.django_db

MOVED_TASKS = {
    "moderation.tasks.purge_deleted_items": "privacy.tasks.purge_deleted_items",
    "moderation.tasks.purge_retained_records": "privacy.tasks.purge_retained_records",
    "creators.tasks.purge_unverified_registrations": "privacy.tasks.purge_unverified_registrations",
}


@pytest.mark.parametrize(("old_path", "new_path"), MOVED_TASKS.items())
def test_an_old_task_path_runs_the_moved_task(old_path, new_path, monkeypatch):
    calls = []
    module_path, name = new_path.rsplit(".", 1)
    monkeypatch.setattr(import_module(module_path), name, lambda: calls.append(name) or 7)

    assert import_string(old_path)() == 7
    assert calls == [name]
