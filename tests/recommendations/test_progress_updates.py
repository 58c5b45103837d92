"""Progress updates in the portal: the form, evidence files, and the follow-up submission."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from evaluation_rounds.procedure import State
from evaluation_rounds.services import evaluation_transition
from monitoring import display
from monitoring.models import Organisation
from recommendations import services as recommendation_services
from recommendations.models import ProgressEvidence, ProgressUpdate
from reports import services
from tests.rendered_forms import form_in, submit
from tests.reports.conftest import build_report

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _pdf(name="evidence.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _url(name, *args):
    return reverse(f"portal:{name}", args=args)


MAIN_FORM = "main form[method=post]"


def _update_form(client, report, recommendation):
    """The follow-up page's form for one recommendation, as rendered."""
    page = client.get(_url("report_follow_up", report.pk))
    return form_in(page, f"form:has(input[name=recommendation][value='{recommendation.pk}'])")


def _changes(recommendation, **extra):
    prefix = f"r{recommendation.pk}"
    changes = {
        f"{prefix}-text": "A national referral mechanism was adopted.",
        f"{prefix}-reported_on": timezone.localdate().isoformat(),
        f"{prefix}-links": "https://example.org/decree-12",
    }
    changes.update({f"{prefix}-{key}": value for key, value in extra.items()})
    return changes


def _post(client, report, recommendation, **extra):
    form = _update_form(client, report, recommendation)
    return client.post(form.action, form.data(_changes(recommendation, **extra)))


@pytest.fixture
def follow_up_requested(secretariat):
    def request(report):
        evaluation_transition(
            evaluation=report.evaluation,
            to_state=State.FOLLOW_UP_REQUESTED,
            actor=secretariat,
            notify=False,
        )
        report.evaluation.refresh_from_db()
        return report

    return request


def test_the_page_lists_recommendations_with_their_status(kz_report, login_as):
    response = login_as("kz-official").get(_url("report_follow_up", kz_report.pk))
    assert response.status_code == 200
    html = response.content.decode()
    for recommendation in kz_report.recommendations.all():
        assert f"Recommendation {recommendation.number}" in html
    assert "Not yet assessed" in html
    assert 'enctype="multipart/form-data"' in html


