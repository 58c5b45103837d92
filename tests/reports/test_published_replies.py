"""GRETA's practice: the replies to the questionnaire are published with the report. The
government's by default (the secretariat may hold it back, with a reason), an NGO's with its
consent; in one transaction with the report, frozen, confidential answers withheld."""

import pytest
from django.urls import reverse

from demo.seed.questionnaires import answer_all
from questionnaires import services as questionnaire_services
from questionnaires.models import Question, Response
from reports import replies, services
from reports.models import ReplyPublication
from tests.rendered_forms import form_in, submit

FORM = "form.procedure-form"
SECRET = "The shelter's address is kept secret"


def submitted_government_reply(evaluation, user_named):
    response = Response.objects.get(
        evaluation=evaluation, organisation__is_national_government=True
    )
    contact = user_named(f"{evaluation.country.iso_code.lower()}-contact")
    answer_all(response, contact, evaluation.country.iso_code, seed=7)
    return questionnaire_services.response_submit(response=response, actor=contact, notify=False)


def submitted_ngo_reply(evaluation, user_named, *, consent: bool):
    response = Response.objects.get(evaluation=evaluation, organisation__kind="ngo")
    ngo_user = user_named(f"ngo-{evaluation.country.iso_code.lower()}")
    answer_all(response, ngo_user, evaluation.country.iso_code, seed=8)
    confidential = response.answers.get(is_confidential=True)  # the demo marks question 2.2
    questionnaire_services.answer_save(
        response=response,
        question=confidential.question,
        data={f"q{confidential.question.pk}": SECRET},
        actor=ngo_user,
        expected_version=confidential.version,
    )
    return questionnaire_services.response_submit(
        response=response, actor=ngo_user, notify=False, publication_consent=consent
    )


def publish_with_replies(report, secretariat, user_named, to_final_comments, **publish):
    """Submit the evaluation's government reply and its NGO's (consenting, one answer
    confidential), move on to the final comments and publish: (report, government, ngo)."""
    evaluation = report.evaluation
    government = submitted_government_reply(evaluation, user_named)
    ngo = submitted_ngo_reply(evaluation, user_named, consent=publish.pop("consent", True))
    to_final_comments(evaluation)
    report.refresh_from_db()
    report = services.report_publish(report=report, actor=secretariat, **publish)
    return report, government, ngo


@pytest.fixture
def ready(kg_report, to_final_comments, user_named):
    """Kyrgyzstan's report in the final comments period; the government's reply submitted."""
    government = submitted_government_reply(kg_report.evaluation, user_named)
    to_final_comments(kg_report.evaluation)
    kg_report.refresh_from_db()
    return kg_report, government


def publish_url(report):
    return reverse("reports:publish", args=[report.pk])


def test_the_government_reply_is_published_with_the_report(ready, secretariat):
    report, government = ready
    report = services.report_publish(report=report, actor=secretariat)
    row = ReplyPublication.objects.get(report=report, response=government)
    assert row.outcome == ReplyPublication.Outcome.PUBLISHED
    assert row.decided_by == secretariat and row.decided_at == report.published_at
    assert row.is_government and row.content["sections"]
    government.refresh_from_db()
    assert government.reply_published_at == report.published_at


def test_a_failure_while_freezing_the_reply_publishes_neither(ready, secretariat, monkeypatch):
    report, government = ready

    def broken(response):
        raise RuntimeError("disk full while freezing the reply")

    monkeypatch.setattr(replies, "reply_snapshot", broken)
    with pytest.raises(RuntimeError):
        services.report_publish(report=report, actor=secretariat)
    report.refresh_from_db()
    government.refresh_from_db()
    assert not report.is_published and report.publication_id is None
    assert not ReplyPublication.objects.filter(report=report).exists()
    assert government.reply_published_at is None


def test_the_published_reply_is_frozen(ready, secretariat, user_named):
    report, government = ready
    services.report_publish(report=report, actor=secretariat)
    question = Question.objects.filter(
        section__questionnaire=government.questionnaire, question_type="long_text"
    ).first()
    before = replies.reply_reading(ReplyPublication.objects.get(response=government).content)
    shown = next(i for s in before for i in s.items if i.question.code == question.code)
    # The secretariat reopens the reply and the government changes the answer afterwards.
    questionnaire_services.response_reopen(
        response=government, actor=secretariat, reason="A correction of the figures."
    )
    answer = government.answers.get(question=question)
    questionnaire_services.answer_save(
        response=government,
        question=question,
        data={f"q{question.pk}": "A text written after publication."},
        actor=user_named("kg-contact"),
        expected_version=answer.version,
    )
    row = ReplyPublication.objects.get(response=government)
    after = replies.reply_reading(row.content)
    again = next(i for s in after for i in s.items if i.question.code == question.code)
    assert again.text == shown.text != "A text written after publication."


