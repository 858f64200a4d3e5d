"""The vocabularies' move from portal to taxonomy keeps every row, link and permission (issue #20, step 1)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from creators.models import ImpactCreatorProfile
from reports.models import ReportOutcome
from taxonomy.models import Province, SdgGoal, SdgIndicator, Sector

BEFORE_THE_MOVE = [
    ("portal", "0009_sample_data_flag"),
    ("creators", "0011_sample_data_flag"),
    ("reports", "0005_sample_data_flag"),
    ("taxonomy", None),
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
def test_rows_links_and_permissions_survive_the_move():
    old = migrate(BEFORE_THE_MOVE)
    try:
        assert not any(app == "taxonomy" for app, _ in MigrationExecutor(connection).loader.applied_migrations)
        OldSector = old.get_model("portal", "Sector")
        OldProvince = old.get_model("portal", "Province")
        OldGoal = old.get_model("portal", "SdgGoal")
        OldTarget = old.get_model("portal", "SdgTarget")
        OldIndicator = old.get_model("portal", "SdgIndicator")
        old_types = old.get_model("contenttypes", "ContentType").objects
        sector = OldSector.objects.create(slug="moved-sector", name_th="ภาคทดสอบ", name_en="Test sector", sort_order=99)
        province = OldProvince.objects.create(
            code="TH-99", slug="moved-province", name_th="จังหวัดทดสอบ", name_en="Test", region="north"
        )
        goal = OldGoal.objects.create(number=99, slug="goal-99", name_th="เป้าหมายทดสอบ", name_en="Test goal")
        target = OldTarget.objects.create(goal=goal, number="99.1", slug="target-99-1", text_th="ก", text_en="t")
        indicator = OldIndicator.objects.create(
            target=target, code="99.1.1", slug="indicator-99-1-1", name_th="ตัวชี้วัด", name_en="Indicator", unit="%"
        )
        user = old.get_model("creators", "User").objects.create(email="moved@example.org")
        profile = old.get_model("creators", "ImpactCreatorProfile").objects.create(
            user=user,
            slug="moved-creator",
            name_th="มูลนิธิย้ายบ้าน",
            name_en="Moving Foundation",
            organisation_type=sector,
            province=province,
            contact_name="สมชาย",
        )
        # A historical model has no ClusterableModel.save to commit a parental many-to-many: write the link row.
        profile.sdg_goals.through.objects.create(impactcreatorprofile=profile, sdggoal=goal)
        sector_type, _ = old_types.get_or_create(app_label="portal", model="sector")
        change_sector, _ = old.get_model("auth", "Permission").objects.get_or_create(
            content_type=sector_type, codename="change_sector", defaults={"name": "Can change sector"}
        )
        group = old.get_model("auth", "Group").objects.create(name="Vocabulary keepers")
        group.permissions.add(change_sector)
        indicator_type_id = old_types.get(app_label="portal", model="sdgindicator").pk
    finally:
        migrate(leaf_nodes())
    ContentType.objects.clear_cache()

    moved_sector = Sector.objects.get(pk=sector.pk)
    assert (moved_sector.slug, moved_sector.name_th, moved_sector.sort_order) == ("moved-sector", "ภาคทดสอบ", 99)
    assert Province.objects.get(pk=province.pk).code == "TH-99"
    moved_indicator = SdgIndicator.objects.select_related("target__goal").get(pk=indicator.pk)
    assert (moved_indicator.code, moved_indicator.unit, moved_indicator.target.goal.number) == ("99.1.1", "%", 99)
    moved_profile = ImpactCreatorProfile.objects.get(pk=profile.pk)
    assert moved_profile.organisation_type == moved_sector
    assert moved_profile.province_id == province.pk
    assert list(moved_profile.sdg_goals.all()) == [SdgGoal.objects.get(pk=goal.pk)]
    # The same content-type rows, relabelled: permissions, revisions and log entries that name them still resolve.
    assert ContentType.objects.get_for_model(Sector).pk == sector_type.pk
    assert ContentType.objects.get_for_model(SdgIndicator).pk == indicator_type_id
    assert not ContentType.objects.filter(app_label="portal", model__in=["sector", "sdgindicator"]).exists()
    permission = Permission.objects.get(pk=change_sector.pk)
    assert (permission.content_type.app_label, permission.codename) == ("taxonomy", "change_sector")
    assert Group.objects.get(name="Vocabulary keepers").permissions.get() == permission
    assert ReportOutcome._meta.get_field("sdg_indicator").related_model is SdgIndicator
