"""Phases 4 and 5: the rapporteurs write Uzbekistan's report in the back office (chapters,
numbered paragraphs, recommendations of different strengths); the secretariat records the
plenary's approval of the draft and sends it to the government; the contact person comments on
a paragraph and on a recommendation in the portal and submits the comments; a rapporteur marks
each of them. The final report is adopted at a later plenary, the government gives its final
comments, and the secretariat publishes the report, which the public then reads."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from evaluation_rounds.models import CountryEvaluation
from recommendations import wording
from recommendations.models import Recommendation
from reports.models import GovernmentComment, Report

from ..draftail import type_into
from .world import CONTACT, RAPPORTEURS, SECRETARIAT, World

TITLE = "Report on the implementation of action against trafficking in human beings by Uzbekistan"
TITLE_RU = "Доклад о выполнении мер по противодействию торговле людьми Узбекистаном"
CHAPTERS = (
    ("I", "Introduction", "Введение"),
    ("II", "Identification of victims", "Выявление жертв"),
)
PARAGRAPHS = {
    "I": (
        "The expert group visited Uzbekistan and met the National Commission on Countering "
        "Trafficking in Persons and Forced Labour.",
        "The government replied to the questionnaire within the time set by the round.",
    ),
    "II": (
        "Victims are identified mostly by the police; labour inspectors rarely refer them.",
        "Mobile teams of the NGO Istiqbolli Avlod screen returning migrants at the border.",
    ),
}
EDITED = (
    "The government replied to the questionnaire within the time set by the round, "
    "with statistics for the whole reference period."
)
RECOMMENDATIONS = (
    # (paragraph number, strength, text, theme, Russian text)
    (
        3,
        "urges",
        "give labour inspectors the duty and the means to identify victims and refer them.",
        "Protection",
        "наделить трудовых инспекторов обязанностью и средствами выявлять жертв и направлять их.",
    ),
    (
        4,
        "invites",
        "extend the screening of returning migrants to every border post.",
        "Prevention",
        "распространить проверку возвращающихся мигрантов на все пограничные пункты.",
    ),
)
# What the public reads: the editor puts the strength's lead-in in front of what was typed.
SENTENCES = (
    (
        "The expert group urges the authorities to give labour inspectors the duty and the means "
        "to identify victims and refer them.",
        "Группа экспертов настоятельно призывает органы власти наделить трудовых инспекторов "
        "обязанностью и средствами выявлять жертв и направлять их.",
    ),
    (
        "The expert group invites the authorities to extend the screening of returning migrants "
        "to every border post.",
        "Группа экспертов предлагает органам власти распространить проверку возвращающихся "
        "мигрантов на все пограничные пункты.",
    ),
)
COMMENT_ON_PARAGRAPH = "Labour inspectors referred 14 persons in 2025 (comment on the draft)."
COMMENT_ON_RECOMMENDATION = "A decree of 2025 already gives labour inspectors this duty."
FINAL_COMMENT = "The government has funded screening at five more border posts (final comment)."
REPLY = "Paragraph 3 now mentions the referrals of 2025; the decree is not yet applied."


def run(world: World) -> None:
    evaluation = CountryEvaluation.objects.get(country__iso_code="UZ", round__number=1)
    today = timezone.localdate()
    secretariat = world.as_person(SECRETARIAT)
    _record_step(world, secretariat, evaluation, "Draft in preparation", today)

    first, second = (world.as_person(username) for username in RAPPORTEURS)
    for page in (first, second):
        _reads_the_dashboard(world, page)
    report = _rapporteur_creates_the_report(world, first, evaluation)
    _chapter(world, first, report, *CHAPTERS[0])
    for text in PARAGRAPHS["I"]:
        _paragraph(world, first, report, "I", text)
    _chapter(world, second, report, *CHAPTERS[1])
    for text in PARAGRAPHS["II"]:
        _paragraph(world, second, report, "II", text)
    _edit_paragraph(world, second, report, 2, EDITED)
    for page, recommendation, sentences in zip(
        (first, second), RECOMMENDATIONS, SENTENCES, strict=True
    ):
        _recommendation(world, page, report, *recommendation)
        expect(page.locator("main")).to_contain_text(sentences[0])
    _the_draft_is_written(report)

    # The earlier phases record their steps today, and no step may be dated before the last one.
    _plenary(world, secretariat, 1, today - timedelta(1), today, "Almaty")
    _record_step(
        world,
        secretariat,
        evaluation,
        "Draft approved at plenary",
        today,
        plenary="Plenary 1 (Almaty)",
    )
    _record_step(
        world,
        secretariat,
        evaluation,
        "Draft with the government for comments",
        today,
    )

    contact = world.as_person(CONTACT)
    _open_the_report(
        world, contact, "Draft report awaiting your comments", report, "Confidential draft."
    )
    _comment_on_paragraph(world, contact, 3, COMMENT_ON_PARAGRAPH)
    _comment_on_recommendation(world, contact, 1, COMMENT_ON_RECOMMENDATION)
    _submit_comments(world, contact, 2)
    _rapporteur_marks_the_comments(world, first, report)

    # Phase 5: the final report.
    _plenary(world, secretariat, 2, today, today + timedelta(1), "Tashkent")
    _record_step(
        world,
        secretariat,
        evaluation,
        "Final report adopted",
        today,
        plenary="Plenary 2 (Tashkent)",
    )
    # Accepted as it is: the government has submitted its comments, so no reason is asked.
    assert evaluation.transitions.get(to_state="final_adopted").waiver_reason == ""
    _record_step(world, secretariat, evaluation, "Final comments period", today)
    _open_the_report(
        world,
        contact,
        "Final report: your final comments",
        report,
        "Final report, not yet published.",
    )
    _comment_on_recommendation(world, contact, 2, FINAL_COMMENT)
    _submit_comments(world, contact, 1)
    _publish(world, secretariat, report)
    evaluation.refresh_from_db()
    assert evaluation.state == "published"
    _the_public_reads_it(world, report)


# --- The back office ------------------------------------------------------------------------


def _saved(page: Page, text: str) -> None:
    expect(page.locator(".messages")).to_contain_text(text)


def _reads_the_dashboard(world: World, page: Page) -> None:
    """Every member of the expert group reads the deadline dashboard."""
    world.open(page, "/admin/procedure/")
    expect(page.locator("main")).to_contain_text("Uzbekistan")
    expect(page.locator("main")).to_contain_text("Country visit done")


def _rapporteur_creates_the_report(
    world: World, page: Page, evaluation: CountryEvaluation
) -> Report:
    world.open(page, "/admin/reports/")
    page.get_by_role("link", name="New report").click()
    page.get_by_label("Evaluation").select_option(label=str(evaluation))
    page.get_by_label("Kind").select_option(label="Evaluation report")
    page.get_by_label("Original language").select_option(label="English")
    page.get_by_label("Title (English)").fill(TITLE)
    page.get_by_label("Title (Russian)").fill(TITLE_RU)
    page.get_by_role("button", name="Create the report").click()
    _saved(page, "Report created.")
    return Report.objects.get(evaluation=evaluation, kind=Report.Kind.EVALUATION)


def _chapter(world: World, page: Page, report: Report, number: str, title: str, russian: str):
    world.open(page, f"/admin/reports/{report.pk}/")
    form = page.locator("form", has=page.get_by_role("button", name="Add the chapter"))
    form.get_by_label("Chapter number").fill(number)
    form.get_by_label("Title (English)").fill(title)
    form.get_by_label("Title (Russian)").fill(russian)
    form.get_by_role("button", name="Add the chapter").click()
    _saved(page, "Chapter added.")
    expect(page.get_by_role("heading", name=f"{number}. {title}")).to_be_visible()


def _paragraph(world: World, page: Page, report: Report, chapter: str, text: str) -> None:
    world.open(page, f"/admin/reports/{report.pk}/")
    section = page.locator(
        "section", has=page.get_by_role("heading", name=re.compile(f"^{chapter}\\. "))
    )
    inserts = section.get_by_role("link", name="Insert after this paragraph")
    if inserts.count():
        inserts.last.click()
    else:
        section.get_by_role("link", name="Insert a paragraph at the start of this chapter").click()
    # The place select names a chapter (its opening) or one of its sections.
    expect(page.get_by_label("Chapter or section", exact=True)).to_have_value(
        str(report.chapters.get(number=chapter).pk)
    )
    type_into(page, "Text (English)", text)
    page.get_by_role("button", name="Save the paragraph").click()
    _saved(page, "added.")
    expect(page.locator("main")).to_contain_text(text)


def _edit_paragraph(world: World, page: Page, report: Report, number: int, text: str) -> None:
    world.open(page, f"/admin/reports/{report.pk}/")
    page.get_by_role("link", name=f"Edit paragraph {number}", exact=True).click()
    type_into(page, "Text (English)", text)
    page.get_by_role("button", name="Save the paragraph").click()
    _saved(page, f"Paragraph {number} saved.")


def _recommendation(
    world: World,
    page: Page,
    report: Report,
    number: int,
    strength: str,
    text: str,
    theme: str,
    russian: str,
) -> None:
    world.open(page, f"/admin/reports/{report.pk}/")
    paragraph = page.locator(".report-paragraph").filter(
        has=page.locator(".report-paragraph__number", has_text=re.compile(f"^{number}\\.$"))
    )
    paragraph.get_by_role("link", name="Add a recommendation").click()
    expect(page.get_by_label("Concludes paragraph")).to_have_value(
        str(report.chapters.get(paragraphs__number=number).paragraphs.get(number=number).pk)
    )
    page.get_by_label("Strength", exact=True).select_option(value=strength)
    # The lead-in in front of each box follows the strength chosen (recommendations/lead_in.js).
    for language in ("en", "ru"):
        expect(page.locator(f"[data-lead-in][lang={language}]")).to_have_text(
            f"{wording.lead_in(strength, language)} …"
        )
    type_into(page, "Text (English)", text)
    type_into(page, "Text (Russian)", russian)
    page.get_by_role("group", name="Themes").get_by_label(theme).check()
    page.get_by_label("Convention articles").fill("Articles 10 and 12")
    page.get_by_role("group", name="Addressees").get_by_label("Government of Uzbekistan").check()
    page.get_by_role("button", name="Save the recommendation").click()
    _saved(page, "added.")
    expect(page.locator("main")).to_contain_text(text)


def _the_draft_is_written(report: Report) -> None:
    paragraphs = [p.text_en for p in report.chapters.get(number="I").paragraphs.order_by("number")]
    assert paragraphs[1] == f"<p>{EDITED}</p>"  # Draftail writes a paragraph as <p>
    assert list(report.chapters.order_by("sort_order").values_list("number", flat=True)) == [
        "I",
        "II",
    ]
    assert sorted(
        Recommendation.objects.filter(report=report).values_list("paragraph__number", "strength")
    ) == [(3, "urges"), (4, "invites")]


def _plenary(world: World, page: Page, number: int, start: date, end: date, place: str) -> None:
    world.open(page, "/admin/plenary/")
    page.get_by_role("link", name=re.compile("Add plenary meeting", re.I)).first.click()
    page.fill("#id_number", str(number))
    page.fill("#id_start_date", start.isoformat())
    page.fill("#id_end_date", end.isoformat())
    page.fill("#id_place_en", place)
    page.fill("#id_place_ru", place)
    page.get_by_role("button", name="Create", exact=True).first.click()
    _saved(page, "created")


def _record_step(
    world: World,
    page: Page,
    evaluation: CountryEvaluation,
    step: str,
    on: date,
    *,
    plenary: str | None = None,
) -> None:
    world.open(page, f"/admin/procedure/evaluations/{evaluation.pk}/")
    form = page.locator("form", has=page.get_by_role("button", name="Record this step"))
    form.get_by_label("Next step").select_option(label=step)
    form.get_by_label("Date of the step").fill(on.isoformat())
    if plenary:
        # exact: the whole-report checkbox's label ends "… at this plenary"; left checked.
        form.get_by_label("Plenary", exact=True).select_option(label=plenary)
    form.get_by_role("button", name="Record this step").click()
    _saved(page, f"Uzbekistan moved to “{step}”.")
    expect(page.locator("#current-state")).to_have_text(step)


def _rapporteur_marks_the_comments(world: World, page: Page, report: Report) -> None:
    """Each comment is shown under what it is about: the paragraph's under paragraph 3 (not in
    the recommendation that concludes it), the recommendation's in the recommendation."""
    world.open(page, "/admin/")
    panel = page.get_by_role("region", name="Government comments waiting for my mark")
    expect(panel).to_contain_text("2 comments to mark")
    panel.get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"{world.base}/admin/reports/{report.pk}/")
    on_paragraph = page.locator("li.report-comment", has_text=COMMENT_ON_PARAGRAPH)
    on_recommendation = page.locator("li.report-comment", has_text=COMMENT_ON_RECOMMENDATION)
    paragraph = page.locator(".report-paragraph", has=on_paragraph)
    expect(paragraph.locator(".report-paragraph__number")).to_have_text("3.")
    expect(page.locator(".report-recommendation", has=on_paragraph)).to_have_count(0)
    expect(page.get_by_role("complementary", name="Recommendation 1")).to_contain_text(
        COMMENT_ON_RECOMMENDATION
    )
    expect(on_paragraph).to_contain_text("On paragraph 3")

    for comment, response, reply in (
        (on_paragraph, "Taken into account", ""),
        (on_recommendation, "Partly taken into account", REPLY),
    ):
        comment.get_by_text("Respond", exact=True).click()
        comment.get_by_label(response, exact=True).check()
        if reply:
            comment.get_by_label("Reply").fill(reply)
        comment.get_by_role("button", name="Record the response").click()
        _saved(page, "Response recorded.")
        expect(comment).to_contain_text(f"Rapporteurs' response: {response}")
    world.open(page, "/admin/")
    expect(panel).to_contain_text("Every submitted comment has its mark.")
    assert set(
        report.comments.filter(kind=GovernmentComment.Kind.DRAFT).values_list(
            "rapporteur_response", flat=True
        )
    ) == {"taken_into_account", "partly"}


