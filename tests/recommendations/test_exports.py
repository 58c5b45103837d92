"""Exports of the recommendations with their current status: exact columns in every format,
statuses, only published reports (whoever asks), filters, formula guard, who may download, and a
query count that does not grow with the data."""

import csv
import io
import json

import pytest
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from openpyxl import load_workbook

from monitoring.models import Organisation
from recommendations import exports, selectors
from recommendations import services as recommendation_services
from recommendations.models import Assessment, AssessmentStatus, Recommendation, RecommendationTheme
from recommendations.models.recommendations import latest_status_of_each
from reports import services
from reports.models import Report
from tests.downloads import downloaded

COLUMNS = [
    "id",
    "country_iso",
    "country",
    "round",
    "report_id",
    "report_kind",
    "report_published_on",
    "number",
    "paragraph_number",
    "strength",
    "text_en",
    "text_ru",
    "text_languages",
    "themes",
    "convention_articles",
    "addressees",
    "sdg_target",
    "current_status",
    "status_assessed_on",
    "reiterates_id",
    "days_open",
]
FORMATS = ["csv", "xlsx", "json"]


def _rows(response, fmt: str) -> tuple[list[str], list[dict]]:
    content = downloaded(response)
    if fmt == "csv":
        reader = csv.reader(io.StringIO(content.decode("utf-8-sig")))
        header, *rows = list(reader)
        return header, [dict(zip(header, row, strict=True)) for row in rows]
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
        header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        return header, [dict(zip(header, row, strict=True)) for row in rows]
    data = json.loads(content)
    assert all(list(row) == data["columns"] for row in data["recommendations"])
    return data["columns"], data["recommendations"]


@pytest.fixture
def kz_published(demo_data):
    return Report.objects.get(evaluation__country__iso_code="KZ", kind="evaluation")


@pytest.fixture
def kg_draft(demo_data):
    return Report.objects.get(evaluation__country__iso_code="KG", kind="evaluation")