def test_holding_the_government_reply_back_needs_a_reason(ready, login_as):
    report, _government = ready
    client = login_as("secretariat")
    page = client.get(publish_url(report))
    assert "Will be published" in page.content.decode()
    refused = submit(client, page, FORM, {"hold_back_government_reply": "on"})
    assert refused.status_code == 400
    assert "Say why the government&#x27;s reply is held back." in refused.content.decode()
    report.refresh_from_db()
    assert not report.is_published  # nothing published
    assert not ReplyPublication.objects.filter(report=report).exists()


def test_holding_the_government_reply_back_with_a_reason(ready, login_as, secretariat):
    report, government = ready
    client = login_as("secretariat")
    done = submit(
        client,
        client.get(publish_url(report)),
        FORM,
        {"hold_back_government_reply": "on", "hold_back_reason": "Awaiting the ministry's text."},
        follow=True,
    )
    assert done.status_code == 200
    report.refresh_from_db()
    assert report.is_published
    row = ReplyPublication.objects.get(report=report, response=government)
    assert row.outcome == ReplyPublication.Outcome.HELD_BACK
    assert row.reason == "Awaiting the ministry's text." and row.decided_by == secretariat
    assert row.content is None
    html = done.content.decode()
    assert "Held back" in html and "Awaiting the ministry&#x27;s text." in html
    government.refresh_from_db()
    assert government.reply_published_at is None


def test_a_confidential_answer_is_never_published(ready, secretariat, user_named):
    report, _government = ready
    ngo = submitted_ngo_reply(report.evaluation, user_named, consent=True)
    confidential = ngo.answers.get(is_confidential=True)  # the demo marks question 2.2
    assert SECRET in str(confidential.value)
    services.report_publish(report=report, actor=secretariat)
    row = ReplyPublication.objects.get(response=ngo)
    assert row.outcome == ReplyPublication.Outcome.PUBLISHED
    items = [i for s in row.content["sections"] for i in s["questions"]]
    withheld = next(i for i in items if i["code"] == confidential.question.code)
    assert withheld["confidential"] and withheld["value"] is None
    assert SECRET not in str(row.content)


def test_a_non_consenting_ngo_reply_is_left_out(ready, secretariat, user_named):
    report, _government = ready
    ngo = submitted_ngo_reply(report.evaluation, user_named, consent=False)
    services.report_publish(report=report, actor=secretariat)
    row = ReplyPublication.objects.get(response=ngo)
    assert row.outcome == ReplyPublication.Outcome.NO_CONSENT and row.content is None
    ngo.refresh_from_db()
    assert ngo.reply_published_at is None


def test_a_correction_leaves_the_published_replies_as_they_were(ready, secretariat):
    report, government = ready
    report = services.report_publish(report=report, actor=secretariat)
    first = ReplyPublication.objects.get(response=government)
    services.report_correction_open(report=report, note="A typo.", actor=secretariat)
    services.report_publish(report=report, actor=secretariat, correction_note="A typo fixed.")
    assert list(ReplyPublication.objects.filter(report=report)) == [first]
    assert ReplyPublication.objects.get(pk=first.pk).content == first.content


def test_the_publication_form_renders_the_hold_back_only_for_a_government_reply(
    kg_report, to_final_comments, login_as
):
    to_final_comments(kg_report.evaluation)
    form = form_in(login_as("secretariat").get(publish_url(kg_report)), FORM)
    assert "hold_back_government_reply" not in form.fields


def test_the_publication_screen_counts_its_queries_whatever_the_replies(
    ready, login_as, user_named, secretariat, django_assert_max_num_queries
):
    report, _government = ready
    submitted_ngo_reply(report.evaluation, user_named, consent=True)
    client = login_as("secretariat")
    client.get(publish_url(report))
    with django_assert_max_num_queries(22):  # measured with both replies
        html = client.get(publish_url(report)).content.decode()
    assert html.count("Will be published") == 2
    services.report_publish(report=report, actor=secretariat)
    with django_assert_max_num_queries(22):
        html = client.get(publish_url(report)).content.decode()
    assert html.count(">Published<") == 2
