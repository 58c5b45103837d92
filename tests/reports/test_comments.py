"""The government's comments: who may write and submit them, when, and the rapporteurs' replies."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from evaluation_rounds.models import Deadline
from reports import services
from reports.models import GovernmentComment


def test_officials_comment_and_the_contact_person_submits(kg_report, user_named):
    paragraph = kg_report.chapters.first().paragraphs.first()
    recommendation = kg_report.recommendations.first()
    by_official = services.comment_add(
        report=kg_report,
        paragraph=paragraph,
        text="The figures for 2024 are now available.",
        actor=user_named("kg-official"),
    )
    by_contact = services.comment_add(
        report=kg_report,
        recommendation=recommendation,
        text="A draft law is before parliament.",
        actor=user_named("kg-contact"),
    )
    assert by_official.kind == GovernmentComment.Kind.DRAFT
    assert by_official.status == GovernmentComment.Status.IN_PROGRESS

    services.comment_update(
        comment=by_official, text="Figures for 2024 attached.", actor=user_named("kg-official")
    )
    by_official.refresh_from_db()
    assert by_official.text == "Figures for 2024 attached."

    with pytest.raises(PermissionDenied):
        services.comments_submit(report=kg_report, actor=user_named("kg-official"))
    assert services.comments_submit(report=kg_report, actor=user_named("kg-contact")) == 2
    by_contact.refresh_from_db()
    assert by_contact.status == GovernmentComment.Status.SUBMITTED
    assert by_contact.submitted_by == user_named("kg-contact")
    assert by_contact.submitted_at is not None


def test_nothing_is_added_or_changed_after_submission(kg_report, user_named):
    comment = services.comment_add(report=kg_report, text="First", actor=user_named("kg-contact"))
    services.comments_submit(report=kg_report, actor=user_named("kg-contact"))
    with pytest.raises(ValidationError):
        services.comment_add(report=kg_report, text="Second", actor=user_named("kg-official"))
    with pytest.raises(ValidationError):
        services.comment_update(comment=comment, text="Changed", actor=user_named("kg-contact"))
    with pytest.raises(ValidationError):
        services.comments_submit(report=kg_report, actor=user_named("kg-contact"))
    assert kg_report.comments.count() == 1


def test_submitting_nothing_is_refused(kg_report, user_named):
    with pytest.raises(ValidationError):
        services.comments_submit(report=kg_report, actor=user_named("kg-contact"))


def test_no_comments_after_the_deadline(kg_report, user_named):
    Deadline.objects.filter(evaluation=kg_report.evaluation, kind="government_comments").update(
        due_on=timezone.localdate() - timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="ended"):
        services.comment_add(report=kg_report, text="Late", actor=user_named("kg-contact"))
    assert not kg_report.comments.exists()


def test_an_extended_deadline_reopens_the_period(kg_report, user_named):
    deadline = Deadline.objects.get(evaluation=kg_report.evaluation, kind="government_comments")
    deadline.due_on = timezone.localdate()
    deadline.save()
    services.comment_add(report=kg_report, text="On the last day", actor=user_named("kg-contact"))


@pytest.mark.parametrize("username", ["kz-contact", "kz-official", "ngo-kg", "ngo-kz"])
def test_other_countries_and_ngos_cannot_comment(kg_report, user_named, username):
    with pytest.raises(PermissionDenied):
        services.comment_add(report=kg_report, text="Not mine", actor=user_named(username))
    with pytest.raises(PermissionDenied):
        services.comments_submit(report=kg_report, actor=user_named(username))


def test_the_expert_group_does_not_comment_as_the_government(kg_report, user_named):
    for username in ("secretariat", "expert-uz"):
        with pytest.raises(PermissionDenied):
            services.comment_add(report=kg_report, text="x", actor=user_named(username))


def test_no_comments_before_the_draft_reaches_the_government(kg_report, user_named):
    kg_report.evaluation.state = "draft_approved"
    kg_report.evaluation.save(update_fields=["state"])
    with pytest.raises(PermissionDenied):
        services.comment_add(report=kg_report, text="Too early", actor=user_named("kg-contact"))


def test_no_comments_on_a_published_report(kz_report, user_named):
    with pytest.raises(ValidationError):
        services.comment_add(report=kz_report, text="Too late", actor=user_named("kz-contact"))


def test_an_empty_comment_is_refused(kg_report, user_named):
    with pytest.raises(ValidationError):
        services.comment_add(report=kg_report, text="   ", actor=user_named("kg-contact"))


def test_a_paragraph_of_another_report_is_refused(kg_report, kz_report, user_named):
    foreign = kz_report.chapters.first().paragraphs.first()
    with pytest.raises(ValidationError):
        services.comment_add(
            report=kg_report, paragraph=foreign, text="x", actor=user_named("kg-contact")
        )


def test_rapporteurs_respond_to_submitted_draft_comments(kg_report, user_named):
    comment = services.comment_add(
        report=kg_report, text="Wrong date", actor=user_named("kg-contact")
    )
    rapporteur = user_named("expert-uz")
    with pytest.raises(ValidationError):  # not submitted yet
        services.comment_respond(comment=comment, response="partly", reply="x", actor=rapporteur)
    services.comments_submit(report=kg_report, actor=user_named("kg-contact"))
    comment.refresh_from_db()
    with pytest.raises(ValidationError):  # a partial response needs a reply
        services.comment_respond(comment=comment, response="partly", actor=rapporteur)
    with pytest.raises(PermissionDenied):  # not a rapporteur for Kyrgyzstan
        services.comment_respond(
            comment=comment, response="taken_into_account", actor=user_named("expert-kg")
        )
    services.comment_respond(
        comment=comment, response="partly", reply="Date corrected in para. 2.", actor=rapporteur
    )
    comment.refresh_from_db()
    assert comment.rapporteur_response == GovernmentComment.Response.PARTLY
    assert comment.responded_by == rapporteur


def test_final_comments_follow_the_final_adoption(kg_report, user_named, to_final_comments):
    to_final_comments(kg_report.evaluation)
    comment = services.comment_add(
        report=kg_report, text="Our final comments.", actor=user_named("kg-contact")
    )
    assert comment.kind == GovernmentComment.Kind.FINAL
    services.comments_submit(report=kg_report, actor=user_named("kg-contact"))
    comment.refresh_from_db()
    assert comment.status == GovernmentComment.Status.SUBMITTED
    with pytest.raises(ValidationError):  # final comments are published as they are
        services.comment_respond(
            comment=comment, response="taken_into_account", actor=user_named("secretariat")
        )


def test_a_final_comment_on_a_recommendation_is_published_naming_it(
    client, login_as, kg_report, user_named, to_final_comments
):
    """The government's final comment on recommendation 1 reaches the public page and the PDF
    saying which recommendation it is about, and links to it."""
    import io

    from pypdf import PdfReader

    from tests.cms.helpers import report_path

    to_final_comments(kg_report.evaluation)
    contact = user_named("kg-contact")
    recommendation = kg_report.recommendations.get(number=1)
    services.comment_add(
        report=kg_report,
        text="A new law on shelters was adopted in May.",
        recommendation=recommendation,
        actor=contact,
    )
    services.comments_submit(report=kg_report, actor=contact)
    services.report_publish(report=kg_report, actor=user_named("secretariat"))

    page = client.get(report_path(kg_report)).content.decode()
    about = page.split("A new law on shelters was adopted in May.")[0].rsplit("<blockquote", 1)[1]
    assert '<a href="#r-1">On recommendation 1</a>' in about
    pdf = client.get(f"/en/reports/{kg_report.pk}.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "On recommendation 1" in text.split("A new law on shelters")[0][-200:]


def test_the_editor_shows_a_paragraph_comment_under_its_paragraph_before_its_recommendation(
    login_as, kg_report, user_named
):
    contact = user_named("kg-contact")
    recommendation = kg_report.recommendations.get(number=1)
    paragraph = recommendation.paragraph
    services.comment_add(
        report=kg_report, text="Paragraph-only remark 7c1e.", paragraph=paragraph, actor=contact
    )
    services.comments_submit(report=kg_report, actor=contact)
    content = login_as("expert-kz-2").get(f"/admin/reports/{kg_report.pk}/").content.decode()
    article = content.split(f'id="paragraph-{paragraph.pk}"')[1].split("</article>")[0]
    assert "Paragraph-only remark 7c1e." in article
    assert f"On paragraph {paragraph.number}" in article
    assert article.index("Paragraph-only remark 7c1e.") < article.index(
        f"Recommendation {recommendation.number}"
    )
