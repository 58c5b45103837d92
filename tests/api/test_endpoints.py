"""Every endpoint of the open-data API answers 200 with the documented shape on the demo data,
and its numbers agree with the data."""

from django.utils import timezone

from recommendations import services as recommendation_services
from recommendations.exports import COLUMNS
from recommendations.models import Recommendation
from reports.models import Report
from tests.publications import publish_directly

STATUS_KEYS = [
    "not_assessed",
    "not_implemented",
    "partly_implemented",
    "implemented",
    "no_longer_relevant",
    "total",
]
PAGE_KEYS = ["count", "limit", "offset", "next", "previous", "items"]


def test_countries_count_published_reports_and_recommendations(api_get, kz_published):
    response = api_get("/countries")
    assert response.status_code == 200
    assert list(response.data) == PAGE_KEYS
    countries = {c["iso_code"]: c for c in response.data["items"]}
    assert {"KZ", "KG", "TJ", "TM", "UZ"} <= set(countries)
    kz = countries["KZ"]
    assert list(kz) == [
        "iso_code",
        "name_en",
        "name_ru",
        "is_evaluated",
        "published_report_count",
        "published_recommendation_count",
        "recommendation_status",
    ]
    assert (kz["name_en"], kz["name_ru"]) == ("Kazakhstan", "Казахстан")
    assert kz["published_report_count"] == 1
    assert kz["published_recommendation_count"] == 16
    assert list(kz["recommendation_status"]) == STATUS_KEYS
    assert kz["recommendation_status"]["total"] == 16
    # Kyrgyzstan's report is a draft: nothing of it is counted.
    kg = countries["KG"]
    assert kg["published_report_count"] == 0 and kg["published_recommendation_count"] == 0


def test_rounds_with_titles_themes_and_years(api_get, kz_published):
    response = api_get("/rounds")
    assert response.status_code == 200
    first, second = response.data["items"]
    assert first["number"] == 1 and first["title_en"] and first["title_ru"]
    assert first["theme_en"] and first["theme_ru"]
    assert first["status"] == "open"
    assert first["year"] == int(first["launch_date"][:4])
    assert first["published_report_count"] == 1
    assert first["published_recommendation_count"] == 16
    assert second["number"] == 2 and second["launch_date"] is None and second["year"] is None
    assert second["published_recommendation_count"] == 0


def test_reports_lists_published_reports_only(api_get, kz_published, kg_draft):
    response = api_get("/reports")
    assert response.status_code == 200
    assert response.data["count"] == 1
    (report,) = response.data["items"]
    assert list(report) == [
        "id",
        "country",
        "round",
        "kind",
        "language",
        "title_en",
        "title_ru",
        "published_at",
        "version",
        "correction_note",
        "pdf_url_en",
        "pdf_url_ru",
        "recommendation_count",
    ]
    assert report["id"] == kz_published.pk
    assert report["country"] == {"iso_code": "KZ", "name_en": "Kazakhstan", "name_ru": "Казахстан"}
    assert report["round"]["number"] == 1
    assert (report["kind"], report["language"], report["version"]) == ("evaluation", "en", 1)
    assert report["title_en"] == kz_published.title_en
    assert report["title_ru"] == kz_published.title_ru
    assert report["pdf_url_en"] == f"http://testserver/en/reports/{kz_published.pk}.pdf"
    assert report["pdf_url_ru"] == f"http://testserver/ru/reports/{kz_published.pk}.pdf"
    assert report["recommendation_count"] == 16
    assert report["correction_note"] == ""


def test_reports_filters(api_get, kz_published):
    assert api_get("/reports?country=kz").data["count"] == 1
    assert api_get("/reports?country=KG").data["count"] == 0
    assert api_get("/reports?round=1&kind=evaluation").data["count"] == 1
    assert api_get("/reports?round=2").data["count"] == 0
    assert api_get("/reports?kind=urgent").data["count"] == 0


