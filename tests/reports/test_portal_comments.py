"""The government reads its draft in the portal, comments, edits, deletes and submits."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from evaluation_rounds.models import Deadline
from evaluation_rounds.procedure import DeadlineKind
from monitoring import display
from reports import services
from reports.models import GovernmentComment
from tests.rendered_forms import form_in, submit

from .conftest import build_report

MAIN_FORM = "main form[method=post]"


def _url(name, *args):
    return reverse(f"portal:{name}", args=args)


def _comment_form(paragraph=None, recommendation=None) -> str:
    """The report page's comment form on a paragraph, a recommendation or the whole report."""
    if paragraph is not None:
        return f"form:has(input[name=paragraph][value='{paragraph.pk}'])"
    if recommendation is not None:
        return f"form:has(input[name=recommendation][value='{recommendation.pk}'])"
    return (
        "details.comment-form form:not(:has(input[name=paragraph]))"
        ":not(:has(input[name=recommendation]))"
    )


def test_the_draft_shows_numbered_paragraphs_recommendations_and_the_deadline(kg_report, login_as):
    response = login_as("kg-official").get(_url("report", kg_report.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chapter 1, text 1" in html and 'id="para-4"' in html
    assert "Recommendation 1 on Kyrgyzstan" in html
    # The strength is named beside the number; the sentence itself opens with its lead-in.
    first = BeautifulSoup(html, "html.parser").select_one("#rec-1")
    assert "Strength: urges" in first.h3.get_text(" ", strip=True)
    assert "expert group urges" not in first.h3.get_text().lower()
    deadline = Deadline.objects.get(
        evaluation=kg_report.evaluation, kind=DeadlineKind.GOVERNMENT_COMMENTS
    )
    assert display.day(deadline.due_on) in html
    assert "days left" in html
    assert "Confidential draft." in html


def test_the_adopted_final_report_is_no_longer_called_a_draft(
    kg_report, to_final_comments, login_as
):
    to_final_comments(kg_report.evaluation)
    html = login_as("kg-contact").get(_url("report", kg_report.pk)).content.decode()
    assert "Final report, not yet published." in html
    assert "Confidential draft." not in html


def test_footnotes_are_numbered_through_the_report(kg_report, secretariat, login_as):
    chapter = kg_report.chapters.first()
    for text in ("one", "two"):
        services.paragraph_insert(
            chapter=chapter,
            text_en=f'<p>Body {text}<span class="footnote">Note {text}</span></p>',
            actor=secretariat,
        )
    html = login_as("kg-contact").get(_url("report", kg_report.pk)).content.decode()
    assert '<sup class="footnote-ref">1</sup>' in html
    assert '<sup class="footnote-ref">2</sup>' in html
    assert '<li value="2">Note two</li>' in html


def test_comment_on_a_paragraph_a_recommendation_and_the_whole_report(kg_report, login_as):
    client = login_as("kg-official")
    paragraph = kg_report.chapters.first().paragraphs.order_by("number").first()
    recommendation = kg_report.recommendations.first()
    for text, selector in (
        ("On the paragraph", _comment_form(paragraph=paragraph)),
        ("On the recommendation", _comment_form(recommendation=recommendation)),
        ("On the whole report", _comment_form()),
    ):
        page = client.get(_url("report", kg_report.pk))
        response = submit(client, page, selector, {"text": text})
        assert response.status_code == 302
    comments = {c.text: c for c in kg_report.comments.all()}
    assert comments["On the paragraph"].paragraph == paragraph
    assert comments["On the recommendation"].recommendation == recommendation
    assert comments["On the whole report"].paragraph is None
    assert comments["On the whole report"].recommendation is None
    html = client.get(_url("report", kg_report.pk)).content.decode()
    assert "On the paragraph" in html and "In progress" in html


def test_an_empty_comment_is_refused_and_a_foreign_paragraph_too(kg_report, kz_report, login_as):
    client = login_as("kg-official")
    page = client.get(_url("report", kg_report.pk))
    response = submit(client, page, _comment_form(), {"text": "  "})
    assert response.status_code == 400
    assert "Write the comment." in response.content.decode()
    # A paragraph's form whose hidden paragraph was changed to another report's.
    own = kg_report.chapters.first().paragraphs.order_by("number").first()
    foreign = kz_report.chapters.first().paragraphs.first()
    response = submit(
        client,
        page,
        _comment_form(paragraph=own),
        {"text": "Kept text", "paragraph": str(foreign.pk)},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "This paragraph is not in the report." in html
    assert "Kept text" in html  # nothing typed is lost
    assert not kg_report.comments.exists()


def test_edit_and_delete_with_confirmation(kg_report, login_as, user_named):
    comment = services.comment_add(report=kg_report, text="First", actor=user_named("kg-official"))
    client = login_as("kg-contact")
    edit = client.get(_url("report_comment_edit", kg_report.pk, comment.pk))
    assert "First" in edit.content.decode()
    assert submit(client, edit, MAIN_FORM, {"text": "Second"}).status_code == 302
    comment.refresh_from_db()
    assert comment.text == "Second"

    delete = _url("report_comment_delete", kg_report.pk, comment.pk)
    confirm = client.get(delete)
    assert confirm.status_code == 200 and "Delete the comment?" in confirm.content.decode()
    assert kg_report.comments.filter(pk=comment.pk).exists()  # a GET deletes nothing
    assert submit(client, confirm, MAIN_FORM).status_code == 302
    assert not kg_report.comments.filter(pk=comment.pk).exists()


def test_submit_confirm_lock_and_a_second_submit_changes_nothing(kg_report, login_as, user_named):
    services.comment_add(report=kg_report, text="Alpha", actor=user_named("kg-official"))
    services.comment_add(report=kg_report, text="Beta", actor=user_named("kg-contact"))
    client = login_as("kg-contact")
    page = client.get(_url("report", kg_report.pk)).content.decode()
    assert "Submit the government's comments" in page
    alpha = kg_report.comments.get(text="Alpha")
    # Pages left open in other tabs, submitted once the comments are locked.
    stale_edit = form_in(client.get(_url("report_comment_edit", kg_report.pk, alpha.pk)), MAIN_FORM)
    stale_delete = form_in(
        client.get(_url("report_comment_delete", kg_report.pk, alpha.pk)), MAIN_FORM
    )
    confirm_page = client.get(_url("report_comments_submit", kg_report.pk))
    confirm = confirm_page.content.decode()
    assert "You are about to submit 2 comments" in confirm
    assert "Alpha" in confirm and "Beta" in confirm

    confirm_form = form_in(confirm_page, MAIN_FORM)
    response = client.post(confirm_form.action, confirm_form.data(), follow=True)
    assert "2 comments submitted" in response.content.decode()
    submitted = list(kg_report.comments.all())
    assert {c.status for c in submitted} == {GovernmentComment.Status.SUBMITTED}
    stamp = {c.pk: c.submitted_at for c in submitted}

    # The same confirmation sent twice (a double click, a reload).
    again = client.post(confirm_form.action, confirm_form.data(), follow=True)
    assert "already submitted" in again.content.decode()
    assert {c.pk: c.submitted_at for c in kg_report.comments.all()} == stamp

    html = client.get(_url("report", kg_report.pk)).content.decode()
    assert "submitted on" in html
    assert "/edit/" not in html and "/delete/" not in html  # locked: read only
    assert "Save the comment" not in html  # no more comment forms
    response = client.post(stale_edit.action, stale_edit.data({"text": "Changed"}))
    assert response.status_code == 400
    alpha.refresh_from_db()
    assert alpha.text == "Alpha"
    client.post(stale_delete.action, stale_delete.data())
    assert kg_report.comments.count() == 2


def test_an_official_cannot_submit(kg_report, login_as, user_named):
    services.comment_add(report=kg_report, text="Alpha", actor=user_named("kg-official"))
    client = login_as("kg-official")
    assert "Submit the government" not in client.get(_url("report", kg_report.pk)).content.decode()
    confirm = client.get(_url("report_comments_submit", kg_report.pk)).content.decode()
    assert "Only the contact person submits" in confirm and "Confirm and submit" not in confirm
    response = client.post(_url("report_comments_submit", kg_report.pk), follow=True)
    assert "Only the contact person submits" in response.content.decode()
    assert kg_report.comments.get().status == GovernmentComment.Status.IN_PROGRESS


def test_after_the_deadline_nothing_can_be_added(kg_report, login_as, user_named):
    comment = services.comment_add(report=kg_report, text="Late", actor=user_named("kg-official"))
    client = login_as("kg-contact")
    # The page as it was open before the deadline passed, its forms submitted after.
    before = client.get(_url("report", kg_report.pk))
    Deadline.objects.filter(
        evaluation=kg_report.evaluation, kind=DeadlineKind.GOVERNMENT_COMMENTS
    ).update(due_on=timezone.localdate() - timedelta(days=1))
    html = client.get(_url("report", kg_report.pk)).content.decode()
    assert "The comment period has ended" in html
    assert "Save the comment" not in html
    response = submit(client, before, _comment_form(), {"text": "Too late"})
    assert response.status_code == 400
    assert "The comment period has ended" in response.content.decode()
    response = client.post(_url("report_comments_submit", kg_report.pk), follow=True)
    assert "The comment period has ended" in response.content.decode()
    assert list(kg_report.comments.values_list("text", "status")) == [
        ("Late", GovernmentComment.Status.IN_PROGRESS)
    ]
    assert comment.pk


def test_rapporteurs_responses_are_shown_to_the_government(kg_report, login_as, user_named):
    comment = services.comment_add(report=kg_report, text="Alpha", actor=user_named("kg-contact"))
    services.comments_submit(report=kg_report, actor=user_named("kg-contact"))
    comment.refresh_from_db()
    services.comment_respond(
        comment=comment,
        response=GovernmentComment.Response.PARTLY,
        reply="The 2024 figures were added; the rest is unchanged.",
        actor=user_named("secretariat"),
    )
    html = login_as("kg-official").get(_url("report", kg_report.pk)).content.decode()
    assert "Partly taken into account" in html
    assert "The 2024 figures were added" in html


def test_the_final_comments_period_uses_the_same_page(kg_report, login_as, to_final_comments):
    to_final_comments(kg_report.evaluation)
    client = login_as("kg-contact")
    page = client.get(_url("report", kg_report.pk))
    submit(client, page, _comment_form(), {"text": "Our final comments"})
    comment = kg_report.comments.get()
    assert comment.kind == GovernmentComment.Kind.FINAL
    submit(client, client.get(_url("report_comments_submit", kg_report.pk)), MAIN_FORM)
    comment.refresh_from_db()
    assert comment.status == GovernmentComment.Status.SUBMITTED
    assert "Final comments" in client.get(_url("report", kg_report.pk)).content.decode()


@pytest.mark.parametrize("username", ["kg-contact", "kg-official"])
def test_dashboard_announces_the_draft_with_days_left(kg_report, login_as, username):
    html = login_as(username).get(reverse("portal:dashboard")).content.decode()
    assert "Draft report awaiting your comments" in html
    assert _url("report", kg_report.pk) in html
    assert "days left" in html


def test_dashboard_says_when_comments_are_submitted(kg_report, login_as, user_named):
    services.comment_add(report=kg_report, text="Alpha", actor=user_named("kg-contact"))
    services.comments_submit(report=kg_report, actor=user_named("kg-contact"))
    html = login_as("kg-contact").get(reverse("portal:dashboard")).content.decode()
    assert "comments submitted" in html


def _dashboard_sections(client) -> tuple[str, str]:
    """(the open work, the history) of the portal's dashboard, as HTML."""
    html = client.get(reverse("portal:dashboard")).content.decode()
    waiting = html.split('id="waiting-heading"')[1].split("</section>")[0]
    done = (
        html.split('id="done-heading"')[1].split("</section>")[0] if "done-heading" in html else ""
    )
    return waiting, done


def test_a_published_report_whose_follow_up_is_assessed_sits_in_the_history(kz_report, login_as):
    waiting, done = _dashboard_sections(login_as("kz-contact"))
    assert _url("report_follow_up", kz_report.pk) in done
    assert _url("report_follow_up", kz_report.pk) not in waiting
    assert "Draft report awaiting your comments" not in waiting + done


def test_a_requested_follow_up_waits_with_its_deadline_after_publication(
    kg_report, login_as, user_named, to_final_comments
):
    from evaluation_rounds.procedure import State
    from evaluation_rounds.services import evaluation_transition

    secretariat = user_named("secretariat")
    to_final_comments(kg_report.evaluation)
    client = login_as("kg-contact")
    waiting, _done = _dashboard_sections(client)
    assert "Final report: your final comments" in waiting
    assert "Draft report awaiting your comments" not in waiting

    services.report_publish(report=kg_report, actor=secretariat)
    evaluation_transition(
        evaluation=kg_report.evaluation,
        to_state=State.FOLLOW_UP_REQUESTED,
        actor=secretariat,
        notify=False,
    )
    deadline = Deadline.objects.get(
        evaluation=kg_report.evaluation, kind=DeadlineKind.FOLLOW_UP_REPORT
    )
    waiting, _done = _dashboard_sections(client)
    assert "Recommendations to report on" in waiting
    assert _url("report_follow_up", kg_report.pk) in waiting
    assert f"due {display.day(deadline.due_on)}" in waiting
    assert "Final report: your final comments" not in waiting  # closed with the publication

    # Once the government submits its follow-up report, the request is finished work.
    from recommendations.services import follow_up_submit, progress_update_report

    progress_update_report(
        recommendation=kg_report.recommendations.first(),
        text="A decree of 2026.",
        actor=user_named("kg-contact"),
    )
    follow_up_submit(report=kg_report, actor=user_named("kg-contact"))
    waiting, done = _dashboard_sections(client)
    assert "Recommendations to report on" not in waiting
    assert "follow-up report submitted" in done


def _report_page_queries(client, report, django_assert_max_num_queries):
    with django_assert_max_num_queries(40) as captured:
        assert client.get(_url("report", report.pk)).status_code == 200
    return len(captured.captured_queries)


def test_report_page_query_count_is_fixed(
    kg_evaluation, secretariat, login_as, user_named, django_assert_max_num_queries
):
    small = build_report(kg_evaluation, secretariat, paragraphs_per_chapter=(2,), recommendations=1)
    client = login_as("kg-contact")
    services.comment_add(report=small, text="One", actor=user_named("kg-contact"))
    baseline = _report_page_queries(client, small, django_assert_max_num_queries)

    big = build_report(
        kg_evaluation, secretariat, paragraphs_per_chapter=(12, 12, 6), recommendations=8
    )
    paragraphs = list(big.chapters.first().paragraphs.all()[:5])
    for paragraph in paragraphs:
        services.comment_add(
            report=big, paragraph=paragraph, text="x", actor=user_named("kg-official")
        )
    for recommendation in big.recommendations.all()[:5]:
        services.comment_add(
            report=big, recommendation=recommendation, text="y", actor=user_named("kg-contact")
        )
    assert _report_page_queries(client, big, django_assert_max_num_queries) == baseline


def test_the_published_report_is_read_only_for_its_government(kz_report, login_as):
    response = login_as("kz-contact").get(_url("report", kz_report.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The report is not open for the government&#x27;s comments." in html or (
        "The report is not open for the government's comments." in html
    )
    assert "Save the comment" not in html and "Confidential draft." not in html
    response = login_as("kz-official").post(
        _url("report_comment_add", kz_report.pk), {"text": "Too late"}
    )
    assert response.status_code == 400
    assert not kz_report.comments.filter(text="Too late").exists()
