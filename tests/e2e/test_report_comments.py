"""kg-contact comments on a paragraph of Kyrgyzstan's draft and submits the government's
comments; kz-contact cannot open the same draft."""

import pytest
from django.contrib.auth import get_user_model

from demo import seeding as demo
from reports.models import GovernmentComment, Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMENT = "Article 12 of the 2024 law already covers this (demo comment)."


def sign_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"{base}/portal/")


def kyrgyzstan_draft() -> Report:
    report = Report.objects.filter(
        evaluation__country__iso_code="KG", evaluation__round__number=1, kind="evaluation"
    ).first()
    if report is None:  # the demo seed without Kyrgyzstan's draft
        from evaluation_rounds.models import CountryEvaluation
        from tests.reports.conftest import build_report

        secretariat = get_user_model().objects.get(username="secretariat")
        evaluation = CountryEvaluation.objects.get(round__number=1, country__iso_code="KG")
        report = build_report(evaluation, secretariat)
    return report


def test_kg_contact_comments_and_submits_kz_contact_is_refused(live_server, page, artifacts):
    demo.seed()
    report = kyrgyzstan_draft()
    paragraph = report.chapters.order_by("sort_order").first().paragraphs.order_by("number").first()
    base = live_server.url

    sign_in(page, base, "kg-contact")
    page.get_by_role("link", name="Draft report awaiting your comments").click()
    page.wait_for_url(f"{base}/portal/reports/{report.pk}/")
    article = page.locator(f"#para-{paragraph.number}")
    article.get_by_text(f"Comment on paragraph {paragraph.number}", exact=True).click()
    article.get_by_label("Your comment").fill(COMMENT)
    article.get_by_role("button", name="Save the comment").click()
    page.get_by_text("Your comment is saved. It is not yet submitted.").wait_for()
    page.get_by_text(COMMENT).wait_for()

    page.get_by_role("link", name="Submit the government's comments").click()
    page.get_by_text(COMMENT).wait_for()  # listed on the confirmation page
    page.screenshot(path=str(artifacts / "report-comments-confirm.png"), full_page=True)
    page.get_by_role("button", name="Confirm and submit").click()
    page.get_by_text("comments submitted as the government's comments.").wait_for()
    assert page.get_by_role("link", name="Edit").count() == 0
    assert page.get_by_role("button", name="Save the comment").count() == 0
    page.screenshot(path=str(artifacts / "report-comments-submitted.png"), full_page=True)

    comment = GovernmentComment.objects.get(report=report, text=COMMENT)
    assert comment.paragraph_id == paragraph.pk
    assert comment.status == GovernmentComment.Status.SUBMITTED
    assert comment.submitted_by.username == "kg-contact"
    assert not report.comments.filter(status=GovernmentComment.Status.IN_PROGRESS).exists()

    page.get_by_role("button", name="Sign out (kg-contact)").click()
    sign_in(page, base, "kz-contact")
    response = page.goto(f"{base}/portal/reports/{report.pk}/")
    assert response.status == 404
    body = page.content()
    assert COMMENT not in body
    assert paragraph.text_en[:40] not in body
    assert report.title_en not in body