def _publish(world: World, page: Page, report: Report) -> None:
    world.open(page, f"/admin/reports/{report.pk}/")
    page.get_by_role("link", name="Publication", exact=True).click()
    # What becomes public: the final comment with the recommendation it is about.
    expect(page.locator("main blockquote", has_text=FINAL_COMMENT)).to_contain_text(
        "On recommendation 2"
    )
    page.get_by_role("button", name="Publish the report").click()
    _saved(page, "The report is published (version 1).")


# --- The portal and the public site ---------------------------------------------------------


def _open_the_report(world: World, page: Page, task: str, report: Report, notice: str) -> None:
    world.open(page, "/portal/")
    page.get_by_role("link", name=task).click()
    page.wait_for_url(f"{world.base}/portal/reports/{report.pk}/")
    world.measure(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    # A draft is called a draft; the adopted final report no longer is.
    expect(page.get_by_role("note")).to_contain_text(notice)


def _comment_on_paragraph(world: World, page: Page, number: int, text: str) -> None:
    article = page.locator(f"#para-{number}")
    form = article.locator("details.comment-form").filter(has_text=f"Comment on paragraph {number}")
    form.get_by_text(f"Comment on paragraph {number}", exact=True).click()
    form.get_by_label("Your comment").fill(text)
    form.get_by_role("button", name="Save the comment").click()
    expect(page.locator("body")).to_contain_text("Your comment is saved. It is not yet submitted.")
    world.measure(page)
    # Under the paragraph itself, not inside the recommendation that concludes it.
    expect(article.locator(":scope > ul.comments")).to_contain_text(text)
    expect(article.locator("aside.recommendation", has_text=text)).to_have_count(0)


def _comment_on_recommendation(world: World, page: Page, number: int, text: str) -> None:
    aside = page.locator(f"#rec-{number}")
    aside.get_by_text(f"Comment on recommendation {number}", exact=True).click()
    aside.get_by_label("Your comment").fill(text)
    aside.get_by_role("button", name="Save the comment").click()
    expect(page.locator("body")).to_contain_text("Your comment is saved. It is not yet submitted.")
    world.measure(page)
    expect(page.locator(f"#rec-{number} ul.comments")).to_contain_text(text)


def _submit_comments(world: World, page: Page, count: int) -> None:
    page.get_by_role("link", name="Submit the government's comments").click()
    world.measure(page)
    expect(page.locator("ol.comments > li")).to_have_count(count)
    page.get_by_role("button", name="Confirm and submit").click()
    expect(page.locator("body")).to_contain_text("submitted as the government's comments.")
    world.measure(page)
    expect(page.get_by_role("button", name="Save the comment")).to_have_count(0)
    expect(world.open(page, "/portal/").locator("main")).to_contain_text("comments submitted")


def _the_public_reads_it(world: World, report: Report) -> None:
    page = world.new_page()
    world.open(page, "/en/countries/uzbekistan/")
    page.get_by_role("link", name=TITLE, exact=True).click()
    page.wait_for_load_state()
    world.measure(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("#p-3")).to_contain_text(PARAGRAPHS["II"][0])
    expect(page.locator("#r-1")).to_contain_text(SENTENCES[0][0])
    # The final comment says which recommendation it is about.
    final = page.locator("#final-comments blockquote", has_text=FINAL_COMMENT)
    expect(final).to_contain_text("On recommendation 2")
    # Comments on the draft are never published.
    expect(page.locator("body")).not_to_contain_text(COMMENT_ON_PARAGRAPH)
    report.refresh_from_db()
    assert report.is_published
