"""The back-office report editor, through its URLs: reading, every editing action, numbering
after insert, move and delete, refusals with their messages, the frozen published report, the
government's comments and the rapporteurs' responses, and the constant query count."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from recommendations.models import Recommendation
from reports import services
from reports.models import GovernmentComment, Paragraph, Report
from tests.bench.report_data import generate_report
from tests.rendered_forms import form_in, submit
from tests.reports.rich_text import contentstate_for, plain_contentstate_for

RAPPORTEUR = "expert-kz-2"  # one of Kyrgyzstan's two rapporteurs


RECOMMENDATION_SCREENS = {"recommendation_add", "recommendation_edit"}  # recommendations' URLs


def url(name, *args):
    namespace = "recommendations" if name in RECOMMENDATION_SCREENS else "reports"
    return reverse(f"{namespace}:{name}", args=args)


FORM = "form.procedure-form"


def action(name, *args) -> str:
    return f"form[action='{url(name, *args)}']"


def press(response, selector, name, value, changes=None):
    """The rendered form's payload with the submit button `name`=`value` pressed (the helper
    knows one button per name; the editor's Up and Down share the name "direction")."""
    form = form_in(response, selector)
    buttons = {
        b.get("value")
        for b in BeautifulSoup(response.content, "html.parser").select(
            f"{selector} button[name={name}]"
        )
    }
    assert value in buttons, buttons
    return form.action, {**form.data(changes), name: [value]}


def numbers(report):
    return list(
        Paragraph.objects.filter(chapter__report=report)
        .order_by("number")
        .values_list("text_en", "number")
    )


def texts_in_order(report):
    return [
        text
        for text, _ in Paragraph.objects.filter(chapter__report=report)
        .order_by("chapter__sort_order", "sort_order")
        .values_list("text_en", "number")
    ]


@pytest.fixture
def rapporteur(login_as):
    return login_as(RAPPORTEUR)


def test_index_lists_reports_with_stage_and_filters(login_as, kg_report, kz_report):
    client = login_as("expert-kg")
    content = client.get(url("index")).content.decode()
    assert kg_report.title_en in content and kz_report.title_en in content
    assert "Sent to the government for comments" in content
    assert "Published" in content
    filtered = client.get(url("index"), {"country": kz_report.evaluation.country_id})
    assert kz_report.title_en in filtered.content.decode()
    assert kg_report.title_en not in filtered.content.decode()
    assert client.get(url("index"), {"round": "x", "sort": "bogus"}).status_code == 200
    empty = client.get(url("index"), {"round": "999"}).content.decode()
    assert "No report matches." in empty
    assert "New report" in content  # expert-kg is a rapporteur: she creates reports


def test_secretariat_creates_a_report(login_as, kg_evaluation):
    from tests.reports.conftest import _drop_demo_report

    _drop_demo_report(kg_evaluation)
    client = login_as("secretariat")
    assert "New report" in client.get(url("index")).content.decode()
    form = form_in(client.get(url("add")), FORM)
    choice = {"evaluation": str(kg_evaluation.pk), "kind": "evaluation", "language": "en"}
    response = client.post(
        form.action, form.data({**choice, "title_en": "Second evaluation report"})
    )
    report = Report.objects.get(title_en="Second evaluation report")
    assert response["Location"] == url("editor", report.pk)
    again = client.post(form.action, form.data({**choice, "title_en": "X"}))
    assert again.status_code == 400
    assert "This evaluation already has its report." in again.content.decode()


def test_editor_shows_numbered_paragraphs_footnotes_and_recommendations(
    rapporteur, kg_report, secretariat
):
    first, second = Paragraph.objects.filter(chapter__report=kg_report).order_by("number")[:2]
    services.paragraph_update(
        paragraph=first,
        text_en='<p>Victims<span class="footnote">See the Law of 2005.</span> are <b>named</b>'
        "<script>alert(1)</script></p>",
        text_ru="",
        actor=secretariat,
    )
    services.paragraph_update(
        paragraph=second,
        text_en='<p>Second<span class="footnote">Second note.</span></p>',
        text_ru="",
        actor=secretariat,
    )
    content = rapporteur.get(url("editor", kg_report.pk)).content.decode()
    assert '<sup class="footnote-ref">1</sup>' in content
    assert '<li value="1">See the Law of 2005.</li>' in content
    assert '<sup class="footnote-ref">2</sup>' in content  # continuous numbering
    assert "<script>alert(1)</script>" not in content
    # A recommendation is stored as a sentence (recommendations/wording.py), shown as it is.
    assert "Recommendation 1 on Kyrgyzstan" in content
    assert "the authorities to Recommendation 1" not in content
    assert "Edit paragraph 1" in content  # a rapporteur edits


