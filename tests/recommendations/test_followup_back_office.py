"""The expert group's follow-up screens: a published report's recommendations with status,
progress and latest assessment (filters, sorting, pages), one recommendation with the
assessment form, and the status summary — each through its URL, for every role, with a query
count that does not grow with the data."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from monitoring.models import Organisation
from recommendations import services
from recommendations.models import Assessment, ProgressUpdate, Recommendation
from reports.models import Report
from tests.bench.report_data import generate_report
from tests.publications import publish_directly
from tests.rendered_forms import form_in, submit


def _publish_directly(report: Report, days_ago: int) -> Report:
    """Bulk-built data for sizes: the publication itself is tested through the view."""
    return publish_directly(report, published_at=timezone.now() - timedelta(days=days_ago))


def _follow_up_rows(report: Report, author) -> None:
    """Assessments (two cycles on every other recommendation) and progress updates."""
    today = timezone.localdate()
    recommendations = list(report.recommendations.order_by("number"))
    statuses = ["not_implemented", "partly_implemented", "implemented", "no_longer_relevant"]
    Assessment.objects.bulk_create(
        Assessment(
            recommendation=r,
            cycle=cycle,
            status=statuses[(n + cycle) % len(statuses)],
            reasoning_en=f"Reasoning {r.number}/{cycle}",
            assessed_on=today,
            assessor=author,
        )
        for n, r in enumerate(recommendations)
        if n % 2 == 0
        for cycle in (1, 2)
    )
    Recommendation.objects.filter(pk__in=[r.pk for r in recommendations]).refresh_current_status()
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            recommendation=r,
            text=f"Measures for {r.number}",
            reported_on=today,
            links="https://example.org/evidence",
            author=author,
            submitted=n % 3 == 0,
        )
        for n, r in enumerate(recommendations)
    )


@pytest.fixture
def tj_published(demo_data, user_named):
    def build(recommendations: int, days_ago: int = 30) -> Report:
        report = generate_report(
            paragraphs=max(recommendations, 10), recommendations=recommendations, chapters=2
        )
        report = _publish_directly(report, days_ago)
        _follow_up_rows(report, user_named("secretariat"))
        return report

    return build


def follow_up_url(report):
    return reverse("recommendations:follow_up", args=[report.pk])


# --- The report's follow-up list ------------------------------------------------------------


def test_the_list_shows_status_days_open_progress_and_latest_assessment(tj_published, login_as):
    report = tj_published(6, days_ago=40)
    response = login_as("expert-kg").get(follow_up_url(report))
    assert response.status_code == 200
    html = response.content.decode()
    assert "open for 40 days" in html
    first = html[
        html.index('aria-label="Recommendation 1"') : html.index('aria-label="Recommendation 2"')
    ]
    # Recommendation 1: cycles 1 and 2 assessed; the latest (cycle 2) is the status.
    assert "Implemented" in first and "Cycle 2" in first and "Reasoning 1/2" in first
    assert "Measures for 1" in first and "1 submitted" in first
    assert "Take measures to protect victims (1)." in first
    second = html[html.index('aria-label="Recommendation 2"') :]
    second = second[: second.index("</tr>")]
    assert "Not yet assessed" in second and "<td>40</td>" in second  # open, 40 days


def test_filters_and_sorting(tj_published, login_as):
    report = tj_published(9)
    client = login_as("secretariat")

    def numbers(**params):
        html = client.get(follow_up_url(report), params).content.decode()
        found = []
        for part in html.split('aria-label="Recommendation ')[1:]:
            found.append(int(part.split('"')[0]))
        return found

    assert numbers() == list(range(1, 10))
    assert numbers(sort="-number") == list(range(9, 0, -1))
    assert numbers(status="not_assessed") == [2, 4, 6, 8]
    assert numbers(status="implemented") == [1, 5, 9]  # index 0, 4, 8: statuses[(n+2) % 4]
    assert numbers(strength="urges") == [1, 4, 7]
    themes = list(
        report.recommendations.filter(themes__theme="protection").values_list("number", flat=True)
    )
    assert numbers(theme="protection") == sorted(themes) and themes
    government = Organisation.objects.get(country__iso_code="TJ", is_national_government=True)
    assert numbers(addressee=government.pk) == list(range(1, 10))
    other = Organisation.objects.exclude(pk=government.pk).filter(country__iso_code="TJ").first()
    report.recommendations.get(number=3).addressees.add(other)
    assert numbers(addressee=other.pk) == [3]
    by_status = numbers(sort="status")
    assert sorted(by_status) == list(range(1, 10)) and by_status != list(range(1, 10))


def test_bad_filter_values_are_ignored_not_an_error(tj_published, login_as):
    report = tj_published(3)
    response = login_as("secretariat").get(
        follow_up_url(report), {"status": "bogus", "addressee": "x", "page": "999"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_pagination(tj_published, login_as):
    report = tj_published(30)
    client = login_as("secretariat")
    first = client.get(follow_up_url(report)).content.decode()
    assert "Page 1 of 2" in first and 'aria-label="Recommendation 25"' in first
    assert 'aria-label="Recommendation 26"' not in first
    second = client.get(follow_up_url(report), {"page": 2}).content.decode()
    assert 'aria-label="Recommendation 26"' in second and 'aria-label="Recommendation 30"' in second


@pytest.mark.parametrize("size", [4, 60])
def test_the_list_runs_a_fixed_number_of_queries(
    size, tj_published, login_as, django_assert_max_num_queries
):
    report = tj_published(size)
    client = login_as("expert-kg")
    client.get(follow_up_url(report))  # warm the session and the principal
    with django_assert_max_num_queries(FOLLOW_UP_QUERIES):
        response = client.get(follow_up_url(report), {"theme": "", "sort": "assessed"})
    assert response.status_code == 200


FOLLOW_UP_QUERIES = 20
RECOMMENDATION_QUERIES = 22
STATUS_QUERIES = 19


# --- One recommendation and its assessment ------------------------------------------------


def rec_url(recommendation):
    return reverse("recommendations:recommendation", args=[recommendation.pk])


def assess_url(recommendation):
    return reverse("recommendations:assess", args=[recommendation.pk])


def assess(client, recommendation, changes):
    """The recommendation page's assessment form, sent as rendered with `changes`."""
    page = client.get(rec_url(recommendation))
    return submit(client, page, f"form[action='{assess_url(recommendation)}']", changes)


