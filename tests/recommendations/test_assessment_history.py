"""The assessment history of a recommendation: every cycle and every earlier wording (the
django-reversion versions), newest first, with who and when; and the history across rounds."""

import pytest
from django.urls import reverse

from evaluation_rounds.models import CountryEvaluation, EvaluationRound
from monitoring.models import Organisation
from recommendations import services as recommendation_services
from recommendations.models import Assessment
from reports import services


def assess(client, recommendation, **data):
    response = client.post(reverse("recommendations:assess", args=[recommendation.pk]), data)
    assert response.status_code == 302, response.content.decode()[-2000:]


def history_rows(html: str) -> list[str]:
    section = html[html.index('id="assessment-history"') :]
    section = section[: section.index("</table>")]
    return section.split('<tr class="assessment-version">')[1:]


def test_two_cycles_and_a_corrected_wording_show_newest_first(kz_report, client, user_named):
    recommendation = kz_report.recommendations.get(number=1)
    client.force_login(user_named("expert-tj"))
    assess(
        client,
        recommendation,
        cycle=1,
        status="not_implemented",
        reasoning_en="No action yet.",
        assessed_on="2026-01-10",
    )
    client.force_login(user_named("secretariat"))
    assess(
        client,
        recommendation,
        cycle=1,
        status="partly_implemented",
        reasoning_en="A national action plan was adopted.",
        assessed_on="2026-01-12",
    )
    client.force_login(user_named("expert-kg"))
    assess(
        client,
        recommendation,
        cycle=2,
        status="implemented",
        reasoning_en="The law was enacted.",
        assessed_on="2027-02-01",
    )

    assert Assessment.objects.filter(recommendation=recommendation).count() == 2  # two cycles
    html = client.get(reverse("recommendations:recommendation", args=[recommendation.pk])).content
    html = html.decode()
    rows = history_rows(html)
    assert len(rows) == 3
    newest, corrected, original = rows
    assert "The law was enacted." in newest and "Implemented" in newest
    assert "<td>2</td>" in newest and "expert-kg" in newest and "earlier wording" not in newest
    assert "A national action plan was adopted." in corrected and "Partly implemented" in corrected
    assert "<td>1</td>" in corrected and "secretariat" in corrected
    assert "earlier wording" not in corrected
    assert "No action yet." in original and "Not implemented" in original
    assert "expert-tj" in original and "earlier wording" in original
    # The latest assessment is the current status.
    current = html[html.index("Current status") :]
    assert current.index("Implemented") < current.index("</dd>")


def test_no_history_before_any_assessment(kz_report, login_as):
    recommendation = kz_report.recommendations.get(number=2)
    html = (
        login_as("secretariat")
        .get(reverse("recommendations:recommendation", args=[recommendation.pk]))
        .content.decode()
    )
    assert "Not assessed yet." in html
    assert "Not yet assessed" in html  # the current status


def test_a_refused_assessment_adds_nothing_to_the_history(kz_report, login_as):
    recommendation = kz_report.recommendations.get(number=1)
    client = login_as("secretariat")
    assess(
        client,
        recommendation,
        cycle=1,
        status="not_implemented",
        reasoning_en="No action yet.",
        assessed_on="2026-01-10",
    )
    refused = client.post(
        reverse("recommendations:assess", args=[recommendation.pk]),
        {"cycle": 1, "status": "not_assessed", "reasoning_en": "Oops", "assessed_on": "2026-01-11"},
    )
    assert refused.status_code == 400
    rows = history_rows(refused.content.decode())
    assert len(rows) == 1 and "No action yet." in rows[0]


@pytest.fixture
def round_two(kz_report, secretariat):
    """Kazakhstan's round-2 report whose recommendation 1 reiterates round 1's recommendation 2,
    itself reiterated again by a follow-up report of round 2."""
    evaluation = CountryEvaluation.objects.create(
        round=EvaluationRound.objects.get(number=2), country=kz_report.evaluation.country
    )
    report = services.report_create(
        evaluation=evaluation, title_en="Second report on Kazakhstan", actor=secretariat
    )
    chapter = services.chapter_create(report=report, number="1", title_en="I", actor=secretariat)
    paragraph = services.paragraph_insert(chapter=chapter, text_en="<p>Text</p>", actor=secretariat)
    earlier = kz_report.recommendations.get(number=2)
    later = recommendation_services.recommendation_create(
        paragraph=paragraph,
        strength="urges",
        text_en="Again: identify victims among migrants.",
        actor=secretariat,
        reiterates=earlier,
        addressees=[
            Organisation.objects.get(country=evaluation.country, is_national_government=True)
        ],
    )
    recommendation_services.assessment_record(
        recommendation=earlier, status="not_implemented", reasoning_en="None.", actor=secretariat
    )
    return earlier, later


def test_history_across_rounds_both_ways(round_two, login_as):
    earlier, later = round_two
    client = login_as("expert-kz-2")
    html = client.get(reverse("recommendations:recommendation", args=[later.pk])).content.decode()
    rounds = html[html.index('id="across-rounds"') : html.index('id="progress-updates"')]
    assert "Reiterated from round 1, recommendation 2" in rounds
    assert reverse("recommendations:recommendation", args=[earlier.pk]) in rounds
    assert "Not implemented" in rounds  # the earlier one's status

    html = client.get(reverse("recommendations:recommendation", args=[earlier.pk])).content.decode()
    rounds = html[html.index('id="across-rounds"') : html.index('id="progress-updates"')]
    assert "Reiterated in round 2, recommendation 1" in rounds
    assert "Not yet assessed" in rounds  # the later one, in a draft


def test_a_recommendation_without_links_says_so(kz_report, login_as):
    recommendation = kz_report.recommendations.get(number=1)
    html = (
        login_as("secretariat")
        .get(reverse("recommendations:recommendation", args=[recommendation.pk]))
        .content.decode()
    )
    assert "Not linked to a recommendation of another round." in html


def test_the_page_runs_a_fixed_number_of_queries_whatever_the_history(
    kz_report, login_as, secretariat, django_assert_max_num_queries
):
    recommendation = kz_report.recommendations.get(number=1)
    url = reverse("recommendations:recommendation", args=[recommendation.pk])
    client = login_as("expert-kg")
    counts = []
    for rewordings in (1, 8):
        for n in range(rewordings):
            recommendation_services.assessment_record(
                recommendation=recommendation,
                status="partly_implemented",
                reasoning=f"Wording {n}",
                cycle=1 + n % 3,
                actor=secretariat,
            )
        client.get(url)
        with django_assert_max_num_queries(22) as captured:
            response = client.get(url)
        assert len(history_rows(response.content.decode())) == rewordings + (
            0 if rewordings == 1 else 1
        )
        counts.append(len(captured))
    assert counts[0] == counts[1]
