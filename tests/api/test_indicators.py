"""The harmonised statistics in the API: the catalogue and one indicator's published table.
In the demo only Kazakhstan has a published report, so only its figures are public."""

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import Indicator, Observation
from indicators.selectors import comparison_table
from monitoring.models import Country
from questionnaires.models import Response


def test_the_catalogue_in_its_order_with_breakdowns_and_suppression(api_get, demo_data):
    answer = api_get("/indicators?limit=200")
    assert answer.status_code == 200
    items = answer.data["items"]
    assert [i["code"] for i in items] == list(Indicator.objects.values_list("code", flat=True))
    by_code = {i["code"]: i for i in items}
    assert by_code["victims-identified"]["suppression_threshold"] == 5
    assert "sex" in by_code["victims-identified"]["breakdowns"]
    amount = by_code["compensation-paid-amount"]
    assert amount["unit"] == "amount" and amount["suppression_threshold"] is None
    assert {"sentences-non-custodial", "sentences-up-to-5-years", "sentences-over-5-years"} <= set(
        by_code
    )


def test_the_table_holds_published_figures_only(api_get, demo_data):
    answer = api_get("/indicators/investigations/table")
    assert answer.status_code == 200
    rows = {row["country"]["iso_code"]: row for row in answer.data["rows"]}
    assert set(rows) == set(
        Country.objects.filter(is_evaluated=True).values_list("iso_code", flat=True)
    )
    kz = Observation.objects.get(
        country__iso_code="KZ", indicator__code="investigations", year=2023, sex=""
    )
    kz_cells = {cell["year"]: cell for cell in rows["KZ"]["cells"]}
    assert kz_cells[2023]["value"] == kz.value
    assert kz_cells[2023]["comparability"] == "same"
    # Kyrgyzstan's report is a draft: neither its figures nor its definition note are public.
    assert rows["KG"]["cells"] == [] and rows["KG"]["notes"] == []
    assert answer.data["demonstration"] is True
    # The same as the public statistics page's table.
    table = comparison_table(
        user=AnonymousUser(), indicator=Indicator.objects.get(code="investigations")
    )
    assert answer.data["years"] == table.years


def test_small_counts_are_suppressed(api_get, demo_data):
    kz = Country.objects.get(iso_code="KZ")
    indicator = Indicator.objects.get(code="residence-permits")
    indicator.suppress_small_counts = True
    indicator.unit = "persons"
    indicator.save()
    Observation.objects.filter(country=kz, indicator=indicator).delete()
    Observation.objects.create(country=kz, indicator=indicator, year=2015, value=3)
    Observation.objects.create(country=kz, indicator=indicator, year=2016, value=12)
    cells = {
        cell["year"]: cell
        for row in api_get("/indicators/residence-permits/table").data["rows"]
        if row["country"]["iso_code"] == "KZ"
        for cell in row["cells"]
    }
    assert cells[2015] == {
        "year": 2015,
        "value": None,
        "shown": "< 5",
        "suppressed": "primary",
        "comparability": "same",
    }
    assert cells[2016]["value"] == 12 and cells[2016]["suppressed"] is None


def test_a_figure_from_an_unsubmitted_reply_stays_out(api_get, demo_data):
    response = Response.objects.filter(
        evaluation__country__iso_code="KZ", evaluation__reports__published_at__isnull=False
    ).first()
    Response.objects.filter(pk=response.pk).update(status=Response.Status.IN_PROGRESS)
    Observation.objects.create(
        country=response.evaluation.country,
        indicator=Indicator.objects.get(code="hotline-calls"),
        year=2010,
        value=777,
        response=response,
    )
    body = api_get("/indicators/hotline-calls/table").content.decode()
    assert "777" not in body and "2010" not in body


def test_unknown_and_malformed_codes(api_get, demo_data):
    missing = api_get("/indicators/no-such-indicator/table")
    assert missing.status_code == 404 and missing.data["detail"]
    malformed = api_get("/indicators/bad%20code!/table")
    assert malformed.status_code == 422
    assert malformed.data["errors"][0]["parameter"] == "code"


def test_the_table_costs_the_same_queries_whatever_the_data(client, demo_data):
    path = "/api/v1/indicators/investigations/table"
    client.get(path)  # warm up
    with CaptureQueriesContext(connection) as small:
        assert client.get(path).status_code == 200
    kz = Country.objects.get(iso_code="KZ")
    indicator = Indicator.objects.get(code="investigations")
    Observation.objects.bulk_create(
        Observation(country=kz, indicator=indicator, year=year, value=year - 1900)
        for year in range(1990, 2015)
    )
    with CaptureQueriesContext(connection) as large:
        answer = client.get(path)
    assert len(large.captured_queries) == len(small.captured_queries)
    assert 1990 in answer.json()["years"]
