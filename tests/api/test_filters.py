"""/recommendations: the tracker's filters (each facet, combined, free text, sort), pagination,
and bad parameters refused with 422 and a readable message."""

from typing import get_args

import pytest

from api.schemas import Sort
from monitoring.models import Organisation
from recommendations import tracker
from recommendations.models import Recommendation, RecommendationTheme


def _ids(api_get, query: str) -> list[int]:
    response = api_get(f"/recommendations?limit=200&{query}")
    assert response.status_code == 200, response.content
    assert response.data["count"] == len(response.data["items"])
    return [row["id"] for row in response.data["items"]]


@pytest.fixture
def kz(kz_published):
    return Recommendation.objects.filter(report=kz_published)


def _current_status(kz) -> dict[int, str]:
    return dict(kz.values_list("pk", "current_status"))


def test_each_facet_filters(api_get, kz):
    everything = set(kz.values_list("pk", flat=True))
    assert set(_ids(api_get, "country=KZ")) == everything
    assert set(_ids(api_get, "country=kz")) == everything  # case-insensitive
    assert _ids(api_get, "country=KG") == []  # the draft
    assert _ids(api_get, "country=XX") == []  # unknown: nothing, not an error
    assert set(_ids(api_get, "round=1")) == everything
    assert _ids(api_get, "round=2") == []

    urges = set(kz.filter(strength="urges").values_list("pk", flat=True))
    assert urges and set(_ids(api_get, "strength=urges")) == urges

    prevention = set(
        RecommendationTheme.objects.filter(recommendation__in=kz, theme="prevention").values_list(
            "recommendation_id", flat=True
        )
    )
    assert prevention and set(_ids(api_get, "theme=prevention")) == prevention

    status = _current_status(kz)
    for code in ("implemented", "not_assessed", "partly_implemented"):
        expected = {pk for pk, s in status.items() if s == code}
        assert expected and set(_ids(api_get, f"status={code}")) == expected

    labour = Organisation.objects.get(
        name_en="Ministry of Labour and Social Protection of the Population"
    )
    addressed = set(kz.filter(addressees=labour).values_list("pk", flat=True))
    assert addressed and set(_ids(api_get, f"addressee={labour.pk}")) == addressed

    sdg = set(kz.filter(sdg_target="8.7").values_list("pk", flat=True))
    assert sdg and set(_ids(api_get, "sdg=8.7")) == sdg


def test_values_of_one_facet_are_alternatives_and_facets_combine(api_get, kz):
    status = _current_status(kz)
    both = {pk for pk, s in status.items() if s in ("implemented", "not_implemented")}
    assert set(_ids(api_get, "status=implemented&status=not_implemented")) == both

    urges = set(kz.filter(strength="urges").values_list("pk", flat=True))
    protection = set(
        RecommendationTheme.objects.filter(recommendation__in=kz, theme="protection").values_list(
            "recommendation_id", flat=True
        )
    )
    combined = set(_ids(api_get, "country=KZ&round=1&strength=urges&theme=protection"))
    assert combined == urges & protection and combined


def test_free_text_matches_either_language_and_every_word(api_get, kz):
    hotline = kz.get(text_en__contains="116 16 hotline")
    assert _ids(api_get, "q=hotline") == [hotline.pk]
    assert _ids(api_get, "q=горячей") == [hotline.pk]
    assert _ids(api_get, "q=hotline migrant") == [hotline.pk]
    assert _ids(api_get, "q=hotline nonexistentword") == []
    assert len(_ids(api_get, "q=!!!")) == 16  # punctuation alone filters nothing


def test_sorts(api_get, kz):
    assert set(get_args(Sort)) == set(tracker.SORTS)
    by_number = _ids(api_get, "sort=number")
    assert by_number == list(kz.order_by("number").values_list("pk", flat=True))
    by_strength = api_get("/recommendations?limit=200&sort=strength").data["items"]
    ranks = [["urges", "considers", "invites"].index(r["strength"]) for r in by_strength]
    assert ranks == sorted(ranks)
    assert set(_ids(api_get, "sort=-published")) == set(by_number)