def test_other_expert_reads_without_actions(login_as, kg_report):
    content = login_as("expert-kg").get(url("editor", kg_report.pk)).content.decode()
    assert "Chapter 1, text 1" in content
    assert "Read only" in content
    assert "Edit paragraph 1" not in content
    assert "Add a chapter" not in content


def test_add_chapter_and_insert_paragraph_renumbers(rapporteur, kg_report):
    editor = rapporteur.get(url("editor", kg_report.pk))
    chapter_form = action("chapter_add", kg_report.pk)
    response = submit(rapporteur, editor, chapter_form, {"number": "3", "title_en": "Conclusions"})
    assert response.status_code == 302
    chapter = kg_report.chapters.get(number="3")
    # A fresh page (the one sent is a double submit: tests/reports/test_double_submit.py).
    editor = rapporteur.get(url("editor", kg_report.pk))
    duplicate = submit(rapporteur, editor, chapter_form, {"number": "3", "title_en": "Again"})
    assert duplicate.status_code == 400

    first_chapter = kg_report.chapters.get(number="1")
    form = rapporteur.get(
        url("paragraph_add", kg_report.pk), {"chapter": first_chapter.pk, "position": 2}
    )
    assert "press Fn" in form.content.decode()  # the toolbar, not HTML, is explained
    # The chapter and the position come from the link "Insert after this paragraph".
    response = submit(rapporteur, form, FORM, {"text_en": contentstate_for("<p>Inserted</p>")})
    inserted = Paragraph.objects.get(text_en="<p>Inserted</p>")
    assert response["Location"].endswith(f"#paragraph-{inserted.pk}")
    assert numbers(kg_report) == [
        ("<p>Chapter 1, text 1</p>", 1),
        ("<p>Inserted</p>", 2),
        ("<p>Chapter 1, text 2</p>", 3),
        ("<p>Chapter 2, text 1</p>", 4),
        ("<p>Chapter 2, text 2</p>", 5),
    ]
    form = rapporteur.get(url("paragraph_add", kg_report.pk), {"chapter": chapter.pk})
    submit(rapporteur, form, FORM, {"text_en": contentstate_for("<p>Last</p>")})
    assert Paragraph.objects.get(text_en="<p>Last</p>").number == 6


def test_empty_paragraph_is_refused_and_input_kept(rapporteur, kg_report):
    chapter = kg_report.chapters.first()
    form = rapporteur.get(url("paragraph_add", kg_report.pk), {"chapter": chapter.pk})
    response = submit(
        rapporteur, form, FORM, {"position": "1", "text_en": contentstate_for("<p> </p>")}
    )
    assert response.status_code == 400
    assert "Write the paragraph in at least one language." in response.content.decode()
    assert Paragraph.objects.filter(chapter__report=kg_report).count() == 4


def test_edit_paragraph(rapporteur, kg_report):
    paragraph = Paragraph.objects.get(chapter__report=kg_report, number=3)
    page = rapporteur.get(url("paragraph_edit", kg_report.pk, paragraph.pk))
    assert "Chapter 2, text 1" in page.content.decode()
    submit(
        rapporteur,
        page,
        FORM,
        {
            "text_en": contentstate_for("<p>New <i>wording</i></p>"),
            "text_ru": contentstate_for("<p>Новый</p>"),
        },
    )
    paragraph.refresh_from_db()
    assert (paragraph.text_en, paragraph.text_ru) == ("<p>New <i>wording</i></p>", "<p>Новый</p>")


def test_move_up_down_and_across_chapters(rapporteur, kg_report):
    def arrow(paragraph, direction):
        editor = rapporteur.get(url("editor", kg_report.pk))
        target, data = press(
            editor, action("paragraph_move", kg_report.pk, paragraph.pk), "direction", direction
        )
        return rapporteur.post(target, data)

    p2 = Paragraph.objects.get(chapter__report=kg_report, number=2)
    arrow(p2, "up")
    assert texts_in_order(kg_report)[:2] == ["<p>Chapter 1, text 2</p>", "<p>Chapter 1, text 1</p>"]
    p2.refresh_from_db()
    assert p2.number == 1
    # down from the last paragraph of chapter 1 goes to the start of chapter 2
    last_of_one = Paragraph.objects.get(chapter__report=kg_report, number=2)
    arrow(last_of_one, "down")
    last_of_one.refresh_from_db()
    assert last_of_one.chapter.number == "2" and last_of_one.number == 2
    # the first paragraph of the report cannot go up
    response = arrow(p2, "up")
    assert "already at that end" in rapporteur.get(response["Location"]).content.decode()
    # move to a position in another chapter, through the form
    chapter_two = kg_report.chapters.get(number="2")
    move = form_in(rapporteur.get(url("paragraph_move", kg_report.pk, p2.pk)), FORM)
    rapporteur.post(move.action, move.data({"chapter": str(chapter_two.pk), "position": "3"}))
    p2.refresh_from_db()
    assert (p2.chapter_id, p2.number) == (chapter_two.pk, 3)  # chapter 1 is now empty
    assert [n for _, n in numbers(kg_report)] == [1, 2, 3, 4]
    bad = rapporteur.post(move.action, move.data({"chapter": str(chapter_two.pk), "position": "0"}))
    assert bad.status_code == 400