@pytest.mark.parametrize("fmt", FORMATS)
def test_columns_in_order_and_a_download(login_as, kz_published, fmt):
    response = login_as("secretariat").get(reverse(f"recommendations:export_{fmt}"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Disposition"].rstrip('"').endswith(f".{fmt}")
    header, rows = _rows(response, fmt)
    assert header == COLUMNS == exports.COLUMNS
    assert len(rows) == kz_published.recommendations.count() >= 15


def test_current_status_and_assessment_date_are_the_latest_assessment(user_named, kz_published):
    rows = {row["id"]: row for row in exports.export_rows(user=user_named("secretariat"))}
    statuses = set()
    for recommendation in kz_published.recommendations.all():
        latest = Assessment.objects.filter(recommendation=recommendation).first()  # Meta order
        row = rows[recommendation.pk]
        expected = latest.status if latest else AssessmentStatus.NOT_ASSESSED
        assert row["current_status"] == expected
        assert row["status_assessed_on"] == (latest.assessed_on.isoformat() if latest else None)
        assert (row["days_open"] is None) == (expected in ("implemented", "no_longer_relevant"))
        assert row["themes"] == ";".join(sorted(recommendation.theme_values))
        assert row["addressees"] == ";".join(
            sorted(o.name_en for o in recommendation.addressees.all())
        )
        statuses.add(expected)
    assert len(statuses) >= 3  # the demo mixes statuses


@pytest.mark.parametrize("fmt", FORMATS)
def test_drafts_never_exported_even_for_the_secretariat(login_as, kg_draft, fmt):
    assert kg_draft.recommendations.exists()
    response = login_as("secretariat").get(reverse(f"recommendations:export_{fmt}"))
    _header, rows = _rows(response, fmt)
    assert rows
    assert {row["country_iso"] for row in rows} == {"KZ"}
    draft_ids = set(kg_draft.recommendations.values_list("pk", flat=True))
    assert not draft_ids & {int(row["id"]) for row in rows}


def test_a_report_under_correction_exports_what_was_published(user_named, kz_published):
    secretariat = user_named("secretariat")
    first = kz_published.recommendations.get(number=1)
    published_text = first.text_en
    services.report_correction_open(report=kz_published, note="Typo", actor=secretariat)
    recommendation_services.recommendation_update(
        recommendation=first, text_en="Corrected, not yet published", actor=secretariat
    )
    added = recommendation_services.recommendation_create(
        paragraph=first.paragraph,
        strength="invites",
        text_en="New in the correction",
        actor=secretariat,
    )
    rows = {row["id"]: row for row in exports.export_rows(user=secretariat)}
    assert rows[first.pk]["text_en"] == published_text
    assert added.pk not in rows
    assert len(rows) == kz_published.recommendations.count() - 1


def test_csv_cells_cannot_run_as_formulas(login_as, kz_published):
    first = Recommendation.objects.filter(report=kz_published, number=1)
    first.update(text_en='=HYPERLINK("http://evil.example","x")', convention_articles="+1")
    first.copy_to_published()
    content = downloaded(login_as("secretariat").get(reverse("recommendations:export_csv")))
    row = next(
        r for r in csv.DictReader(io.StringIO(content.decode("utf-8-sig"))) if r["number"] == "1"
    )
    assert row["text_en"].startswith("'=HYPERLINK")
    assert row["convention_articles"] == "'+1"


def test_filters(user_named, kz_published):
    secretariat = user_named("secretariat")
    assert exports.export_rows(user=secretariat, country="KG") == []
    assert len(exports.export_rows(user=secretariat, country="kz", round=1)) == (
        kz_published.recommendations.count()
    )
    assert exports.export_rows(user=secretariat, round=2) == []
    implemented = exports.export_rows(user=secretariat, status="implemented")
    assert implemented and {r["current_status"] for r in implemented} == {"implemented"}
    unassessed = {r["id"] for r in exports.export_rows(user=secretariat, status="not_assessed")}
    assert unassessed == set(
        kz_published.recommendations.filter(assessments__isnull=True).values_list("pk", flat=True)
    )
    protection = exports.export_rows(user=secretariat, theme="protection")
    assert protection and all("protection" in r["themes"].split(";") for r in protection)
    assert (
        len(protection)
        == RecommendationTheme.objects.filter(
            recommendation__report=kz_published, theme="protection"
        ).count()
    )


def test_export_and_summary_agree_with_the_model_current_status(user_named, kz_published):
    """The export reads the latest assessment by an anti-join, the summary the stored current
    status; both must agree with the latest assessment found by a subquery."""
    secretariat = user_named("secretariat")
    # a later cycle overrides an earlier, whatever the dates
    recommendation_services.assessment_record(
        recommendation=kz_published.recommendations.get(number=1),
        status="no_longer_relevant",
        reasoning="Superseded",
        cycle=5,
        actor=secretariat,
    )
    expected = dict(
        Recommendation.objects.filter(report=kz_published)
        .annotate(latest=Coalesce(latest_status_of_each(), Value("not_assessed")))
        .values_list("pk", "latest")
    )
    assert expected == dict(
        Recommendation.objects.filter(report=kz_published).values_list("pk", "current_status")
    )
    rows = exports.export_rows(user=secretariat)
    assert {row["id"]: row["current_status"] for row in rows} == expected
    assert expected[kz_published.recommendations.get(number=1).pk] == "no_longer_relevant"
    counts: dict[str, int] = {}
    for status in expected.values():
        counts[status] = counts.get(status, 0) + 1
    kz = next(
        r
        for r in selectors.status_summary(user=secretariat, by="country")
        if r.label == "Kazakhstan"
    )
    assert kz.counts == counts


@pytest.mark.parametrize(
    ("query", "message"),
    [("round=first", b"whole number"), ("status=done", b"Unknown status"), ("theme=x", b"theme")],
)
def test_bad_filters_are_refused_clearly(login_as, demo_data, query, message):
    response = login_as("secretariat").get(reverse("recommendations:export_csv") + "?" + query)
    assert response.status_code == 400
    assert message in response.content


def test_public_selector_and_rows_have_published_recommendations_only(kz_published, kg_draft):
    public = exports.published_recommendations(user=None)
    assert set(public) == set(kz_published.recommendations.all())
    rows = exports.export_rows(user=None)
    assert {row["country_iso"] for row in rows} == {"KZ"}
    assert len(rows) == kz_published.recommendations.count()


# --- who may download -------------------------------------------------------------------------

STAFF = ["secretariat", "expert-kg", "expert-kz"]  # expert-kg is a KZ rapporteur; expert-kz none
REFUSED = ["ngo-kz", "ngo-kg", "kz-contact", "kz-official", "kg-contact", "kg-official"]
SCREENS = ["export_csv", "export_xlsx", "export_json", "export_index"]


@pytest.mark.parametrize("name", SCREENS)
def test_anonymous_is_sent_to_sign_in(client, demo_data, name):
    response = client.get(reverse(f"recommendations:{name}"))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("username", REFUSED)
@pytest.mark.parametrize("name", SCREENS)
def test_portal_users_are_refused(login_as, username, name):
    response = login_as(username).get(reverse(f"recommendations:{name}"))
    assert response.status_code in (302, 403)
    assert "Content-Disposition" not in response
    if response.status_code == 302:  # Wagtail sends non-admin users to its sign-in page
        assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("username", STAFF)
@pytest.mark.parametrize("name", SCREENS)
def test_expert_group_downloads(login_as, demo_data, username, name):
    assert login_as(username).get(reverse(f"recommendations:{name}")).status_code == 200


def test_only_the_secretariat_reaches_the_import(login_as, demo_data):
    assert login_as("secretariat").get(reverse("recommendations:import")).status_code == 200
    for username in ["expert-kg", "expert-kz"]:
        response = login_as(username).get(reverse("recommendations:import"))
        # Wagtail answers PermissionDenied with a redirect to the dashboard and a message
        assert response.status_code == 302
        assert response["Location"] == "/admin/"


# --- constant number of queries ---------------------------------------------------------------


def _add_published(report: Report, count: int) -> None:
    paragraph = report.recommendations.first().paragraph
    government = Organisation.objects.get(
        country=report.evaluation.country, is_national_government=True
    )
    start = report.recommendations.count()
    rows = Recommendation.objects.bulk_create(
        Recommendation(
            report=report,
            paragraph=paragraph,
            number=start + n + 1,
            strength="urges",
            text_en=f"Extra {n}",
        )
        for n in range(count)
    )
    rows = list(report.recommendations.filter(number__gt=start))
    RecommendationTheme.objects.bulk_create(
        RecommendationTheme(recommendation=r, theme="prevention") for r in rows
    )
    report.recommendations.filter(number__gt=start).refresh_theme_mask()
    Recommendation.addressees.through.objects.bulk_create(
        Recommendation.addressees.through(recommendation=r, organisation=government) for r in rows
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_query_count_does_not_grow_with_the_data(
    login_as, kz_published, django_assert_max_num_queries, fmt
):
    client = login_as("secretariat")
    url = reverse(f"recommendations:export_{fmt}")
    client.get(url)  # warm the session and the principal
    with django_assert_max_num_queries(16) as small:
        _rows(client.get(url), fmt)  # a streamed download reads as it is sent
    _add_published(kz_published, 60)
    with django_assert_max_num_queries(len(small)) as large:
        _header, rows = _rows(client.get(url), fmt)
    assert len(rows) == kz_published.recommendations.count()
    assert len(large) == len(small)