def test_pagination_walks_every_row_once(api_get, kz):
    first = api_get("/recommendations?limit=5&sort=number").data
    assert (first["count"], first["limit"], first["offset"]) == (16, 5, 0)
    assert first["previous"] is None
    assert first["next"].endswith("/api/v1/recommendations?sort=number&limit=5&offset=5")
    seen = [row["id"] for row in first["items"]]
    page = first
    while page["next"]:
        page = api_get(page["next"].removeprefix("http://testserver/api/v1")).data
        seen += [row["id"] for row in page["items"]]
    assert seen == list(kz.order_by("number").values_list("pk", flat=True))
    assert page["offset"] == 15 and len(page["items"]) == 1
    assert page["previous"].endswith("limit=5&offset=10")
    assert api_get("/recommendations").data["limit"] == 50  # the default page


def test_other_lists_paginate_too(api_get, kz):
    countries = api_get("/countries?limit=2&offset=2").data
    assert countries["count"] >= 5 and len(countries["items"]) == 2
    assert countries["previous"].endswith("limit=2&offset=0")


@pytest.mark.parametrize(
    ("query", "parameter", "value", "words"),
    [
        ("strength=shouts", "strength", "shouts", "urges, considers or invites"),
        ("theme=sports", "theme", "sports", "prevention"),
        ("status=done", "status", "done", "not_assessed"),
        ("round=one", "round", "one", "whole number"),
        ("round=1.5", "round", "1.5", "whole number"),
        ("addressee=abc", "addressee", "abc", "whole number"),
        ("country=Kazakhstan", "country", "Kazakhstan", "two-letter"),
        ("sdg=8.x", "sdg", "8.x", "SDG target"),
        ("sort=random", "sort", "random", "country"),
        ("limit=0", "limit", "0", "smallest"),
        ("limit=-5", "limit", "-5", "smallest"),
        ("limit=201", "limit", "201", "largest value allowed is 200"),
        ("offset=-1", "offset", "-1", "smallest"),
    ],
)
def test_bad_parameters_are_refused_with_a_readable_message(
    api_get, db, query, parameter, value, words
):
    """The schema refuses them before any query: no data needed."""
    _assert_refused(api_get(f"/recommendations?{query}"), parameter, value, words)


def _assert_refused(response, parameter, value, words):
    assert response.status_code == 422
    body = response.data
    assert list(body) == ["detail", "errors"]
    (error,) = body["errors"]
    assert (error["location"], error["parameter"], error["value"]) == ("query", parameter, value)
    assert words in error["message"]
    assert body["detail"].startswith("Invalid parameters.")
    assert f"{parameter}: {error['message']}" in body["detail"]


def test_an_offset_past_the_last_item_is_refused(api_get, kz):
    for query in ("offset=16", "offset=1000", "country=KZ&offset=16&limit=5"):
        offset = query.split("offset=")[1].split("&")[0]
        response = api_get(f"/recommendations?{query}")
        _assert_refused(response, "offset", offset, "There are 16 items")
    assert api_get("/recommendations?offset=15").status_code == 200


def test_every_bad_parameter_is_reported_at_once(api_get, kz):
    body = api_get("/recommendations?strength=shouts&round=x&theme=prevention").data
    assert [(e["parameter"], e["value"]) for e in body["errors"]] == [
        ("round", "x"),
        ("strength", "shouts"),
    ]


def test_the_same_checks_guard_statistics_and_reports(api_get, kz):
    assert api_get("/statistics?status=done").status_code == 422
    assert api_get("/reports?kind=draft").status_code == 422
    assert api_get("/reports?round=first").status_code == 422
    assert api_get("/reports/abc").status_code == 422
    assert api_get("/reports/0").status_code == 422
    assert api_get("/reports/99999999999").status_code == 422  # beyond any id column


def test_an_empty_result_is_not_out_of_range(api_get, kz):
    empty = api_get("/recommendations?country=KG")
    assert empty.status_code == 200 and empty.data["count"] == 0
    assert api_get("/recommendations?country=KG&offset=1").status_code == 422


def test_messages_are_translated_and_answers_vary_with_the_language(api_get, db):
    english = api_get("/reports/99999")
    russian = api_get("/reports/99999", accept_language="ru")
    assert english.data["detail"] == "No published report has this id."
    assert russian.data["detail"]  # Russian once the catalogue has it, English until then
    assert "Accept-Language" in english["Vary"]
