"""Placeholders ("[…]", "to be completed") are counted chapter by chapter in the editor's
checklist; they block sending the draft to the government and publishing the report until they
are completed or the secretariat accepts them, with a reason, as intended text. So they never
reach the government's reading view or the public."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from evaluation_rounds.procedure import State
from evaluation_rounds.services import evaluation_transition
from reports import placeholder_review, services
from reports.models import Paragraph, PlaceholderAcceptance, Report
from reports.placeholders import find_placeholders
from tests.rendered_forms import forms_in, submit

from .conftest import build_report

TO_AGREE = "[to be agreed]"
INTENDED = "[emphasis added]"
LANGS = ("en", "ru")


def _paragraph(report, number) -> Paragraph:
    return Paragraph.objects.get(chapter__report=report, number=number)


def _write(report, number, text, actor):
    paragraph = _paragraph(report, number)
    services.paragraph_update(
        paragraph=paragraph, text_en=f"<p>{text}</p>", text_ru=paragraph.text_ru, actor=actor
    )
    return paragraph


@pytest.fixture
def approved(kg_evaluation, secretariat):
    """Kyrgyzstan's draft as it was once approved, before it went to the government: the demo
    evaluation is put back one step, its report built by the test."""
    kg_evaluation.transitions.filter(to_state=State.DRAFT_WITH_GOVERNMENT).delete()
    kg_evaluation.state = State.DRAFT_APPROVED
    kg_evaluation.save(update_fields=["state"])
    return build_report(kg_evaluation, secretariat)


def _send(evaluation, actor):
    return evaluation_transition(
        evaluation=evaluation,
        to_state=State.DRAFT_WITH_GOVERNMENT,
        actor=actor,
        occurred_on=timezone.localdate(),
        notify=False,
    )


def _accept_through_the_checklist(client, report, reason):
    """The checklist's form for the first placeholder still open, then its confirmation."""
    editor = client.get(reverse("reports:editor", args=[report.pk]))
    first = forms_in(editor, "form.placeholder-accept")[0]
    confirmation = client.post(first.action, first.data({"reason": reason}))
    assert confirmation.status_code == 200
    assert "Accept this placeholder?" in confirmation.content.decode()
    return submit(client, confirmation, "#placeholder-confirm", press="confirm")


def test_the_checklist_counts_placeholders_per_chapter_and_links_to_them(
    approved, secretariat, login_as
):
    paragraph = _write(approved, 1, f"Victims {TO_AGREE} are to be completed", secretariat)
    recommendation = approved.recommendations.order_by("number").first()
    recommendation.text_en = f"Adopt the law {INTENDED}."
    recommendation.save(update_fields=["text_en"])

    editor = login_as("secretariat").get(reverse("reports:editor", args=[approved.pk]))
    content = editor.content.decode()
    assert "3 placeholders block sending the report" in content
    assert f'href="#paragraph-{paragraph.pk}"' in content
    assert f'href="#recommendation-{recommendation.pk}"' in content
    chapter_one, chapter_two = approved.chapters.order_by("sort_order")
    assert "3 placeholders</a>" in content  # at the first chapter's heading
    assert len(forms_in(editor, "form.placeholder-accept")) == 3
    stages = {stage.chapter.pk: stage for stage in _panel(approved).chapters}
    assert (len(stages[chapter_one.pk].placeholders), len(stages[chapter_two.pk].placeholders)) == (
        3,
        0,
    )


def _panel(report):
    from reports.selectors.adoption import adoption_panel

    return adoption_panel(report, list(report.chapters.order_by("sort_order")))


def test_placeholders_block_sending_the_draft_until_accepted(
    approved, secretariat, login_as, user_named
):
    _write(approved, 2, f"Data on victims {TO_AGREE}.", secretariat)
    with pytest.raises(ValidationError, match=r"Paragraph 2 \(English\)"):
        _send(approved.evaluation, secretariat)
    approved.evaluation.refresh_from_db()
    assert approved.evaluation.state == State.DRAFT_APPROVED

    # The government does not read the draft meanwhile.
    contact = login_as("kg-contact")
    assert contact.get(reverse("portal:report", args=[approved.pk])).status_code == 404

    # The evaluation's page says where the placeholders are.
    client = login_as("secretariat")
    page = client.get(reverse("procedure:evaluation", args=[approved.evaluation.pk]))
    action = f"form[action='{reverse('procedure:transition', args=[approved.evaluation.pk])}']"
    answer = submit(client, page, action, {"to_state": State.DRAFT_WITH_GOVERNMENT})
    assert answer.status_code == 400
    assert f"Paragraph 2 (English): “{TO_AGREE}”" in answer.content.decode()

    answer = _accept_through_the_checklist(client, approved, "Wording agreed with the plenary.")
    assert answer.status_code == 302
    acceptance = PlaceholderAcceptance.objects.get(report=approved)
    assert (acceptance.text, acceptance.language, acceptance.paragraph) == (
        TO_AGREE,
        "en",
        _paragraph(approved, 2),
    )
    assert acceptance.accepted_by == user_named("secretariat")

    _send(approved.evaluation, secretariat)
    approved.evaluation.refresh_from_db()
    assert approved.evaluation.state == State.DRAFT_WITH_GOVERNMENT
    contact = login_as("kg-contact")
    assert contact.get(reverse("portal:report", args=[approved.pk])).status_code == 200