def test_delete_needs_confirmation_and_renumbers(rapporteur, kg_report):
    paragraph = Paragraph.objects.get(chapter__report=kg_report, number=2)
    confirm = rapporteur.get(url("paragraph_delete", kg_report.pk, paragraph.pk))
    assert "Yes, delete it" in confirm.content.decode()
    assert Paragraph.objects.filter(pk=paragraph.pk).exists()
    submit(rapporteur, confirm, "main form[method=post]")
    assert not Paragraph.objects.filter(pk=paragraph.pk).exists()
    assert [n for _, n in numbers(kg_report)] == [1, 2, 3]


def test_delete_refused_while_recommendations_are_anchored(rapporteur, kg_report):
    anchored = Paragraph.objects.get(chapter__report=kg_report, number=1)
    page = rapporteur.get(url("paragraph_delete", kg_report.pk, anchored.pk)).content.decode()
    assert "move them to another paragraph" in page
    assert "Yes, delete it" not in page  # no form to send: a forged one is refused
    response = rapporteur.post(url("paragraph_delete", kg_report.pk, anchored.pk))
    assert response.status_code == 400
    assert "Recommendations are anchored to this paragraph" in response.content.decode()
    assert Paragraph.objects.filter(pk=anchored.pk).exists()


def _recommendation_data(report, **overrides):
    paragraph = Paragraph.objects.get(chapter__report=report, number=3)
    data = {
        "paragraph": str(paragraph.pk),
        "strength": "invites",
        "text_en": plain_contentstate_for("Fund shelters for male victims."),
        "text_ru": plain_contentstate_for(""),
        "themes": ["protection", "partnership"],
        "convention_articles": "Article 12",
        "sdg_target": "16.2",
    }
    data.update(overrides)
    return data


def test_add_and_edit_a_recommendation(rapporteur, kg_report, kz_report):
    from monitoring.models import Organisation

    ministry = Organisation.objects.filter(country=kg_report.evaluation.country).first()
    earlier = kz_report.recommendations.first()
    page = rapporteur.get(url("recommendation_add", kg_report.pk))
    assert f'value="{earlier.pk}"' not in page.content.decode()  # another country's
    response = submit(
        rapporteur, page, FORM, _recommendation_data(kg_report, addressees=[str(ministry.pk)])
    )
    # Typed as a capitalised fragment, stored as the sentence of its strength.
    created = Recommendation.objects.get(
        text_en="The expert group invites the authorities to fund shelters for male victims."
    )
    assert response["Location"].endswith(f"#recommendation-{created.pk}")
    assert created.number == 3 and created.sdg_target == "16.2"
    assert sorted(created.theme_values) == ["partnership", "protection"]
    assert list(created.addressees.all()) == [ministry]
    page = rapporteur.get(url("editor", kg_report.pk)).content.decode()
    assert "The expert group invites the authorities to" in page
    edit = rapporteur.get(url("recommendation_edit", kg_report.pk, created.pk))
    submit(rapporteur, edit, FORM, {"strength": "urges", "themes": ["prevention"]})
    created.refresh_from_db()
    assert created.strength == "urges" and created.theme_values == ["prevention"]


