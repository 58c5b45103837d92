"""Only published figures reach the public: through the page and every download. The demo
data: Kazakhstan's round-1 report is published, the other countries' are not."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import Indicator, Observation
from indicators.selectors import SDMX_COLUMNS, comparison_table
from indicators.services import observations_save
from monitoring.models import Country
from questionnaires.models import Response

PAGE = "/en/statistics/?indicator=investigations"


def rows(response):
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_anonymous_visitors_see_published_countries_only(client, demo_data):
    page = client.get(PAGE)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Kazakhstan" in content
    kz = Observation.objects.get(
        country__iso_code="KZ", indicator__code="investigations", year=2023
    )
    assert f"<td>{kz.value}</td>" in content
    # Kyrgyzstan's report is not published: its row is there, without a figure or a note.
    assert "Kyrgyzstan reports every case" not in content
    assert "Demonstration data." in content
    assert "not yet published" not in content


def test_experts_see_every_figure_and_the_definition_note(client, user_named):
    client.force_login(user_named("secretariat"))
    content = client.get(PAGE).content.decode()
    assert "not yet published" in content
    assert "Kyrgyzstan reports every case under trafficking-related articles" in content
    assert 'title="different definition"' in content


@pytest.mark.parametrize("fmt", ["csv", "sdmx.csv"])
def test_downloads_hold_published_figures_only(client, demo_data, fmt):
    table = rows(client.get(f"/en/statistics.{fmt}"))
    areas = {row[0] if fmt == "csv" else row[1] for row in table[1:]}
    assert areas == {"KZ"}
    assert len(table) - 1 == Observation.objects.filter(country__iso_code="KZ").count()


def test_the_xlsx_download_has_a_metadata_sheet(client, demo_data):
    from openpyxl import load_workbook

    response = client.get("/en/statistics.xlsx?indicator=victims-identified")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Data", "Metadata"]
    data = list(workbook["Data"].values)
    assert {row[0] for row in data[1:]} == {"KZ"}
    assert list(workbook["Metadata"].values)[1][0] == "victims-identified"


def test_sdmx_csv_columns(client, demo_data):
    table = rows(client.get("/en/statistics.sdmx.csv?indicator=victims-identified"))
    assert (
        table[0]
        == SDMX_COLUMNS
        == [
            "DATAFLOW",
            "REF_AREA",
            "INDICATOR",
            "TIME_PERIOD",
            "SEX",
            "AGE",
            "EXPLOITATION_FORM",
            "CITIZENSHIP",
            "PROCEEDINGS_STAGE",
            "OBS_VALUE",
            "OBS_STATUS",
            "CONF_STATUS",
            "UNIT_MEASURE",
            "COMPARABILITY",
        ]
    )
    record = dict(zip(table[0], table[1], strict=True))
    assert record["DATAFLOW"] == "THBMON:DF_THB_STATISTICS(1.0)"
    assert record["REF_AREA"] == "KZ"
    assert record["INDICATOR"] == "VICTIMS_IDENTIFIED"
    assert record["UNIT_MEASURE"] == "PERSONS"
    assert {r[4] for r in table[1:]} == {"_T", "F", "M"}
    assert {r[5] for r in table[1:]} == {"_T", "Y_LT18", "Y_GE18"}


def test_small_counts_are_suppressed_in_the_download(client, demo_data):
    kz = Country.objects.get(iso_code="KZ")
    observations_save(
        country=kz,
        rows=[
            {"indicator": "victims-sheltered", "year": 2023, "value": 27},
            {"indicator": "victims-sheltered", "year": 2023, "sex": "F", "value": 24},
            {"indicator": "victims-sheltered", "year": 2023, "sex": "M", "value": 3},
        ],
    )
    table = rows(client.get("/en/statistics.sdmx.csv?indicator=victims-sheltered"))
    values = {r[4]: (r[9], r[11]) for r in table[1:]}
    assert values == {"_T": ("27", "F"), "F": ("", "D"), "M": ("", "C")}
    observations_save(
        country=kz, rows=[{"indicator": "victims-sheltered", "year": 2022, "value": 3}]
    )
    page = client.get("/en/statistics/?indicator=victims-sheltered").content.decode()
    assert "<td>&lt; 5</td>" in page
    assert "<td>27</td>" in page


def test_figures_from_a_reply_are_public_only_once_submitted(client, demo_data):
    response = Response.objects.filter(
        evaluation__country__iso_code="KZ", evaluation__reports__published_at__isnull=False
    ).first()
    indicator = Indicator.objects.get(code="residence-permits")
    observation = Observation.objects.create(
        country=response.evaluation.country,
        indicator=indicator,
        year=2023,
        value=9,
        response=response,
    )
    url = "/en/statistics.csv?indicator=residence-permits"
    Response.objects.filter(pk=response.pk).update(status=Response.Status.IN_PROGRESS)
    assert len(rows(client.get(url))) == 1  # the header only
    Response.objects.filter(pk=response.pk).update(status=Response.Status.SUBMITTED)
    header, *body = rows(client.get(url))
    assert [dict(zip(header, r, strict=True))["value"] for r in body] == [str(observation.value)]
    # A submitted reply of an evaluation whose report is not published stays internal.
    unpublished = Response.objects.filter(evaluation__country__iso_code="KG").first()
    Observation.objects.create(
        country=unpublished.evaluation.country,
        indicator=indicator,
        year=2023,
        value=7,
        response=unpublished,
    )
    Response.objects.filter(pk=unpublished.pk).update(status=Response.Status.SUBMITTED)
    assert len(rows(client.get(url))) == 2


def test_an_unknown_indicator_or_format_is_404(client, demo_data):
    assert client.get("/en/statistics/?indicator=nope").status_code == 404
    assert client.get("/en/statistics.pdf").status_code == 404


def test_the_comparison_runs_a_constant_number_of_queries(
    client, user_named, django_assert_max_num_queries
):
    """Signed in as the secretariat (who sees every figure), so that the added countries and
    years really reach the table; anonymous visitors run the same queries with a narrower filter."""
    secretariat = user_named("secretariat")
    client.force_login(secretariat)
    with CaptureQueriesContext(connection) as baseline:
        assert client.get(PAGE).status_code == 200
    indicator = Indicator.objects.get(code="investigations")
    countries = [
        Country.objects.create(iso_code=f"Q{letter}", name_en=f"Q{letter}", name_ru=f"Q{letter}")
        for letter in "ABCDEFGHIJ"
    ]
    Observation.objects.bulk_create(
        Observation(country=c, indicator=indicator, year=year, value=year - 1990)
        for c in countries
        for year in range(2000, 2020)
    )
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        page = client.get(PAGE)
    assert "<td>29</td>" in page.content.decode()  # QJ, 2019
    table = comparison_table(user=secretariat, indicator=indicator)
    assert len(table.rows) == Country.objects.filter(is_evaluated=True).count() == 15
    assert table.years == list(range(2000, 2025))


def test_the_page_in_russian(client, demo_data):
    page = client.get("/ru/statistics/?indicator=victims-identified")
    assert page.status_code == 200
    assert 'lang="ru"' in page.content.decode()
    assert 'role="img"' in page.content.decode()  # the chart, with its table beside it
