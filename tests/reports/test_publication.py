"""Publication is all or nothing, and freezes what the public reads."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from evaluation_rounds.procedure import State
from reports import services
from reports.models import Paragraph, Report


def test_the_draft_cannot_be_published_before_the_final_comments(kg_report, secretariat):
    with pytest.raises(ValidationError):
        services.report_publish(report=kg_report, actor=secretariat)
    kg_report.refresh_from_db()
    assert not kg_report.is_published
    assert kg_report.stage == Report.Stage.SENT_FOR_COMMENTS


def test_only_the_secretariat_publishes(kg_report, user_named, to_final_comments):
    to_final_comments(kg_report.evaluation)
    with pytest.raises(PermissionDenied):
        services.report_publish(report=kg_report, actor=user_named("expert-uz"))


def test_publishing_moves_the_evaluation_and_freezes_the_content(
    kg_report, secretariat, user_named, to_final_comments
):
    evaluation = to_final_comments(kg_report.evaluation)
    assert kg_report.stage == Report.Stage.FINAL_COMMENTS
    services.comment_add(report=kg_report, text="Final words.", actor=user_named("kg-contact"))
    services.comments_submit(report=kg_report, actor=user_named("kg-contact"))

    services.report_publish(report=kg_report, actor=secretariat)

    evaluation.refresh_from_db()
    assert evaluation.state == State.PUBLISHED
    assert evaluation.transitions.last().to_state == State.PUBLISHED
    assert kg_report.is_published and kg_report.version == 1
    assert kg_report.stage == Report.Stage.PUBLISHED
    content = kg_report.published_content
    assert [p["number"] for c in content["chapters"] for p in c["paragraphs"]] == [1, 2, 3, 4]
    assert [r["number"] for r in content["recommendations"]] == [1, 2]
    assert [c["text"] for c in content["final_comments"]] == ["Final words."]
    with pytest.raises(ValidationError):
        services.report_publish(report=kg_report, actor=secretariat)


def test_a_failure_mid_way_publishes_nothing(
    kg_report, secretariat, to_final_comments, monkeypatch
):
    evaluation = to_final_comments(kg_report.evaluation)

    def broken_snapshot(report):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_snapshot", broken_snapshot)
    with pytest.raises(RuntimeError):
        services.report_publish(report=kg_report, actor=secretariat)

    evaluation.refresh_from_db()
    kg_report.refresh_from_db()
    assert evaluation.state == State.FINAL_COMMENTS  # the transition was rolled back too
    assert not evaluation.transitions.filter(to_state=State.PUBLISHED).exists()
    assert not kg_report.is_published
    assert kg_report.version == 0 and kg_report.published_content is None


def test_a_correction_is_a_new_version_with_a_note(kz_report, secretariat):
    first_published_at = kz_report.published_at
    services.report_correction_open(report=kz_report, note="Typo", actor=secretariat)
    paragraph = Paragraph.objects.get(chapter__report=kz_report, number=1)
    services.paragraph_update(
        paragraph=paragraph, text_en="<p>Corrected</p>", text_ru="", actor=secretariat
    )
    assert kz_report.published_content["chapters"][0]["paragraphs"][0]["text_en"] != (
        "<p>Corrected</p>"
    )  # the public still reads version 1
    with pytest.raises(ValidationError):
        services.report_publish(report=kz_report, actor=secretariat)  # no note
    services.report_publish(
        report=kz_report, actor=secretariat, correction_note="Paragraph 1 corrected."
    )
    assert kz_report.version == 2
    assert kz_report.publication.correction_note == "Paragraph 1 corrected."
    assert kz_report.correction_note == ""  # the note belongs to version 2 now
    assert list(kz_report.publications.values_list("version", "correction_note")) == [
        (2, "Paragraph 1 corrected."),
        (1, ""),
    ]
    assert kz_report.published_at == first_published_at
    assert kz_report.published_content["chapters"][0]["paragraphs"][0]["text_en"] == (
        "<p>Corrected</p>"
    )


def test_stage_follows_the_procedure(kg_report):
    expected = {
        "draft_in_preparation": Report.Stage.DRAFTING,
        "draft_approved": Report.Stage.APPROVED,
        "draft_with_government": Report.Stage.SENT_FOR_COMMENTS,
        "final_adopted": Report.Stage.FINAL_ADOPTED,
        "final_comments": Report.Stage.FINAL_COMMENTS,
        "published": Report.Stage.FINAL_COMMENTS,  # until the report itself is published
    }
    for state, stage in expected.items():
        kg_report.evaluation.state = state
        assert kg_report.stage == stage, state


def test_one_evaluation_report_per_evaluation(kg_report, secretariat):
    with pytest.raises(ValidationError):
        services.report_create(
            evaluation=kg_report.evaluation, title_en="Second", actor=secretariat
        )
    follow_up = services.report_create(
        evaluation=kg_report.evaluation, title_en="Follow-up", kind="follow_up", actor=secretariat
    )
    assert follow_up.pk


def test_an_urgent_report_needs_an_urgent_procedure(kg_report, secretariat):
    with pytest.raises(ValidationError):
        services.report_create(
            evaluation=kg_report.evaluation, title_en="Urgent", kind="urgent", actor=secretariat
        )
