"""Publication through the back office: the confirmation page, the atomic POST, refusals,
corrections as new versions with a visible note, and the publication history."""

import pytest
from django.urls import reverse

from evaluation_rounds.models import Transition
from evaluation_rounds.procedure import State
from monitoring import display
from reports import services
from reports.models import GovernmentComment, Paragraph, Report, ReportPublication
from tests.rendered_forms import form_in, submit

FORM = "form.procedure-form"


@pytest.fixture
def ready(kg_report, user_named, to_final_comments):
    """Kyrgyzstan's report in the final comments period, with submitted final comments."""
    to_final_comments(kg_report.evaluation)
    contact = user_named("kg-contact")
    services.comment_add(report=kg_report, text="Our final position on the report.", actor=contact)
    services.comments_submit(report=kg_report, actor=contact)
    kg_report.refresh_from_db()
    return kg_report


def publish_url(report):
    return reverse("reports:publish", args=[report.pk])


def publish_form(client, report):
    """The publication page's form, as rendered."""
    return form_in(client.get(publish_url(report)), FORM)


def correction_url(report):
    return reverse("reports:correction_open", args=[report.pk])


def test_the_confirmation_page_summarises_what_becomes_public(ready, login_as):
    response = login_as("secretariat").get(publish_url(ready))
    assert response.status_code == 200
    html = response.content.decode()
    assert "4 numbered paragraphs" in html
    assert "2 recommendations" in html
    assert "urges 1" in html and "considers 1" in html
    assert "1 final comment submitted by the government" in html
    assert "Our final position on the report." in html
    assert "Publish the report" in html
    ready.refresh_from_db()
    assert not ready.is_published  # GET changes nothing


def test_the_confirmation_page_says_what_each_final_comment_is_about(
    kg_report, user_named, to_final_comments, login_as
):
    to_final_comments(kg_report.evaluation)
    contact = user_named("kg-contact")
    recommendation = kg_report.recommendations.order_by("number").last()
    paragraph = kg_report.chapters.last().paragraphs.order_by("number").last()
    for text, target in (
        ("On the recommendation.", {"recommendation": recommendation}),
        ("On the paragraph.", {"paragraph": paragraph}),
        ("On the whole report.", {}),
    ):
        services.comment_add(report=kg_report, text=text, actor=contact, **target)
    services.comments_submit(report=kg_report, actor=contact)
    html = login_as("secretariat").get(publish_url(kg_report)).content.decode()
    assert f"On recommendation {recommendation.number}" in html
    assert f"On paragraph {paragraph.number}" in html
    assert "On the report as a whole" in html


def test_publishing_through_the_view(ready, login_as, secretariat):
    client = login_as("secretariat")
    response = submit(client, client.get(publish_url(ready)), FORM, follow=True)
    assert response.status_code == 200
    assert "The report is published (version 1)." in response.content.decode()
    ready.refresh_from_db()
    assert ready.is_published and ready.version == 1
    assert ready.published_content["final_comments"][0]["text"] == (
        "Our final position on the report."
    )
    assert ready.evaluation.state == State.PUBLISHED
    row = ReportPublication.objects.get(report=ready)
    assert (row.version, row.correction_note, row.published_by) == (1, "", secretariat)
    assert ready.publication == row and row.published_at == ready.published_at


def test_publishing_before_the_final_comments_period_is_refused(kg_report, login_as):
    client = login_as("secretariat")
    page = client.get(publish_url(kg_report))
    assert "publishing will be refused" in page.content.decode()
    response = submit(client, page, FORM)
    assert response.status_code == 400
    assert "The report can be published once the final comments period has begun." in (
        response.content.decode()
    )
    kg_report.refresh_from_db()
    assert not kg_report.is_published and kg_report.published_content is None
    assert kg_report.evaluation.state == State.DRAFT_WITH_GOVERNMENT
    assert not ReportPublication.objects.filter(report=kg_report).exists()