def test_the_recommendation_page(tj_published, login_as):
    report = tj_published(3)
    recommendation = report.recommendations.get(number=1)
    html = login_as("expert-tj").get(rec_url(recommendation)).content.decode()
    assert "Take measures to protect victims (1)." in html
    assert "Measures for 1" in html
    assert 'href="https://example.org/evidence"' in html
    assert "Articles 10 and 12" in html and "8.7" in html
    assert "Record the assessment" in html


def test_an_expert_records_an_assessment(kz_report, login_as):
    recommendation = kz_report.recommendations.get(number=1)
    response = assess(
        login_as("expert-tj"),  # an expert who is not a rapporteur of Kazakhstan
        recommendation,
        {
            "cycle": "1",
            "status": "partly_implemented",
            "reasoning_en": "Some steps taken.",
            "assessed_on": "2026-01-15",
        },
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(recommendation=recommendation)
    assert (assessment.status, assessment.reasoning, str(assessment.assessed_on)) == (
        "partly_implemented",
        "Some steps taken.",
        "2026-01-15",
    )
    assert Recommendation.objects.get(pk=recommendation.pk).current_status == "partly_implemented"


def test_not_yet_assessed_is_refused(kz_report, login_as):
    recommendation = kz_report.recommendations.get(number=1)
    response = assess(
        login_as("secretariat"),
        recommendation,
        {"cycle": "1", "status": "not_assessed", "reasoning_en": "x", "assessed_on": "2026-01-15"},
    )
    assert response.status_code == 400
    assert "Choose the assessment." in response.content.decode()
    assert not Assessment.objects.filter(recommendation=recommendation).exists()


def test_assessing_an_unpublished_recommendation_is_refused(kg_report, login_as):
    recommendation = kg_report.recommendations.get(number=1)
    client = login_as("secretariat")
    assert "Follow-up starts once the report is published." in (
        client.get(rec_url(recommendation)).content.decode()
    )
    response = assess(
        client,
        recommendation,
        {
            "cycle": "1",
            "status": "implemented",
            "reasoning_en": "Done.",
            "assessed_on": "2026-01-15",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Follow-up starts once the report is published." in html
    assert "Done." in html  # the input is kept
    assert not Assessment.objects.filter(recommendation=recommendation).exists()


def test_an_incomplete_assessment_keeps_the_input(kz_report, login_as):
    recommendation = kz_report.recommendations.get(number=1)
    response = assess(
        login_as("secretariat"),
        recommendation,
        {"cycle": "0", "status": "implemented", "reasoning_en": "", "assessed_on": "not a date"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Give the reasoning in at least one language." in html and "Enter a valid date." in html
    assert not Assessment.objects.filter(recommendation=recommendation).exists()


@pytest.mark.parametrize("size", [4, 60])
def test_the_recommendation_page_runs_a_fixed_number_of_queries(
    size, tj_published, login_as, django_assert_max_num_queries
):
    report = tj_published(size)
    recommendation = report.recommendations.get(number=1)
    client = login_as("expert-kg")
    client.get(rec_url(recommendation))
    with django_assert_max_num_queries(RECOMMENDATION_QUERIES):
        assert client.get(rec_url(recommendation)).status_code == 200


# --- The status summary ---------------------------------------------------------------------

STATUS_URL = "/admin/reports/status/"


def test_the_status_summary_by_each_dimension(tj_published, kz_report, login_as):
    tj_published(8, days_ago=100)
    client = login_as("secretariat")
    by_country = client.get(STATUS_URL).content.decode()
    assert "Tajikistan" in by_country and "Kazakhstan" in by_country
    assert "Kyrgyzstan</th>" not in by_country  # a draft: no follow-up yet
    tj_row = by_country[by_country.index('<th scope="row">Tajikistan</th>') :]
    tj_row = tj_row[: tj_row.index("</tr>")]
    # 8 recommendations: 4 not yet assessed; n = 0, 2, 4, 6 by their cycle 2,
    # statuses[(n + 2) % 4] = implemented, not implemented, implemented, not implemented.
    # Columns: not assessed, not implemented, partly, implemented, no longer relevant, open, all.
    cells = [c.split("</td>")[0] for c in tj_row.split("<td>")[1:]]
    assert cells == ["4", "2", "0", "2", "0", "6", "8"]
    for by, label in [
        ("round", "Round"),
        ("theme", "Protection"),
        ("strength", "urges"),
        ("addressee", "Government of the Republic of Tajikistan"),
    ]:
        html = client.get(STATUS_URL, {"by": by}).content.decode()
        assert label in html, by


def test_open_per_addressee_and_ageing_oldest_first(tj_published, kz_report, login_as):
    tj_published(4, days_ago=100)
    html = login_as("expert-kg").get(STATUS_URL).content.decode()
    per_addressee = html[html.index("Open recommendations per addressee") :]
    per_addressee = per_addressee[: per_addressee.index("</table>")]
    assert "Tajikistan" in per_addressee
    ageing = html[html.index("Ageing of open recommendations") :]
    rows = ageing.split("<tr>")[2:]
    days = [int(row.split("<td>")[-1].split("</td>")[0]) for row in rows]
    assert days == sorted(days, reverse=True) and days[0] == 100
    assert days[-1] == 0  # Kazakhstan's report, published today by the fixture


def test_the_status_summary_filters_by_country(tj_published, kz_report, login_as):
    tj_published(4)
    tajikistan = Organisation.objects.get(country__iso_code="TJ", is_national_government=True)
    html = (
        login_as("secretariat")
        .get(STATUS_URL, {"by": "country", "country": tajikistan.country_id})
        .content.decode()
    )
    summary = html[: html.index("Open recommendations per addressee")]
    assert "Tajikistan" in summary and "Kazakhstan</th>" not in summary


@pytest.mark.parametrize("size", [4, 60])
def test_the_status_summary_runs_a_fixed_number_of_queries(
    size, tj_published, login_as, django_assert_max_num_queries
):
    tj_published(size)
    client = login_as("expert-kg")
    client.get(STATUS_URL)
    for by in ("country", "theme", "addressee"):
        with django_assert_max_num_queries(STATUS_QUERIES):
            assert client.get(STATUS_URL, {"by": by}).status_code == 200


# --- Every role against every page and POST -----------------------------------------------

ROLES = {  # username: (reading, assessing)
    None: ("login", "login"),
    "ngo-kz": ("login", "login"),
    "kz-contact": ("login", "login"),
    "kz-official": ("login", "login"),
    "kg-contact": ("login", "login"),
    "kg-official": ("login", "login"),
    "expert-kz-2": ("ok", "done"),  # an expert, not a rapporteur of Kazakhstan
    "expert-kg": ("ok", "done"),  # a rapporteur of Kazakhstan
    "secretariat": ("ok", "done"),
}


def outcome(response) -> str:
    if response.status_code == 200:
        return "ok"
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    if location.startswith("/admin/login/"):
        return "login"
    if location == "/admin/":
        return "denied"
    assert location.startswith("/admin/reports/recommendations/"), location
    return "done"


@pytest.mark.parametrize("username", list(ROLES))
def test_follow_up_matrix(username, kz_report, client, user_named):
    recommendation = kz_report.recommendations.get(number=1)
    # The assessment form as the secretariat's page renders it, sent by each role.
    client.force_login(user_named("secretariat"))
    form = form_in(
        client.get(rec_url(recommendation)), f"form[action='{assess_url(recommendation)}']"
    )
    client.logout()
    if username:
        client.force_login(user_named(username))
    reading, assessing = ROLES[username]
    assert outcome(client.get(follow_up_url(kz_report))) == reading
    assert outcome(client.get(rec_url(recommendation))) == reading
    assert outcome(client.get(STATUS_URL)) == reading
    response = client.post(
        form.action,
        form.data(
            {
                "cycle": "1",
                "status": "implemented",
                "reasoning_en": "Done.",
                "assessed_on": "2026-01-15",
            }
        ),
    )
    assert outcome(response) == assessing
    assert Assessment.objects.filter(recommendation=recommendation).exists() == (
        assessing == "done"
    )


def test_a_government_user_cannot_assess_through_the_service_either(kz_report, user_named):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.assessment_record(
            recommendation=kz_report.recommendations.first(),
            status="implemented",
            reasoning="We did it.",
            actor=user_named("kz-contact"),
        )


def test_the_demo_report_renders_on_every_screen(login_as):
    """Kazakhstan's demo report (published by the seed, with follow-up in every status)."""
    report = Report.objects.get(evaluation__country__iso_code="KZ", kind="evaluation")
    client = login_as("secretariat")
    follow_up = client.get(follow_up_url(report)).content.decode()
    for status in ("Not implemented", "Partly implemented", "Implemented", "No longer relevant"):
        assert status in follow_up
    publish = client.get(reverse("reports:publish", args=[report.pk])).content.decode()
    assert "Open a correction" in publish and "Publication history" in publish
    for recommendation in report.recommendations.all():
        page = client.get(rec_url(recommendation))
        assert page.status_code == 200
    assert client.get(STATUS_URL, {"by": "theme"}).status_code == 200


def test_the_home_page_lists_the_assessments_due_once_a_follow_up_is_requested(
    login_as, kg_report, user_named, to_final_comments
):
    from bs4 import BeautifulSoup

    from evaluation_rounds.procedure import State
    from evaluation_rounds.services import evaluation_transition
    from recommendations import services as recommendation_services
    from reports import services as reporting

    secretariat = user_named("secretariat")
    to_final_comments(kg_report.evaluation)
    reporting.report_publish(report=kg_report, actor=secretariat)
    evaluation_transition(
        evaluation=kg_report.evaluation,
        to_state=State.FOLLOW_UP_REQUESTED,
        actor=secretariat,
        notify=False,
    )
    follow_up = reverse("recommendations:follow_up", args=[kg_report.pk])
    total = kg_report.recommendations.count()

    def due_line(username: str) -> str:
        soup = BeautifulSoup(login_as(username).get("/admin/").content.decode(), "html.parser")
        panel = soup.select_one("#assessments-due") or soup
        links = [a for a in panel.select("a") if a.get("href") == follow_up]
        return links[0].parent.get_text(" ", strip=True) if links else ""

    assert f"{total} recommendations to assess" in due_line("expert-kz-2")  # a rapporteur
    assert due_line("expert-tm") == ""  # not Kyrgyzstan's rapporteur
    recommendation_services.assessment_record(
        recommendation=kg_report.recommendations.order_by("number").first(),
        status="partly_implemented",
        reasoning="The law passed; no budget yet.",
        actor=user_named("expert-kz-2"),
    )
    assert f"{total - 1} recommendation" in due_line("secretariat")
