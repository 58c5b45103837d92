"""A follow-up report has a stage of its own: the evaluated government reads it once it is sent
to it, not because the evaluation it follows is published; the public once it is published.

The follow-up is built through the services on Kazakhstan's published evaluation, and every
role opens the portal page, its PDF, the public page, the public PDF and the API."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from monitoring import access
from recommendations import services as recommendation_services
from recommendations.models import Recommendation
from reports import services
from reports.models import Chapter, Paragraph, Report
from tests.rendered_forms import forms_in, submit

TITLE = "Follow-up report FU-7f3a on Kazakhstan"
CHAPTER = "Chapter FU-c91e on shelters"
TEXT = "Paragraph FU-22b8: the shelter in Almaty has closed"

ROLES = [
    "anonymous",
    "ngo-kz",
    "kz-official",
    "kz-contact",
    "kg-contact",  # the contact person of another country
    "expert-tm",  # an expert with no part in Kazakhstan's evaluation
    "expert-kg",  # a rapporteur of Kazakhstan
    "secretariat",
]
KZ_GOVERNMENT = {"kz-official", "kz-contact"}


@pytest.fixture
def follow_up(kz_report, secretariat):
    """Kazakhstan's evaluation report is published; its follow-up report is being written."""
    report = services.report_create(
        evaluation=kz_report.evaluation,
        title_en=TITLE,
        kind=Report.Kind.FOLLOW_UP,
        actor=secretariat,
    )
    chapter = services.chapter_create(
        report=report, number="1", title_en=CHAPTER, actor=secretariat
    )
    paragraph = services.paragraph_insert(
        chapter=chapter, text_en=f"<p>{TEXT}</p>", actor=secretariat
    )
    recommendation_services.recommendation_create(
        paragraph=paragraph, strength="urges", text_en="Reopen the shelter.", actor=secretariat
    )
    return report


@pytest.fixture
def client_for(client, user_named):
    def sign_in(role):
        if role != "anonymous":
            client.force_login(user_named(role))
        return client

    return sign_in


def _pdf_text(response) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def _portal(client, report):
    page = client.get(reverse("portal:report", args=[report.pk]))
    pdf = client.get(reverse("portal:report_pdf", args=[report.pk]))
    return page, pdf


def _public(client, report):
    page = client.get(f"/en/countries/kazakhstan/reports/{report.pk}/")
    pdf = client.get(reverse("report_pdf", args=[report.pk]))
    api = client.get(f"/api/v1/reports/{report.pk}")
    return page, pdf, api


def _assert_refused(role, *responses):
    for response in responses:
        if role == "anonymous" and response.status_code == 302:
            assert "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == 404, (role, response.status_code)


def _government_sees(user, report) -> dict[str, bool]:
    return {
        "report": access.visible(user, Report).filter(pk=report.pk).exists(),
        "chapter": access.visible(user, Chapter).filter(report=report).exists(),
        "paragraph": access.visible(user, Paragraph).filter(chapter__report=report).exists(),
        "recommendation": access.visible(user, Recommendation).filter(report=report).exists(),
    }


@pytest.mark.parametrize("role", ROLES)
def test_a_new_follow_up_is_read_by_nobody_outside_the_expert_group(
    follow_up, client_for, user_named, role
):
    client = client_for(role)
    _assert_refused(role, *_portal(client, follow_up))
    _assert_refused("signed-in" if role != "anonymous" else role, *_public(client, follow_up))
    if role != "anonymous":
        user = user_named(role)
        staff = role in {"expert-tm", "expert-kg", "secretariat"}
        assert set(_government_sees(user, follow_up).values()) == {staff}
        assert not access.can_comment_on_report(user, follow_up)
        assert not access.can_submit_comments(user, follow_up)