def test_editing_the_placeholder_away_resolves_it(approved, secretariat):
    _write(approved, 1, f"Victims {TO_AGREE}.", secretariat)
    with pytest.raises(ValidationError):
        _send(approved.evaluation, secretariat)
    _write(approved, 1, "Victims are identified by the police.", secretariat)
    _send(approved.evaluation, secretariat)
    assert approved.evaluation.state == State.DRAFT_WITH_GOVERNMENT


def test_placeholders_block_publication_and_never_reach_the_public(
    kg_report, secretariat, to_final_comments, login_as
):
    to_final_comments(kg_report.evaluation)
    _write(kg_report, 3, f"Quoted: “shall protect {INTENDED}” and {TO_AGREE}", secretariat)
    recommendation = kg_report.recommendations.order_by("number").last()
    recommendation.text_ru = "Рекомендация подлежит уточнению"
    recommendation.save(update_fields=["text_ru"])

    client = login_as("secretariat")
    page = client.get(reverse("reports:publish", args=[kg_report.pk]))
    answer = submit(client, page, "form.procedure-form")
    assert answer.status_code == 400  # shown, not a server error
    content = answer.content.decode()
    assert "The report cannot be published" in content
    assert f"Paragraph 3 (English): “{INTENDED}”" in content
    assert f"Paragraph 3 (English): “{TO_AGREE}”" in content
    assert f"Recommendation {recommendation.number} (Russian): “подлежит уточнению”" in content
    kg_report.refresh_from_db()
    assert not kg_report.is_published

    paragraph = _paragraph(kg_report, 3)
    placeholder_review.placeholder_accept(
        report=kg_report,
        paragraph=paragraph,
        language="en",
        text=INTENDED,
        reason="A quotation's own words.",
        actor=secretariat,
    )
    with pytest.raises(ValidationError, match="to be agreed"):
        services.report_publish(report=kg_report, actor=secretariat)
    _write(kg_report, 3, f"Quoted: “shall protect {INTENDED}”", secretariat)
    recommendation.text_ru = "Рекомендация"
    recommendation.save(update_fields=["text_ru"])

    services.report_publish(report=kg_report, actor=secretariat)

    accepted = set(
        PlaceholderAcceptance.objects.filter(report=kg_report).values_list("text", flat=True)
    )
    content = kg_report.published_content
    texts = [
        p[f"text_{lang}"]
        for c in content["chapters"]
        for p in c["paragraphs"]
        for lang in ("en", "ru")
    ]
    texts += [r[f"text_{lang}"] for r in content["recommendations"] for lang in ("en", "ru")]
    published = [found for text in texts for found in find_placeholders(text)]
    assert published == [INTENDED]  # only the one declared intended text
    assert set(published) <= accepted


def test_accepting_needs_a_reason_and_the_secretariat(approved, secretariat, user_named, login_as):
    paragraph = _write(approved, 1, f"Victims {TO_AGREE}.", secretariat)
    with pytest.raises(ValidationError, match="Say why"):
        placeholder_review.placeholder_accept(
            report=approved,
            paragraph=paragraph,
            language="en",
            text=TO_AGREE,
            reason="  ",
            actor=secretariat,
        )
    with pytest.raises(PermissionDenied):
        placeholder_review.placeholder_accept(
            report=approved,
            paragraph=paragraph,
            language="en",
            text=TO_AGREE,
            reason="Agreed.",
            actor=user_named("expert-kz-2"),  # a rapporteur of this report
        )
    with pytest.raises(ValidationError, match="no longer in the text"):
        placeholder_review.placeholder_accept(
            report=approved,
            paragraph=paragraph,
            language="en",
            text="[something else]",
            reason="Agreed.",
            actor=secretariat,
        )

    # Through the page: an empty reason is refused on the checklist's form and nothing is kept.
    client = login_as("secretariat")
    editor = client.get(reverse("reports:editor", args=[approved.pk]))
    checklist = forms_in(editor, "form.placeholder-accept")[0]
    answer = client.post(checklist.action, checklist.data({"reason": ""}))
    assert answer.status_code == 400
    assert "This field is required" in answer.content.decode()

    rapporteur = login_as("expert-kz-2")
    editor = rapporteur.get(reverse("reports:editor", args=[approved.pk]))
    assert not forms_in(editor, "form.placeholder-accept")  # no form for her
    answer = rapporteur.post(
        checklist.action, {**checklist.data({"reason": "Agreed."}), "confirm": "1"}
    )
    assert (answer.status_code, answer["Location"]) == (302, "/admin/")
    assert not PlaceholderAcceptance.objects.exists()


def test_a_follow_up_report_is_not_sent_with_placeholders(kz_report, secretariat):
    follow_up = build_report(kz_report.evaluation, secretariat, kind="follow_up", recommendations=0)
    services.report_stage_advance(
        report=follow_up, to_stage=Report.Stage.APPROVED, actor=secretariat
    )
    _write(follow_up, 1, f"Progress {TO_AGREE}.", secretariat)
    with pytest.raises(ValidationError, match=r"Paragraph 1 \(English\)"):
        services.report_stage_advance(
            report=follow_up, to_stage=Report.Stage.SENT_FOR_COMMENTS, actor=secretariat
        )
    follow_up.refresh_from_db()
    assert follow_up.own_stage == Report.Stage.APPROVED