def test_an_update_with_evidence_is_saved_and_downloadable(kz_report, login_as):
    client = login_as("kz-official")
    recommendation = kz_report.recommendations.first()
    body = Organisation.objects.filter(country=kz_report.evaluation.country).first()
    response = _post(
        client,
        kz_report,
        recommendation,
        responsible_body=str(body.pk),
        files=[_pdf(), _pdf("b.pdf")],
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get(recommendation=recommendation)
    assert update.responsible_body == body and not update.submitted
    assert update.links == "https://example.org/decree-12"
    files = list(update.evidence.order_by("original_name"))
    assert [f.original_name for f in files] == ["b.pdf", "evidence.pdf"]
    assert files[0].content_type == "application/pdf" and files[0].size == len(PDF)

    html = client.get(_url("report_follow_up", kz_report.pk)).content.decode()
    assert "A national referral mechanism was adopted." in html
    assert "not yet submitted" in html
    download = client.get(_url("report_evidence", files[1].pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tool.exe", b"MZ\x90\x00", "This type of file is not accepted"),
        ("fake.pdf", b"just some text, not a PDF", "does not match its name"),
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_saved(kz_report, login_as, name, content, message):
    recommendation = kz_report.recommendations.first()
    response = _post(
        login_as("kz-contact"),
        kz_report,
        recommendation,
        files=[_pdf(), SimpleUploadedFile(name, content)],
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "A national referral mechanism was adopted." in html  # the text is kept
    assert not ProgressUpdate.objects.filter(recommendation=recommendation).exists()
    assert not ProgressEvidence.objects.exists()


def test_bad_links_and_a_foreign_body_get_clear_messages(kz_report, login_as):
    recommendation = kz_report.recommendations.first()
    client = login_as("kz-contact")
    response = _post(client, kz_report, recommendation, links="not a web address")
    assert response.status_code == 400
    assert "Enter a valid URL" in response.content.decode()
    foreign = Organisation.objects.exclude(country=kz_report.evaluation.country).first()
    response = _post(client, kz_report, recommendation, responsible_body=str(foreign.pk))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_another_countrys_user_is_refused(kz_report, kg_report, user_named, login_as):
    recommendation = kz_report.recommendations.first()
    with pytest.raises(PermissionDenied):
        recommendation_services.progress_update_report(
            recommendation=recommendation, text="Not ours", actor=user_named("kg-contact")
        )
    # Kazakhstan's form, sent by a Kyrgyz contact person (who cannot even open the page).
    form = _update_form(login_as("kz-official"), kz_report, recommendation)
    client = login_as("kg-contact")
    assert client.get(_url("report_follow_up", kz_report.pk)).status_code == 404
    assert client.post(form.action, form.data(_changes(recommendation))).status_code == 404
    assert not ProgressUpdate.objects.exists()


def test_follow_up_submission_only_when_requested(
    kz_report, login_as, user_named, follow_up_requested
):
    recommendation = kz_report.recommendations.first()
    update = recommendation_services.progress_update_report(
        recommendation=recommendation, text="Measures", actor=user_named("kz-official")
    )
    client = login_as("kz-contact")
    response = client.post(_url("report_follow_up_submit", kz_report.pk), follow=True)
    assert "only while the follow-up is requested" in response.content.decode()
    update.refresh_from_db()
    assert not update.submitted

    follow_up_requested(kz_report)
    with pytest.raises(PermissionDenied):
        recommendation_services.follow_up_submit(report=kz_report, actor=user_named("kz-official"))
    confirm_page = client.get(_url("report_follow_up_submit", kz_report.pk))
    assert "You are about to submit 1 progress update" in confirm_page.content.decode()
    confirm = form_in(confirm_page, MAIN_FORM)
    response = client.post(confirm.action, confirm.data(), follow=True)
    assert "1 progress update submitted" in response.content.decode()
    update.refresh_from_db()
    assert update.submitted

    again = client.post(confirm.action, confirm.data(), follow=True)  # sent twice
    assert "There are no progress updates to submit." in again.content.decode()


def test_an_official_cannot_submit_the_follow_up(
    kz_report, login_as, user_named, follow_up_requested
):
    follow_up_requested(kz_report)
    recommendation_services.progress_update_report(
        recommendation=kz_report.recommendations.first(),
        text="Measures",
        actor=user_named("kz-official"),
    )
    client = login_as("kz-official")
    response = client.post(_url("report_follow_up_submit", kz_report.pk), follow=True)
    assert "Only the contact person submits" in response.content.decode()
    assert not ProgressUpdate.objects.filter(submitted=True).exists()


def test_follow_up_is_not_open_on_a_draft(kg_report, login_as, user_named):
    assert login_as("kg-contact").get(_url("report_follow_up", kg_report.pk)).status_code == 404
    with pytest.raises(ValidationError):
        recommendation_services.progress_update_report(
            recommendation=kg_report.recommendations.first(),
            text="Too early",
            actor=user_named("kg-contact"),
        )


def _follow_up_queries(client, report, django_assert_max_num_queries):
    with django_assert_max_num_queries(40) as captured:
        assert client.get(_url("report_follow_up", report.pk)).status_code == 200
    return len(captured.captured_queries)


def test_follow_up_page_query_count_is_fixed(
    kz_evaluation, secretariat, login_as, user_named, django_assert_max_num_queries
):
    def published(paragraphs, recommendations):
        report = build_report(
            kz_evaluation,
            secretariat,
            paragraphs_per_chapter=paragraphs,
            recommendations=recommendations,
        )
        return services.report_publish(report=report, actor=secretariat)

    client = login_as("kz-contact")
    small = published((2,), 1)
    recommendation_services.progress_update_report(
        recommendation=small.recommendations.first(),
        text="x",
        files=[_pdf()],
        actor=user_named("kz-contact"),
    )
    baseline = _follow_up_queries(client, small, django_assert_max_num_queries)

    big = published((10, 10), 12)
    for recommendation in big.recommendations.all():
        recommendation_services.progress_update_report(
            recommendation=recommendation,
            text="x",
            files=[_pdf()],
            actor=user_named("kz-official"),
        )
    assert _follow_up_queries(client, big, django_assert_max_num_queries) == baseline


def test_an_unsubmitted_update_can_be_deleted_after_confirmation(
    kz_report, login_as, user_named, follow_up_requested
):
    update = recommendation_services.progress_update_report(
        recommendation=kz_report.recommendations.first(),
        text="Withdrawn",
        files=[_pdf()],
        actor=user_named("kz-official"),
    )
    client = login_as("kz-contact")
    url = _url("report_follow_up_update_delete", kz_report.pk, update.pk)
    confirm_page = client.get(url)
    confirm = confirm_page.content.decode()
    assert "Delete the progress update?" in confirm and "Withdrawn" in confirm
    assert ProgressUpdate.objects.filter(pk=update.pk).exists()
    assert submit(client, confirm_page, MAIN_FORM).status_code == 302
    assert not ProgressUpdate.objects.filter(pk=update.pk).exists()
    assert not ProgressEvidence.objects.exists()


def test_a_submitted_update_is_locked(kz_report, login_as, user_named, follow_up_requested):
    follow_up_requested(kz_report)
    update = recommendation_services.progress_update_report(
        recommendation=kz_report.recommendations.first(),
        text="Locked",
        actor=user_named("kz-official"),
    )
    client = login_as("kz-contact")
    # The deletion's confirmation, open in a tab while the follow-up is submitted.
    url = _url("report_follow_up_update_delete", kz_report.pk, update.pk)
    stale = form_in(client.get(url), MAIN_FORM)
    recommendation_services.follow_up_submit(report=kz_report, actor=user_named("kz-contact"))
    html = client.get(_url("report_follow_up", kz_report.pk)).content.decode()
    assert "Locked" in html and "/delete/" not in html
    response = client.post(stale.action, stale.data(), follow=True)
    assert "A submitted progress update cannot change." in response.content.decode()
    assert ProgressUpdate.objects.filter(pk=update.pk, submitted=True).exists()


def test_the_page_says_when_no_follow_up_is_requested(kz_report, login_as, follow_up_requested):
    client = login_as("kz-contact")
    html = client.get(_url("report_follow_up", kz_report.pk)).content.decode()
    assert "has not requested a follow-up report" in html
    follow_up_requested(kz_report)
    html = client.get(_url("report_follow_up", kz_report.pk)).content.decode()
    assert "has not requested a follow-up report" not in html


def test_the_page_says_when_the_requested_follow_up_is_due(
    kz_report, login_as, follow_up_requested
):
    """The contact person reads the due date where the progress is reported, as on the
    dashboard."""
    client = login_as("kz-contact")
    assert "follow-up-due" not in client.get(_url("report_follow_up", kz_report.pk)).text
    follow_up_requested(kz_report)
    deadline = kz_report.evaluation.deadlines.get(kind="follow_up_report", closed_on=None)
    html = client.get(_url("report_follow_up", kz_report.pk)).text
    assert (
        "The expert group has requested your government's follow-up report: it is due on "
        f"{display.day(deadline.due_on)}."
    ) in html