def test_a_double_submit_says_already_published_and_changes_nothing(ready, login_as):
    client = login_as("secretariat")
    form = publish_form(client, ready)
    client.post(form.action, form.data())
    ready.refresh_from_db()
    before = (ready.published_at, ready.version, ready.published_content)
    transitions = Transition.objects.filter(evaluation=ready.evaluation).count()

    response = client.post(form.action, form.data())  # the same form sent again

    assert response.status_code == 400
    assert "This report is already published." in response.content.decode()
    ready.refresh_from_db()
    assert (ready.published_at, ready.version, ready.published_content) == before
    assert Transition.objects.filter(evaluation=ready.evaluation).count() == transitions
    assert ReportPublication.objects.filter(report=ready).count() == 1


def test_a_failure_mid_way_through_the_view_publishes_nothing(ready, login_as, monkeypatch):
    from django.core.exceptions import ValidationError

    state_before = ready.evaluation.state
    transitions = Transition.objects.filter(evaluation=ready.evaluation).count()

    def broken_snapshot(report):  # after the evaluation's transition has been written
        assert Transition.objects.filter(evaluation=report.evaluation).count() == transitions + 1
        raise ValidationError("The snapshot could not be written.")

    client = login_as("secretariat")
    form = publish_form(client, ready)
    monkeypatch.setattr(services, "_snapshot", broken_snapshot)
    response = client.post(form.action, form.data())

    assert response.status_code == 400
    assert "The snapshot could not be written." in response.content.decode()
    ready.refresh_from_db()
    ready.evaluation.refresh_from_db()
    assert ready.published_at is None and ready.published_content is None
    assert ready.version == 0
    assert ready.evaluation.state == state_before == State.FINAL_COMMENTS
    assert Transition.objects.filter(evaluation=ready.evaluation).count() == transitions
    assert not Transition.objects.filter(
        evaluation=ready.evaluation, to_state=State.PUBLISHED
    ).exists()
    assert not ReportPublication.objects.filter(report=ready).exists()


def test_correction_without_a_note_is_refused(kz_report, login_as):
    client = login_as("secretariat")
    response = submit(
        client, client.get(correction_url(kz_report)), FORM, {"correction_note": "  "}
    )
    assert response.status_code == 400
    assert "Say what needs correcting." in response.content.decode()
    kz_report.refresh_from_db()
    assert not kz_report.correction_open and kz_report.correction_note == ""


def test_correction_is_published_as_a_new_version_with_its_note(kz_report, login_as, secretariat):
    client = login_as("secretariat")
    published_at = kz_report.published_at
    page = client.get(publish_url(kz_report)).content.decode()
    assert "Open a correction" in page and "Publish the report" not in page
    assert correction_url(kz_report) in page

    response = submit(
        client,
        client.get(correction_url(kz_report)),
        FORM,
        {"correction_note": "Paragraph 1 cited the wrong law."},
    )
    assert response.status_code == 302
    kz_report.refresh_from_db()
    assert kz_report.correction_open
    paragraph = Paragraph.objects.get(chapter__report=kz_report, number=1)
    services.paragraph_update(
        paragraph=paragraph,
        text_en="<p>Corrected law</p>",
        text_ru="",
        actor=secretariat,
    )

    # Publishing the correction without a note is refused and changes nothing.
    form = publish_form(client, kz_report)
    refused = client.post(form.action, form.data({"correction_note": ""}))
    assert refused.status_code == 400
    assert "Say what the correction changes." in refused.content.decode()
    kz_report.refresh_from_db()
    assert kz_report.version == 1 and kz_report.correction_open

    done = client.post(
        form.action, form.data({"correction_note": "Paragraph 1 now cites the right law."})
    )
    assert done.status_code == 302
    kz_report.refresh_from_db()
    assert kz_report.version == 2 and not kz_report.correction_open
    assert kz_report.published_at == published_at  # first publication date kept
    assert kz_report.publication.correction_note == "Paragraph 1 now cites the right law."
    assert kz_report.correction_note == ""  # the note belongs to version 2 now
    assert kz_report.published_content["chapters"][0]["paragraphs"][0]["text_en"] == (
        "<p>Corrected law</p>"
    )

    history = client.get(publish_url(kz_report)).content.decode()
    section = history[history.index("Publication history") :]
    # Newest first: version 2 with its note and publisher, then version 1 (its row, dated
    # like the report's first publication).
    rows = section.split("<tr>")[2:]
    assert len(rows) == 2
    assert "<td>2</td>" in rows[0] and "Paragraph 1 now cites the right law." in rows[0]
    assert "secretariat" in rows[0].lower() or "Secretariat" in rows[0]
    assert "<td>1</td>" in rows[1]
    assert display.day(published_at) in rows[1]


