"""The API's validators follow the data's version (issue 20, item 5): a current copy gets its
304 in one query without the answer being built, a worker with nothing in memory gives the
same ETag and Last-Modified, and a publication changes them."""

from django.core.cache import cache
from django.test import override_settings
from django.utils.http import parse_http_date

from reports import services
from tests.reports.conftest import build_report

NOTHING_KEPT = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def test_a_current_copy_is_answered_in_one_query(api_get, demo_data, django_assert_num_queries):
    first = api_get("/recommendations?country=KZ&strength=urges")
    assert first.status_code == 200 and first.data["count"] > 0
    with django_assert_num_queries(1):  # the version; the list is not built
        again = api_get("/recommendations?country=KZ&strength=urges", if_none_match=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert again["Last-Modified"] == first["Last-Modified"]


def test_a_worker_with_nothing_in_memory_answers_the_same(api_get, demo_data):
    paths = ("/statistics?country=KZ", "/countries", "/rounds")
    first = {path: api_get(path) for path in paths}
    cache.clear()
    with override_settings(CACHES=NOTHING_KEPT):
        second = {path: api_get(path) for path in paths}
    for path in paths:
        assert second[path]["ETag"] == first[path]["ETag"], path
        assert second[path]["Last-Modified"] == first[path]["Last-Modified"], path
        assert second[path].content == first[path].content, path
    assert len({response["ETag"] for response in first.values()}) == len(paths)


def test_each_language_has_its_own_etag(api_get, demo_data):
    english = api_get("/countries", accept_language="en")
    russian = api_get("/countries", accept_language="ru")
    assert english["ETag"] != russian["ETag"]
    assert (
        api_get("/countries", accept_language="ru", if_none_match=english["ETag"]).status_code
        == 200
    )


def test_a_publication_changes_the_validators(
    api_get, kg_evaluation, secretariat, to_final_comments
):
    report = build_report(kg_evaluation, secretariat, recommendations=3)
    before = api_get("/recommendations?country=KG")
    assert before.data["count"] == 0  # a draft is not public
    assert api_get("/recommendations?country=KG", if_none_match=before["ETag"]).status_code == 304

    to_final_comments(kg_evaluation)
    services.report_publish(report=report, actor=secretariat)

    after = api_get("/recommendations?country=KG", if_none_match=before["ETag"])
    assert after.status_code == 200
    assert after.data["count"] == 3
    assert after["ETag"] != before["ETag"]
    assert parse_http_date(after["Last-Modified"]) >= parse_http_date(before["Last-Modified"])
    with override_settings(CACHES=NOTHING_KEPT):  # another worker agrees
        assert api_get("/recommendations?country=KG")["ETag"] == after["ETag"]
