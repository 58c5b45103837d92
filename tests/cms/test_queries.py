"""The home and country pages run a fixed number of queries, whatever is published."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports import services
from tests.reports.conftest import build_report

PAGES = ("/en/", "/en/countries/kazakhstan/", "/ru/countries/")


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


def test_home_and_country_pages_do_not_grow_with_publications(
    kz_report, secretariat, client, django_assert_max_num_queries
):
    client.get("/en/")  # warm Wagtail's site cache, as any earlier request would
    with django_assert_max_num_queries(16):
        client.get("/en/")
    with django_assert_max_num_queries(18):
        client.get("/en/countries/kazakhstan/")
    before = {path: _queries(client, path) for path in PAGES}
    for _ in range(3):  # three more published reports on Kazakhstan, with recommendations
        report = build_report(
            kz_report.evaluation,
            secretariat,
            paragraphs_per_chapter=(3, 3),
            recommendations=4,
            kind="follow_up",
        )
        services.report_publish(report=report, actor=secretariat)
    after = {path: _queries(client, path) for path in PAGES}
    assert after == before
    content = client.get("/en/countries/kazakhstan/").content.decode()
    assert content.count("/en/countries/kazakhstan/reports/") == 4