def test_recommendation_without_strength_or_text_is_refused(rapporteur, kg_report):
    page = rapporteur.get(url("recommendation_add", kg_report.pk))
    response = submit(rapporteur, page, FORM, _recommendation_data(kg_report, strength=""))
    assert response.status_code == 400
    assert "Choose the strength of the recommendation." in response.content.decode()
    response = submit(
        rapporteur,
        page,
        FORM,
        _recommendation_data(kg_report, text_en=plain_contentstate_for(""), sdg_target="99.9"),
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "Give an SDG target such as 5.2" in content or "at least one language" in content
    assert "Article 12" in content  # the input is kept
    assert kg_report.recommendations.count() == 2


def test_reiterated_recommendation_from_an_earlier_published_report(
    rapporteur, kg_report, secretariat
):
    from evaluation_rounds.models import CountryEvaluation, EvaluationRound
    from evaluation_rounds.services import evaluation_create

    # A round-2 Kyrgyz report may reiterate the round-1 ones once they are published.
    round_one = kg_report
    Report.objects.filter(pk=round_one.pk).update(published_at="2026-01-01T00:00:00Z")
    round_two = EvaluationRound.objects.get(number=2)
    evaluation = CountryEvaluation.objects.filter(round=round_two, country__iso_code="KG").first()
    evaluation = evaluation or evaluation_create(
        round=round_two, country=kg_report.evaluation.country, actor=secretariat
    )
    later = services.report_create(evaluation=evaluation, title_en="Round 2", actor=secretariat)
    chapter = services.chapter_create(report=later, number="1", title_en="One", actor=secretariat)
    paragraph = services.paragraph_insert(chapter=chapter, text_en="<p>A</p>", actor=secretariat)
    earlier = round_one.recommendations.get(number=2)
    client = rapporteur
    client.force_login(secretariat)  # the rapporteurs of round 2 are not assigned yet
    response = submit(
        client,
        client.get(url("recommendation_add", later.pk)),
        FORM,
        {
            "paragraph": str(paragraph.pk),
            "strength": "urges",
            "text_en": plain_contentstate_for("Again."),
            "reiterates": str(earlier.pk),
        },
    )
    assert response.status_code == 302
    page = client.get(url("editor", later.pk)).content.decode()
    assert "Round 1 recommendation 2" in page


def test_published_report_is_read_only(login_as, kz_report, secretariat):
    client = login_as("secretariat")
    page = client.get(url("editor", kz_report.pk)).content.decode()
    assert "Published content is frozen" in page
    assert "Edit paragraph 1" not in page
    paragraph = Paragraph.objects.get(chapter__report=kz_report, number=1)
    # The edit page, opened by its address (the editor offers no link), sent as rendered.
    edit = client.get(url("paragraph_edit", kz_report.pk, paragraph.pk))
    response = submit(client, edit, FORM, {"text_en": contentstate_for("<p>Changed</p>")})
    assert response.status_code == 400
    assert "This report is published and frozen." in response.content.decode()
    assert "Changed" in form_in(response, FORM).fields["text_en"][0]  # the input is kept
    paragraph.refresh_from_db()
    assert paragraph.text_en == "<p>Chapter 1, text 1</p>"
    # a correction reopens the editor
    services.report_correction_open(report=kz_report, note="Typo", actor=secretariat)
    page = client.get(url("editor", kz_report.pk)).content.decode()
    assert "A correction is open" in page and "Edit paragraph 1" in page


@pytest.fixture
def submitted_comments(kg_report, user_named):
    paragraph = Paragraph.objects.get(chapter__report=kg_report, number=2)
    recommendation = kg_report.recommendations.get(number=1)
    official, contact = user_named("kg-official"), user_named("kg-contact")
    on_paragraph = services.comment_add(
        report=kg_report, text="PARA-COMMENT: outdated figures", paragraph=paragraph, actor=official
    )
    services.comment_add(
        report=kg_report,
        text="REC-COMMENT: too broad",
        recommendation=recommendation,
        actor=contact,
    )
    services.comment_add(report=kg_report, text="GENERAL-COMMENT: thanks", actor=contact)
    services.comments_submit(report=kg_report, actor=contact)
    on_paragraph.refresh_from_db()
    return on_paragraph


def test_submitted_comments_appear_next_to_their_paragraphs(rapporteur, submitted_comments):
    report = submitted_comments.report
    content = rapporteur.get(url("editor", report.pk)).content.decode()
    paragraph_block = content.split(f'id="paragraph-{submitted_comments.paragraph_id}"')[1]
    assert "PARA-COMMENT: outdated figures" in paragraph_block.split("<article")[0]
    assert "REC-COMMENT: too broad" in content
    assert "GENERAL-COMMENT: thanks" in content.split("report as a whole")[1]


def test_comments_in_progress_are_not_shown(rapporteur, kg_report, user_named):
    services.comment_add(report=kg_report, text="WORK-IN-PROGRESS", actor=user_named("kg-official"))
    assert "WORK-IN-PROGRESS" not in rapporteur.get(url("editor", kg_report.pk)).content.decode()


def test_rapporteur_responds_to_a_comment(rapporteur, submitted_comments):
    report, comment = submitted_comments.report, submitted_comments
    editor = rapporteur.get(url("editor", report.pk))
    respond = action("comment_respond", report.pk, comment.pk)
    refused = submit(rapporteur, editor, respond, {"response": "partly", "reply": ""})
    assert refused.status_code == 400
    assert "Explain why it was not taken in full." in refused.content.decode()
    comment.refresh_from_db()
    assert comment.rapporteur_response == ""
    submit(rapporteur, editor, respond, {"response": "partly", "reply": "Figures updated to 2025."})
    comment.refresh_from_db()
    assert (comment.rapporteur_response, comment.rapporteur_reply) == (
        "partly",
        "Figures updated to 2025.",
    )
    page = rapporteur.get(url("editor", report.pk)).content.decode()
    assert "Partly taken into account" in page and "Figures updated to 2025." in page


def test_other_expert_cannot_respond(login_as, submitted_comments):
    report, comment = submitted_comments.report, submitted_comments
    # The rapporteur's form, sent from another expert's session.
    editor = login_as(RAPPORTEUR).get(url("editor", report.pk))
    form = form_in(editor, action("comment_respond", report.pk, comment.pk))
    response = login_as("expert-kg").post(
        form.action, form.data({"response": "taken_into_account"})
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    comment.refresh_from_db()
    assert comment.rapporteur_response == ""


def test_final_comments_are_shown_separately(login_as, kg_report, to_final_comments, user_named):
    to_final_comments(kg_report.evaluation)
    from evaluation_rounds.models import Deadline

    deadline = Deadline.objects.filter(evaluation=kg_report.evaluation, kind="final_comments")
    assert deadline.exists()
    contact = user_named("kg-contact")
    services.comment_add(report=kg_report, text="FINAL-WORDS of the government", actor=contact)
    services.comments_submit(report=kg_report, actor=contact)
    page = login_as("secretariat").get(url("editor", kg_report.pk)).content.decode()
    final_section = page.split("Final comments of the government")[1]
    assert "FINAL-WORDS of the government" in final_section
    assert GovernmentComment.objects.get(text__startswith="FINAL").kind == "final"


def test_editor_query_count_is_constant(login_as, kg_report, django_assert_max_num_queries):
    client = login_as("secretariat")
    client.get(url("editor", kg_report.pk))  # warm caches (content types, sessions)
    with django_assert_max_num_queries(40) as small:
        assert client.get(url("editor", kg_report.pk)).status_code == 200
    large = generate_report(paragraphs=400, recommendations=120)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url("editor", large.pk))
    assert response.status_code == 200
    assert response.content.decode().count('class="report-paragraph"') == 400


def test_every_demo_report_opens_in_the_editor_and_the_diff(login_as, demo_data):
    client = login_as("secretariat")
    reports = list(Report.objects.all())
    assert reports, "the demo seeds reports"
    for report in reports:
        page = client.get(url("editor", report.pk))
        assert page.status_code == 200, report
        assert client.get(url("compare", report.pk)).status_code == 200, report
        shortcut = client.get(url("compare", report.pk), {"preset": "draft-final"})
        assert shortcut.status_code == 200, report


def test_index_paginates_with_a_constant_query_count(
    login_as, kg_report, django_assert_max_num_queries, monkeypatch
):
    from reports.views import editor as editor_views

    monkeypatch.setattr(editor_views, "PAGE_SIZE", 10)
    client = login_as("expert-kg")
    client.get(url("index"))
    with django_assert_max_num_queries(40) as small:
        client.get(url("index"))
    Report.objects.bulk_create(
        Report(evaluation=kg_report.evaluation, kind="follow_up", title_en=f"Follow-up {n}")
        for n in range(25)
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        first = client.get(url("index"), {"sort": "country"}).content.decode()
    assert "Page 1 of 3" in first
    last = client.get(url("index"), {"sort": "country", "page": 3}).content.decode()
    assert "Page 3 of 3" in last and "Previous" in last


def test_compare_query_count_does_not_grow_with_history(
    login_as, kg_report, secretariat, django_assert_max_num_queries
):
    client = login_as("secretariat")
    client.get(url("compare", kg_report.pk))
    with django_assert_max_num_queries(40) as small:
        client.get(url("compare", kg_report.pk))
    chapter = kg_report.chapters.first()
    for n in range(15):
        services.paragraph_insert(
            chapter=chapter, text_en=f"<p>Extra {n}</p>", position=1, actor=secretariat
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url("compare", kg_report.pk)).content.decode()
    assert "Extra 14" in page