def test_a_report_gives_its_published_content(api_get, kz_published):
    response = api_get(f"/reports/{kz_published.pk}")
    assert response.status_code == 200
    report = response.data
    content = kz_published.published_content
    assert report["id"] == kz_published.pk and report["recommendation_count"] == 16
    assert [c["number"] for c in report["chapters"]] == [c["number"] for c in content["chapters"]]
    first_paragraph = report["chapters"][0]["paragraphs"][0]
    assert list(first_paragraph) == ["number", "text_en", "text_ru", "text_languages"]
    published_first = content["chapters"][0]["paragraphs"][0]
    # The snapshot also names each paragraph's section, which the API does not give (yet).
    assert first_paragraph == {
        **{key: published_first[key] for key in ("number", "text_en", "text_ru")},
        "text_languages": "en;ru",  # the demo's paragraphs are written in both
    }
    numbers = [p["number"] for c in report["chapters"] for p in c["paragraphs"]]
    assert numbers == list(range(1, len(numbers) + 1))
    recommendations = report["recommendations"]
    assert [r["number"] for r in recommendations] == list(range(1, 17))
    ids = dict(Recommendation.objects.filter(report=kz_published).values_list("number", "pk"))
    assert all(r["id"] == ids[r["number"]] for r in recommendations)
    assert {r["current_status"] for r in recommendations} >= {"implemented", "not_assessed"}
    assert [c["text"] for c in report["final_comments"]] == [
        c["text"] for c in content["final_comments"]
    ]
    assert len(report["final_comments"]) == 2


def test_recommendations_have_the_export_columns(api_get, kz_published):
    response = api_get("/recommendations?limit=200")
    assert response.status_code == 200
    assert response.data["count"] == 16
    rows = response.data["items"]
    assert len(rows) == 16
    assert all(list(row) == COLUMNS for row in rows)
    first = rows[0]
    assert (first["country_iso"], first["round"], first["report_id"]) == ("KZ", 1, kz_published.pk)
    assert first["report_published_on"] == timezone.localdate(kz_published.published_at).isoformat()
    statuses = {row["current_status"] for row in rows}
    assert statuses == {
        "not_assessed",
        "not_implemented",
        "partly_implemented",
        "implemented",
        "no_longer_relevant",
    }
    for row in rows:
        assert (row["days_open"] is None) == (
            row["current_status"] in ("implemented", "no_longer_relevant")
        )
        assert (row["status_assessed_on"] is None) == (row["current_status"] == "not_assessed")


def test_history_gives_assessments_cycle_by_cycle(api_get, kz_published):
    recommendation = kz_published.recommendations.get(number=1)  # assessed in two cycles
    response = api_get(f"/recommendations/{recommendation.pk}/history")
    assert response.status_code == 200
    history = response.data
    assert list(history) == ["recommendation", "assessments", "reiterates", "reiterated_by"]
    assert list(history["recommendation"]) == COLUMNS
    assert history["recommendation"]["id"] == recommendation.pk
    assert [(a["cycle"], a["status"]) for a in history["assessments"]] == [
        (1, "partly_implemented"),
        (2, "implemented"),
    ]
    assert list(history["assessments"][0]) == [
        "cycle",
        "status",
        "reasoning_en",
        "reasoning_ru",
        "reasoning_languages",
        "assessed_on",
    ]
    assert history["recommendation"]["current_status"] == "implemented"
    assert history["reiterates"] == [] and history["reiterated_by"] == []


def _publish_directly(report: Report) -> Report:
    """Published without the procedure (only publication matters here): the frozen snapshot,
    the date and the recommendations' published copy, as report_publish writes them."""
    publish_directly(report)
    report.recommendations.all().copy_to_published()
    report.refresh_from_db()
    return report


