"""/impact-data/csv/: the whole indicator catalogue, Thai and English, with use by public reports only."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taxonomy.models import SdgIndicator, SdgTarget
from tests.impact_data.catalogue_factories import STATES, make_indicator_report

pytestmark = pytest.mark.django_db

URL = "/impact-data/csv/"


def rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="impact-data-catalogue.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads Thai as UTF-8
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_every_indicator_once_in_catalogue_order_in_both_languages(client):
    header, *body = rows(client.get(URL))
    assert header[:3] == ["เป้าหมาย SDG", "ชื่อเป้าหมาย (ภาษาไทย)", "ชื่อเป้าหมาย (ภาษาอังกฤษ)"] and len(header) == 17
    assert len(body) == SdgIndicator.objects.count() >= 248
    assert [row[6] for row in body] == list(
        SdgIndicator.objects.order_by("sort_key", "code").values_list("code", flat=True)
    )
    first = body[0]
    assert first[0] == "1" and first[2] == "No Poverty" and first[6] == "1.1.1"
    assert first[4] == SdgTarget.objects.get(number="1.1").text_th
    assert first[13] == "http://testserver/impact-data/indicator-1-1-1/"
    english_header, *_ = rows(client.get(f"/en{URL}"))
    assert english_header[0] == "SDG goal" and english_header[13] == "link"


def test_use_is_counted_from_public_reports_only(client):
    for state in STATES:
        make_indicator_report(f"report-{state}", {"1.2.1": "100"}, state=state)
    by_code = {row[6]: row for row in rows(client.get(URL))[1:]}
    assert by_code["1.2.1"][11] == "1" and by_code["1.2.1"][12] == "100"
    assert by_code["1.1.1"][11] == "0"


def test_an_editors_formula_is_neutralised(client):
    target = SdgTarget.objects.get(number="1.1")
    SdgIndicator.objects.create(
        target=target, code="TH-1.1.9", slug="th-1-1-9", name_th='=HYPERLINK("http://x")', name_en="@SUM(A1)",
        source="platform", sort_key=999_999,
    )  # fmt: skip
    by_code = {row[6]: row for row in rows(client.get(URL))[1:]}
    assert by_code["TH-1.1.9"][7] == '\'=HYPERLINK("http://x")' and by_code["TH-1.1.9"][8] == "'@SUM(A1)"


def test_one_query_for_the_catalogue_whatever_its_use(client, settings):
    settings.PAGE_CACHE_ENABLED = False  # count the work of building it, not a cached copy
    client.get(URL)  # warm the page tree and site lookups
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for number in range(5):
        make_indicator_report(f"many-{number}", {"1.2.1": "1", "2.1.1": "2"})
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many) == len(few) <= 8, [query["sql"][:120] for query in many]
    assert sum("portal_sdgindicator" in query["sql"] for query in many) == 1