def test_unsubmitted_final_comments_are_announced_as_left_out(
    kg_report, login_as, user_named, to_final_comments
):
    to_final_comments(kg_report.evaluation)
    services.comment_add(report=kg_report, text="Still drafting.", actor=user_named("kg-official"))
    page = login_as("secretariat").get(publish_url(kg_report)).content.decode()
    assert "1 final comment is still in progress and will not be published." in page
    assert "Still drafting." not in page
    assert GovernmentComment.objects.filter(report=kg_report).count() == 1


# --- Who may publish: every role against each page and POST -------------------------------

ROLES = {
    None: "login",
    "ngo-kg": "login",
    "kz-contact": "login",
    "kz-official": "login",
    "kg-contact": "login",
    "kg-official": "login",
    "expert-kz-2": "denied",  # rapporteur of Kyrgyzstan: writes the report, does not publish
    "expert-tj": "denied",  # an expert, not a rapporteur of Kyrgyzstan
    "secretariat": "ok",
}


def outcome(response) -> str:
    """ "ok": the page, or the action went through (or was refused by the service, 400);
    "login": no back office at all; "denied": Wagtail's redirect after PermissionDenied."""
    if response.status_code in (200, 400):
        return "ok"
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    if location.startswith("/admin/login/"):
        return "login"
    if location == "/admin/":
        return "denied"
    assert location.startswith("/admin/reports/"), location
    return "ok"


@pytest.mark.parametrize("username", list(ROLES))
def test_publication_matrix(username, ready, client, user_named):
    # The forms as the secretariat's pages render them, sent by each role.
    client.force_login(user_named("secretariat"))
    correction = correction_url(ready)
    correction_form = form_in(client.get(correction), FORM)
    publication_form = publish_form(client, ready)
    client.logout()
    if username:
        client.force_login(user_named(username))
    expected = ROLES[username]
    assert outcome(client.get(publish_url(ready))) == expected
    assert outcome(client.get(correction)) == expected
    response = client.post(correction_form.action, correction_form.data({"correction_note": "x"}))
    assert outcome(response) == expected
    if expected == "ok":  # not published yet: refused by the service
        assert response.status_code == 400
        assert "Only a published report is corrected." in response.content.decode()
    response = client.post(publication_form.action, publication_form.data())
    assert outcome(response) == expected
    ready.refresh_from_db()
    assert ready.is_published == (expected == "ok")
    assert Report.objects.filter(correction_open=True).count() == 0


def test_the_publication_page_runs_a_fixed_number_of_queries_whatever_the_versions(
    kz_report, login_as, secretariat, django_assert_max_num_queries
):
    client = login_as("secretariat")
    with django_assert_max_num_queries(40) as one_version:
        client.get(publish_url(kz_report))
    for n in (2, 3):
        services.report_correction_open(report=kz_report, note=f"Fix {n}", actor=secretariat)
        services.report_publish(report=kz_report, actor=secretariat, correction_note=f"Fix {n}")
    with django_assert_max_num_queries(len(one_version)):
        page = client.get(publish_url(kz_report)).content.decode()
    section = page[page.index("Publication history") :]
    assert len(section.split("<tr>")[2:]) == 3
    assert "Fix 3" in section and "Fix 2" in section
