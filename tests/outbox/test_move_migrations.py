"""Moving the outbox out of moderation loses nothing: rows, the content type (and the staff permissions hanging
on it) and the "outbox-retry" schedule survive migrating from before the move to after it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_q.models import Schedule

from outbox.models import OutboxEmail

BEFORE_MOVE = [("moderation", "0010_outbox_claimed_at_interrupted_sends"), ("outbox", None)]
OLD_FUNC, NEW_FUNC = "moderation.tasks.retry_outbox", "outbox.tasks.retry_outbox"


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()  # the applied set changed: read it again for the next plan
    return executor


def fill_before_move(apps) -> tuple[int, int]:
    """Rows as moderation had them: two emails, a group allowed to re-queue, the schedule under its old path."""
    Email = apps.get_model("moderation", "OutboxEmail")
    Email.objects.create(key="moved:1", to="a@example.org", subject="One", body_text="first", status="sent")
    Email.objects.create(key="moved:2", to="b@example.org", subject="Two", body_text="second", status="failed")
    content_type = apps.get_model("contenttypes", "ContentType").objects.get(
        app_label="moderation", model="outboxemail"
    )
    permission = apps.get_model("auth", "Permission").objects.get(
        content_type=content_type, codename="change_outboxemail"
    )
    group = apps.get_model("auth", "Group").objects.create(name="Outbox operators")
    group.permissions.add(permission)
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name="outbox-retry", defaults={"func": OLD_FUNC, "schedule_type": "I", "minutes": 2, "repeats": -1}
    )
    return content_type.pk, group.pk


@pytest.mark.serial
@pytest.mark.django_db(transaction=True)
def test_rows_content_type_and_schedule_survive_the_move():
    executor = migrate(BEFORE_MOVE)
    leaves = executor.loader.graph.leaf_nodes()
    # privacy moved its model out of moderation after 0011: its migrations sit on top of the outbox move too.
    before = [node for node in leaves if node[0] not in ("moderation", "outbox", "privacy")] + BEFORE_MOVE[:1]
    old_apps = executor.loader.project_state(before).apps
    with pytest.raises(LookupError):
        old_apps.get_model("outbox", "OutboxEmail")
    content_type_id, group_id = fill_before_move(old_apps)

    migrate(leaves)

    assert dict(OutboxEmail.objects.values_list("key", "status")) == {"moved:1": "sent", "moved:2": "failed"}
    assert OutboxEmail.objects.get(key="moved:2").body_text == "second"
    ContentType.objects.clear_cache()
    content_type = ContentType.objects.get_for_model(OutboxEmail)
    assert (content_type.pk, content_type.app_label) == (content_type_id, "outbox")
    assert not ContentType.objects.filter(app_label="moderation", model="outboxemail").exists()
    staff = Group.objects.get(pk=group_id)
    assert list(staff.permissions.values_list("content_type__app_label", "codename")) == [
        ("outbox", "change_outboxemail")
    ]
    assert Schedule.objects.get(name="outbox-retry").func == NEW_FUNC
    assert OutboxEmail._meta.db_table == "moderation_outboxemail"