@pytest.mark.parametrize("role", ROLES)
def test_the_government_reads_the_follow_up_once_it_is_sent(
    follow_up, client_for, user_named, secretariat, role
):
    services.report_stage_advance(
        report=follow_up, to_stage=Report.Stage.APPROVED, actor=secretariat
    )
    if role in KZ_GOVERNMENT:  # approved is not sent: still the expert group's alone
        assert set(_government_sees(user_named(role), follow_up).values()) == {False}
        _assert_refused(role, *_portal(client_for(role), follow_up))
    services.report_stage_advance(
        report=follow_up, to_stage=Report.Stage.SENT_FOR_COMMENTS, actor=secretariat
    )
    client = client_for(role)
    page, pdf = _portal(client, follow_up)
    if role in KZ_GOVERNMENT:
        assert page.status_code == 200
        content = page.content.decode()
        assert TITLE in content and CHAPTER in content and TEXT in content
        assert pdf.status_code == 200
        text = _pdf_text(pdf)
        assert CHAPTER in text and "FU-22b8" in text
        assert set(_government_sees(user_named(role), follow_up).values()) == {True}
    else:
        _assert_refused(role, page, pdf)
    # Sent to the government is not published: the public site and the API still refuse it.
    _assert_refused("signed-in" if role != "anonymous" else role, *_public(client, follow_up))


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_the_published_follow_up(follow_up, client_for, secretariat, role):
    services.report_publish(report=follow_up, actor=secretariat)
    client = client_for(role)
    page, pdf, api = _public(client, follow_up)
    assert [page.status_code, pdf.status_code, api.status_code] == [200, 200, 200]
    assert CHAPTER in page.content.decode()
    assert CHAPTER in _pdf_text(pdf)
    body = api.json()
    assert body["title_en"] == TITLE
    assert [chapter["title_en"] for chapter in body["chapters"]] == [CHAPTER]


def test_no_comment_period_opens_on_a_follow_up(follow_up, secretariat, user_named):
    for stage in (Report.Stage.APPROVED, Report.Stage.SENT_FOR_COMMENTS):
        services.report_stage_advance(report=follow_up, to_stage=stage, actor=secretariat)
    with pytest.raises(ValidationError, match="not open for the government's comments"):
        services.comment_add(report=follow_up, text="A comment", actor=user_named("kz-official"))


def test_the_follow_up_stage_moves_one_step_at_a_time(follow_up, kz_report, secretariat):
    with pytest.raises(ValidationError):  # not approved yet
        services.report_stage_advance(
            report=follow_up, to_stage=Report.Stage.SENT_FOR_COMMENTS, actor=secretariat
        )
    with pytest.raises(ValidationError):  # the evaluation report moves with its evaluation
        services.report_stage_advance(
            report=kz_report, to_stage=Report.Stage.APPROVED, actor=secretariat
        )
    follow_up.refresh_from_db()
    assert follow_up.stage == Report.Stage.DRAFTING


def test_only_the_secretariat_moves_the_follow_up(follow_up, user_named):
    with pytest.raises(PermissionDenied):
        services.report_stage_advance(
            report=follow_up, to_stage=Report.Stage.APPROVED, actor=user_named("expert-kg")
        )


STAGE_FORM = "form.procedure-form"


def test_the_secretariat_moves_the_follow_up_through_its_screens(
    follow_up, client, user_named, kz_report
):
    """From the editor's "Stage" link: the confirmation page, its rendered form, one step per
    click; the government reads the report only after the second step; a second click of a
    stale page changes nothing and says why; the evaluation's own report has no such step."""
    client.force_login(user_named("secretariat"))
    editor = client.get(reverse("reports:editor", args=[follow_up.pk]))
    stage_url = reverse("reports:stage", args=[follow_up.pk])
    assert stage_url in editor.content.decode()

    approve_page = client.get(stage_url)
    assert "Record the expert group" in approve_page.content.decode()
    response = submit(client, approve_page, STAGE_FORM)
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.own_stage == Report.Stage.APPROVED
    assert not _government_sees(user_named("kz-contact"), follow_up)["report"]

    send_page = client.get(stage_url)
    assert "Kazakhstan" in send_page.content.decode()
    submit(client, send_page, STAGE_FORM)
    follow_up.refresh_from_db()
    assert follow_up.own_stage == Report.Stage.SENT_FOR_COMMENTS
    assert all(_government_sees(user_named("kz-contact"), follow_up).values())

    stale = submit(client, approve_page, STAGE_FORM, follow=True)  # the first page, again
    follow_up.refresh_from_db()
    assert follow_up.own_stage == Report.Stage.SENT_FOR_COMMENTS
    assert "cannot go from" in stale.content.decode()

    own_report = client.get(reverse("reports:stage", args=[kz_report.pk]))
    assert own_report.status_code == 200
    assert not forms_in(own_report, STAGE_FORM)


@pytest.mark.parametrize("role", ["expert-kg", "kz-contact", "anonymous"])
def test_only_the_secretariat_opens_the_stage_screen(follow_up, client, user_named, role):
    client.force_login(user_named("secretariat"))
    page = client.get(reverse("reports:stage", args=[follow_up.pk]))
    client.logout()
    if role != "anonymous":
        client.force_login(user_named(role))
    response = submit(client, page, STAGE_FORM)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith(("/admin/login/", "/accounts/login/", "/admin/"))
        assert not response["Location"].startswith(f"/admin/reports/{follow_up.pk}/")
    follow_up.refresh_from_db()
    assert follow_up.own_stage == Report.Stage.DRAFTING