def test_history_follows_reiterations_across_rounds_but_not_into_drafts(
    api_get, kz_published, kg_draft
):
    from evaluation_rounds.models import CountryEvaluation, EvaluationRound
    from monitoring.models import Organisation
    from tests.reports.conftest import build_report

    secretariat = _secretariat()
    earlier = kz_published.recommendations.get(number=2)
    round_two = CountryEvaluation.objects.create(
        round=EvaluationRound.objects.get(number=2), country=kz_published.evaluation.country
    )
    later_report = build_report(round_two, secretariat, recommendations=0)
    paragraph = later_report.chapters.first().paragraphs.first()
    government = Organisation.objects.get(country=round_two.country, is_national_government=True)
    later = recommendation_services.recommendation_create(
        paragraph=paragraph,
        strength="urges",
        text_en="Again: give NGOs a full seat.",
        reiterates=earlier,
        addressees=[government],
        actor=secretariat,
    )
    # While round 2's report is a draft, the link is not public.
    history = api_get(f"/recommendations/{earlier.pk}/history").data
    assert history["reiterated_by"] == []
    assert api_get(f"/recommendations/{later.pk}/history").status_code == 404

    _publish_directly(later_report)
    history = api_get(f"/recommendations/{earlier.pk}/history").data
    assert [r["id"] for r in history["reiterated_by"]] == [later.pk]
    assert history["reiterated_by"][0]["round"] == 2
    back = api_get(f"/recommendations/{later.pk}/history").data
    assert [r["id"] for r in back["reiterates"]] == [earlier.pk]
    assert back["recommendation"]["reiterates_id"] == earlier.pk
    assert back["assessments"] == []


def _secretariat():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="secretariat")


def test_statistics_add_up(api_get, kz_published):
    response = api_get("/statistics")
    assert response.status_code == 200
    stats = response.data
    assert list(stats) == ["total", "by_country", "by_round", "by_theme", "by_strength"]
    assert list(stats["total"]) == STATUS_KEYS
    assert stats["total"]["total"] == 16
    assert sum(v for k, v in stats["total"].items() if k != "total") == 16
    assert [row["key"] for row in stats["by_country"]] == ["KZ"]
    assert stats["by_country"][0]["label_ru"] == "Казахстан"
    assert stats["by_country"][0]["counts"] == stats["total"]
    assert [row["key"] for row in stats["by_round"]] == ["1"]
    assert sum(row["counts"]["total"] for row in stats["by_strength"]) == 16
    assert {row["key"] for row in stats["by_strength"]} <= {"urges", "considers", "invites"}
    # A recommendation with several themes counts in each: at least 16 in all.
    assert sum(row["counts"]["total"] for row in stats["by_theme"]) >= 16
    theme = next(row for row in stats["by_theme"] if row["key"] == "protection")
    assert (theme["label_en"], theme["label_ru"]) == ("Protection", "Защита")
    for row in stats["by_theme"] + stats["by_strength"] + stats["by_country"]:
        counts = row["counts"]
        assert counts["total"] == sum(v for k, v in counts.items() if k != "total")
        assert all(v >= 0 for v in counts.values())


def test_statistics_follow_the_filter(api_get, kz_published):
    everything = api_get("/statistics").data["total"]
    implemented = api_get("/statistics?status=implemented").data
    assert implemented["total"]["total"] == everything["implemented"]
    assert implemented["total"]["implemented"] == everything["implemented"]
    urges = api_get("/statistics?strength=urges").data
    assert [row["key"] for row in urges["by_strength"]] == ["urges"]
    nothing = api_get("/statistics?country=KG").data
    assert nothing["total"]["total"] == 0 and nothing["by_country"] == []


def test_documentation_and_openapi(api_get, client, db):  # db: the validators read the version
    schema = api_get("/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert set(paths) == {
        "/api/v1/countries",
        "/api/v1/rounds",
        "/api/v1/reports",
        "/api/v1/reports/{report_id}",
        "/api/v1/recommendations",
        "/api/v1/recommendations/{recommendation_id}/history",
        "/api/v1/statistics",
        "/api/v1/indicators",
        "/api/v1/indicators/{code}/table",
        "/api/v1/replies",
        "/api/v1/replies/{reply_id}",
    }
    assert all(list(operations) == ["get"] for operations in paths.values())
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    # Served from the app's own static files: the documentation works offline.
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
