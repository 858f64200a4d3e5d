"""Moving the funders and the Impact Data page out of portal keeps every row, revision and permission (#20 step 4)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from wagtail.models import ModelLogEntry, Page, Revision

from funding.models import Funder, FunderIndexPage
from impact_data.models import ImpactDataIndexPage
from taxonomy.models import Theme

BEFORE_THE_MOVE = [
    ("portal", "0010_vocabularies_moved_to_taxonomy"),
    ("funding", None),
    ("impact_data", None),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([target for target in targets if target[1] is not None]).apps


def leaf_nodes():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.serial
@pytest.mark.django_db(transaction=True)  # no serialized_rollback: it clashes with an earlier flush
def test_funders_and_the_catalogue_page_survive_the_move():
    old = migrate(BEFORE_THE_MOVE)
    try:
        applied = MigrationExecutor(connection).loader.applied_migrations
        assert not any(app in ("funding", "impact_data") for app, _ in applied)
        old_types = old.get_model("contenttypes", "ContentType").objects
        funder_type, _ = old_types.get_or_create(app_label="portal", model="funder")
        page_type, _ = old_types.get_or_create(app_label="portal", model="impactdataindexpage")
        OldFunder = old.get_model("portal", "Funder")
        theme = old.get_model("taxonomy", "Theme").objects.create(slug="moved-theme", name_th="ธีม", name_en="Theme")
        funder = OldFunder.objects.create(
            slug="moved-funder", name_th="กองทุนย้ายบ้าน", name_en="Moving Fund", kind="grant_maker", live=True
        )
        # A historical model has no ClusterableModel.save to commit a parental many-to-many: write the link row.
        OldFunder.focus_themes.through.objects.create(funder=funder, theme=theme)
        revision = old.get_model("wagtailcore", "Revision").objects.create(
            content_type=funder_type,
            base_content_type=funder_type,
            object_id=str(funder.pk),
            created_at=timezone.now(),
            object_str="กองทุนย้ายบ้าน",
            content={"pk": funder.pk, "slug": "moved-funder", "name_th": "กองทุนย้ายบ้าน (ร่าง)", "kind": "bank"},
        )
        OldFunder.objects.filter(pk=funder.pk).update(latest_revision=revision, live_revision=revision)
        log_entry = old.get_model("wagtailcore", "ModelLogEntry").objects.create(
            content_type=funder_type,
            object_id=str(funder.pk),
            label="กองทุนย้ายบ้าน",
            action="wagtail.publish",
            timestamp=timezone.now(),
        )
        publish_funder, _ = old.get_model("auth", "Permission").objects.get_or_create(
            content_type=funder_type, codename="publish_funder", defaults={"name": "Can publish funder"}
        )
        group = old.get_model("auth", "Group").objects.create(name="Funder keepers")
        group.permissions.add(publish_funder)
        # An earlier serial test's flush (PostgreSQL runs those) removes Wagtail's root page: then a root-level node.
        root = old.get_model("wagtailcore", "Page").objects.filter(depth=1).first()
        locale, _ = old.get_model("wagtailcore", "Locale").objects.get_or_create(language_code="th")
        page = old.get_model("portal", "ImpactDataIndexPage").objects.create(
            title="Impact Data (moved)",
            slug="moved-impact-data",
            path=(root.path if root else "") + "ZZ99",
            depth=2 if root else 1,
            url_path="/moved-impact-data/",
            content_type=page_type,
            locale_id=root.locale_id if root else locale.pk,
            intro="<p>แคตตาล็อก</p>",
        )
    finally:
        migrate(leaf_nodes())
    ContentType.objects.clear_cache()

    moved = Funder.objects.get(pk=funder.pk)
    assert (moved.slug, moved.name_th, moved.kind, moved.live) == ("moved-funder", "กองทุนย้ายบ้าน", "grant_maker", True)
    assert list(moved.focus_themes.all()) == [Theme.objects.get(pk=theme.pk)]
    # The same content-type rows, relabelled: revisions, log entries and permissions that name them still resolve.
    assert ContentType.objects.get_for_model(Funder).pk == funder_type.pk
    assert ContentType.objects.get_for_model(ImpactDataIndexPage).pk == page_type.pk
    assert not ContentType.objects.filter(
        app_label="portal", model__in=["funder", "funderindexpage", "impactdataindexpage"]
    ).exists()
    assert moved.latest_revision_id == revision.pk
    assert list(Revision.objects.for_instance(moved)) == [Revision.objects.get(pk=revision.pk)]
    draft = moved.latest_revision.as_object()
    assert isinstance(draft, Funder)
    assert (draft.name_th, draft.kind) == ("กองทุนย้ายบ้าน (ร่าง)", "bank")
    assert ModelLogEntry.objects.get(pk=log_entry.pk).content_type.model_class() is Funder
    permission = Permission.objects.get(pk=publish_funder.pk)
    assert (permission.content_type.app_label, permission.codename) == ("funding", "publish_funder")
    assert Group.objects.get(name="Funder keepers").permissions.get() == permission
    moved_page = Page.objects.get(pk=page.pk).specific
    assert isinstance(moved_page, ImpactDataIndexPage)
    assert (moved_page.slug, moved_page.intro) == ("moved-impact-data", "<p>แคตตาล็อก</p>")
    assert FunderIndexPage._meta.db_table == "portal_funderindexpage"
