"""An NGO's reply is published only with its consent, given on the submit form of the portal
and withdrawn there until the report is published; files only if marked public on upload."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from demo.seed.questionnaires import answer_all
from questionnaires import services as questionnaire_services
from questionnaires.models import AnswerFile, Response
from reports import services
from reports.models import ReplyPublication
from tests.rendered_forms import form_in, forms_in, submit

from .test_published_replies import publish_url, submitted_government_reply

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def ngo_ready(kg_report, to_final_comments, user_named):
    """Kyrgyzstan's report in the final comments period, and the NGO's reply fully answered
    (not submitted yet)."""
    submitted_government_reply(kg_report.evaluation, user_named)
    to_final_comments(kg_report.evaluation)
    ngo = Response.objects.get(evaluation=kg_report.evaluation, organisation__kind="ngo")
    answer_all(ngo, user_named("ngo-kg"), "KG", seed=9)
    kg_report.refresh_from_db()
    return kg_report, ngo


def submit_reply(client, ngo, *, consent: bool):
    page = client.get(reverse("portal:submit", args=[ngo.pk]))
    form = form_in(page, "form.submit-form")
    assert "publication_consent" in form.names and "publication_consent" not in form.fields
    changes = {"publication_consent": "on"} if consent else None
    return submit(client, page, "form.submit-form", changes, follow=True)


def withdraw(client, ngo):
    page = client.get(reverse("portal:consent_withdraw", args=[ngo.pk]))
    return submit(client, page, "form.consent-form", follow=True)


def test_consent_is_not_given_by_default(ngo_ready, login_as, secretariat):
    report, ngo = ngo_ready
    submit_reply(login_as("ngo-kg"), ngo, consent=False)
    ngo.refresh_from_db()
    assert ngo.is_locked and not ngo.publication_consent
    html = login_as("secretariat").get(publish_url(report)).content.decode()
    assert "The NGO did not consent to the publication of its reply." in html
    services.report_publish(report=report, actor=secretariat)
    assert ReplyPublication.objects.get(response=ngo).outcome == "no_consent"


def test_a_consenting_ngo_reply_is_published(ngo_ready, login_as, secretariat):
    report, ngo = ngo_ready
    done = submit_reply(login_as("ngo-kg"), ngo, consent=True)
    assert "You agreed that your reply is published with the report." in done.content.decode()
    ngo.refresh_from_db()
    assert ngo.publication_consent
    html = login_as("secretariat").get(publish_url(report)).content.decode()
    assert "The NGO consented to publication." in html
    services.report_publish(report=report, actor=secretariat)
    row = ReplyPublication.objects.get(response=ngo)
    assert row.outcome == "published" and row.content
    # Once published, consent can no longer be withdrawn.
    refused = withdraw_after_publication(login_as("ngo-kg"), ngo)
    assert "consent can no longer be withdrawn" in refused
    ngo.refresh_from_db()
    assert ngo.publication_consent


def withdraw_after_publication(client, ngo) -> str:
    url = reverse("portal:consent_withdraw", args=[ngo.pk])
    page = client.get(url)
    assert forms_in(page, "form.consent-form") == []  # no button any more
    # A tab opened before the publication still posts, and is refused.
    return client.post(url, {}, follow=True).content.decode()


def test_consent_withdrawn_before_publication_leaves_the_reply_out(
    ngo_ready, login_as, secretariat
):
    report, ngo = ngo_ready
    client = login_as("ngo-kg")
    submit_reply(client, ngo, consent=True)
    done = withdraw(client, ngo)
    assert "Your consent is withdrawn" in done.content.decode()
    again = client.post(reverse("portal:consent_withdraw", args=[ngo.pk]), follow=True)
    assert again.status_code == 200  # a second click changes nothing
    ngo.refresh_from_db()
    assert not ngo.publication_consent and ngo.consent_withdrawn_at
    html = login_as("secretariat").get(publish_url(report)).content.decode()
    assert "The NGO withdrew its consent to publication on" in html
    services.report_publish(report=report, actor=secretariat)
    row = ReplyPublication.objects.get(response=ngo)
    assert row.outcome == "no_consent" and row.content is None
    after = login_as("secretariat").get(publish_url(report)).content.decode()
    assert "Left out: no consent" in after
    assert "The NGO withdrew its consent to publication on" in after


def test_only_files_marked_public_are_published(ngo_ready, login_as, secretariat, user_named):
    report, _ngo = ngo_ready
    government = Response.objects.get(
        evaluation=report.evaluation, organisation__is_national_government=True
    )
    questionnaire_services.response_reopen(
        response=government, actor=secretariat, reason="Attach the standard."
    )
    question = government.questionnaire.sections.get(number="4").questions.get(code="4.5")
    client = login_as("kg-contact")
    section_page = client.get(reverse("portal:section", args=[government.pk, question.section_id]))
    for name, public in (("public-standard.pdf", True), ("internal-memo.pdf", False)):
        form = form_in(section_page, f"#upload-{question.pk}")
        payload = form.data({"is_public": "on"} if public else None)
        payload["file"] = SimpleUploadedFile(name, PDF)
        client.post(form.action, payload)
    assert dict(
        AnswerFile.objects.filter(answer__response=government).values_list(
            "original_name", "is_public"
        )
    ) == {"public-standard.pdf": True, "internal-memo.pdf": False}
    questionnaire_services.response_submit(
        response=government, actor=user_named("kg-contact"), notify=False
    )
    services.report_publish(report=report, actor=secretariat)
    content = ReplyPublication.objects.get(response=government).content
    assert "public-standard.pdf" in str(content)
    assert "internal-memo.pdf" not in str(content)
