"""Structure that moves: chapters renamed, reordered and deleted, sections A, B, C … inside a
chapter, and paragraphs (then recommendations) numbered 1, 2, 3 … in reading order through
every kind of move. Run on SQLite and on PostgreSQL (the unique numbers are swapped in two
phases, which PostgreSQL checks row by row inside one UPDATE)."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from monitoring.system_text import render
from recommendations import services as recommendation_services
from reports import diff, services
from reports.forms import place_value
from reports.models import Chapter, Paragraph, Section
from reports.pdf import render_report_pdf
from reports.pdf_content import report_content
from tests.cms.helpers import report_path
from tests.rendered_forms import form_in, submit
from tests.reports.conftest import build_report
from tests.reports.rich_text import contentstate_for

RAPPORTEUR = "expert-kz-2"  # one of Kyrgyzstan's two rapporteurs


@pytest.fixture
def report(kg_evaluation, secretariat):
    """Chapters "1", "2", "3" of two paragraphs each ("Chapter c, text n"), no recommendation."""
    return build_report(
        kg_evaluation, secretariat, paragraphs_per_chapter=(2, 2, 2), recommendations=0
    )


def chapter(report, number):
    return report.chapters.get(number=number)


def para(report, text):
    return Paragraph.objects.get(chapter__report=report, text_en=f"<p>{text}</p>")


def reading(report):
    """[(chapter number, section letter or "", text)] in reading order, read from the order of
    chapters, sections and paragraphs, after checking the stored numbers follow that order."""
    rows = sorted(
        Paragraph.objects.filter(chapter__report=report).select_related("chapter", "section"),
        key=lambda p: (
            p.chapter.sort_order,
            p.section.sort_order + 1 if p.section else 0,
            p.sort_order,
        ),
    )
    assert [p.number for p in rows] == list(range(1, len(rows) + 1))
    return [
        (p.chapter.number, p.section.letter if p.section else "", p.text_en[3:-4]) for p in rows
    ]


def chapters_of(report):
    return list(report.chapters.order_by("sort_order").values_list("number", "title_en"))


def letters_of(chapter):
    return list(chapter.sections.order_by("sort_order").values_list("letter", "title_en"))


def sectioned(report, actor):
    """Chapter 1 gets sections A ("Prevention") and B ("Protection"); its second paragraph goes
    into A, and a new one into B."""
    one = chapter(report, "1")
    a = services.section_create(chapter=one, title_en="Prevention", actor=actor)
    b = services.section_create(chapter=one, title_en="Protection", actor=actor)
    services.paragraph_move(
        paragraph=para(report, "Chapter 1, text 2"),
        chapter=one,
        section=a,
        position=1,
        actor=actor,
    )
    services.paragraph_insert(chapter=one, section=b, text_en="<p>In B</p>", actor=actor)
    return a, b


# --- Numbering through every kind of move ------------------------------------------------


def test_sections_are_lettered_in_order_and_read_after_the_chapters_opening(report, secretariat):
    a, b = sectioned(report, secretariat)
    assert (a.letter, b.letter) == ("A", "B")
    assert reading(report) == [
        ("1", "", "Chapter 1, text 1"),
        ("1", "A", "Chapter 1, text 2"),
        ("1", "B", "In B"),
        ("2", "", "Chapter 2, text 1"),
        ("2", "", "Chapter 2, text 2"),
        ("3", "", "Chapter 3, text 1"),
        ("3", "", "Chapter 3, text 2"),
    ]
    assert [services.section_letter(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]


def test_paragraph_steps_cross_sections_and_chapters_even_empty_ones(report, secretariat):
    sectioned(report, secretariat)
    c = services.section_create(chapter=chapter(report, "1"), title_en="Empty", actor=secretariat)
    moving = para(report, "Chapter 2, text 1")
    services.paragraph_step(paragraph=moving, direction="up", actor=secretariat)
    assert reading(report)[2:5] == [
        ("1", "B", "In B"),
        ("1", "C", "Chapter 2, text 1"),  # into the empty section C at the chapter's end
        ("2", "", "Chapter 2, text 2"),
    ]
    for _step in range(3):  # into B at its end, before B's paragraph, then into A at its end
        services.paragraph_step(paragraph=moving, direction="up", actor=secretariat)
    assert reading(report)[1:4] == [
        ("1", "A", "Chapter 1, text 2"),
        ("1", "A", "Chapter 2, text 1"),
        ("1", "B", "In B"),
    ]
    for _step in range(4):
        services.paragraph_step(paragraph=moving, direction="down", actor=secretariat)
    assert reading(report)[3:5] == [("2", "", "Chapter 2, text 1"), ("2", "", "Chapter 2, text 2")]
    first = para(report, "Chapter 1, text 1")
    with pytest.raises(ValidationError, match="already at that end"):
        services.paragraph_step(paragraph=first, direction="up", actor=secretariat)
    last = para(report, "Chapter 3, text 2")
    with pytest.raises(ValidationError, match="already at that end"):
        services.paragraph_step(paragraph=last, direction="down", actor=secretariat)
    assert c.paragraphs.count() == 0


def test_a_paragraph_moves_to_a_section_of_another_chapter_and_back_to_an_opening(
    report, secretariat
):
    a, b = sectioned(report, secretariat)
    moving = para(report, "Chapter 3, text 2")
    moved = services.paragraph_move(
        paragraph=moving, chapter=a.chapter, section=b, position=1, actor=secretariat
    )
    assert moved.number == 3 and moved.section == b
    services.paragraph_move(
        paragraph=moving, chapter=chapter(report, "2"), section=None, position=2, actor=secretariat
    )
    assert reading(report)[4] == ("2", "", "Chapter 3, text 2")
    with pytest.raises(ValidationError):  # a section of another chapter
        services.paragraph_move(
            paragraph=moving, chapter=chapter(report, "3"), section=a, position=1, actor=secretariat
        )


def test_chapters_reorder_with_their_numbers_staying_in_order(kg_evaluation, secretariat):
    report = build_report(
        kg_evaluation, secretariat, paragraphs_per_chapter=(1, 1, 1), recommendations=0
    )
    ordered = report.chapters.order_by("sort_order")
    for chapter_row, number in zip(ordered, ("I", "II", "III"), strict=True):
        services.chapter_update(
            chapter=chapter_row, number=number, title_en=chapter_row.title_en, actor=secretariat
        )
    third = chapter(report, "III")
    moved = services.chapter_move(chapter=third, position=1, actor=secretariat)
    assert moved.number == "I"
    assert chapters_of(report) == [("I", "Chapter 3"), ("II", "Chapter 1"), ("III", "Chapter 2")]
    assert [text for _c, _s, text in reading(report)] == [
        "Chapter 3, text 1",
        "Chapter 1, text 1",
        "Chapter 2, text 1",
    ]
    services.chapter_step(chapter=moved, direction="down", actor=secretariat)
    assert chapters_of(report) == [("I", "Chapter 1"), ("II", "Chapter 3"), ("III", "Chapter 2")]
    with pytest.raises(ValidationError, match="already at that end"):
        services.chapter_step(chapter=chapter(report, "I"), direction="up", actor=secretariat)
    services.chapter_move(chapter=chapter(report, "I"), position=99, actor=secretariat)
    assert chapters_of(report) == [("I", "Chapter 3"), ("II", "Chapter 2"), ("III", "Chapter 1")]
    assert reading(report)[2] == ("III", "", "Chapter 1, text 1")


def test_renaming_a_chapter_keeps_its_number_unique(report, secretariat):
    two = chapter(report, "2")
    services.chapter_update(
        chapter=two,
        number="II",
        title_en="Prevention",
        title_ru="Предупреждение",
        actor=secretariat,
    )
    assert chapters_of(report)[1] == ("II", "Prevention")
    with pytest.raises(ValidationError, match="Another chapter"):
        services.chapter_update(chapter=two, number="1", title_en="X", actor=secretariat)
    assert chapter(report, "II").title_en == "Prevention"


def test_sections_reorder_with_their_letters_and_paragraphs(report, secretariat):
    a, b = sectioned(report, secretariat)
    services.section_step(section=b, direction="up", actor=secretariat)
    assert letters_of(a.chapter) == [("A", "Protection"), ("B", "Prevention")]
    assert reading(report)[:3] == [
        ("1", "", "Chapter 1, text 1"),
        ("1", "A", "In B"),
        ("1", "B", "Chapter 1, text 2"),
    ]
    with pytest.raises(ValidationError, match="already at that end"):
        services.section_step(section=b, direction="up", actor=secretariat)
    services.section_move(section=b, position=2, actor=secretariat)
    assert letters_of(a.chapter) == [("A", "Prevention"), ("B", "Protection")]
    assert reading(report)[1:3] == [("1", "A", "Chapter 1, text 2"), ("1", "B", "In B")]


def test_deletes_refuse_what_is_not_empty_and_renumber_the_rest(report, secretariat):
    a, _b = sectioned(report, secretariat)
    one = a.chapter
    with pytest.raises(ValidationError, match="still has paragraphs"):
        services.section_delete(section=a, actor=secretariat)
    with pytest.raises(ValidationError, match="still has paragraphs"):
        services.chapter_delete(chapter=one, actor=secretariat)
    assert Section.objects.filter(pk=a.pk).exists() and Chapter.objects.filter(pk=one.pk).exists()
    services.paragraph_delete(paragraph=para(report, "Chapter 1, text 2"), actor=secretariat)
    services.section_delete(section=a, actor=secretariat)
    assert letters_of(one) == [("A", "Protection")]  # B took the letter up
    assert reading(report)[:2] == [("1", "", "Chapter 1, text 1"), ("1", "A", "In B")]
    for text in ("Chapter 1, text 1", "In B"):
        services.paragraph_delete(paragraph=para(report, text), actor=secretariat)
    with pytest.raises(ValidationError, match="still has sections"):
        services.chapter_delete(chapter=one, actor=secretariat)
    services.section_delete(section=one.sections.get(), actor=secretariat)
    services.chapter_delete(chapter=one, actor=secretariat)
    # The chapters after it move up a place and take the numbers of the places.
    assert chapters_of(report) == [("1", "Chapter 2"), ("2", "Chapter 3")]
    assert reading(report)[0] == ("1", "", "Chapter 2, text 1")


# --- Recommendations follow the order --------------------------------------------------------


def recommend(report, paragraph, text, actor):
    return recommendation_services.recommendation_create(
        paragraph=paragraph, strength="urges", text_en=text, actor=actor
    )


def recommendation_order(report):
    return list(report.recommendations.order_by("number").values_list("text_en", "number"))


def test_recommendation_numbers_follow_the_report_through_moves(report, secretariat):
    _a, b = sectioned(report, secretariat)
    recommend(report, para(report, "Chapter 3, text 1"), "R-three", secretariat)
    recommend(report, para(report, "Chapter 2, text 1"), "R-two", secretariat)  # earlier text
    assert recommendation_order(report) == [("R-two", 1), ("R-three", 2)]
    recommend(report, para(report, "In B"), "R-b", secretariat)
    recommend(report, para(report, "In B"), "R-b-second", secretariat)
    assert recommendation_order(report) == [
        ("R-b", 1),
        ("R-b-second", 2),
        ("R-two", 3),
        ("R-three", 4),
    ]
    services.chapter_move(chapter=chapter(report, "3"), position=1, actor=secretariat)
    assert recommendation_order(report) == [
        ("R-three", 1),
        ("R-b", 2),
        ("R-b-second", 3),
        ("R-two", 4),
    ]
    services.section_move(section=b, position=1, actor=secretariat)  # still before chapter 2
    services.paragraph_step(
        paragraph=para(report, "Chapter 2, text 1"), direction="up", actor=secretariat
    )  # into the end of chapter "2"'s last section: the order of recommendations stays
    assert recommendation_order(report)[3] == ("R-two", 4)
    services.paragraph_move(
        paragraph=para(report, "Chapter 2, text 1"),
        chapter=chapter(report, "1"),
        section=None,
        position=1,
        actor=secretariat,
    )
    assert recommendation_order(report) == [
        ("R-two", 1),
        ("R-three", 2),
        ("R-b", 3),
        ("R-b-second", 4),
    ]
    by_paragraph = [
        (r.paragraph.number, r.number)
        for r in report.recommendations.select_related("paragraph").order_by("number")
    ]
    assert by_paragraph == sorted(by_paragraph)


def test_a_recommendation_moved_to_another_paragraph_takes_its_number_there(report, secretariat):
    early = recommend(report, para(report, "Chapter 1, text 1"), "R-early", secretariat)
    recommend(report, para(report, "Chapter 2, text 1"), "R-late", secretariat)
    recommendation_services.recommendation_update(
        recommendation=early, paragraph=para(report, "Chapter 3, text 1"), actor=secretariat
    )
    assert recommendation_order(report) == [("R-late", 1), ("R-early", 2)]


def test_recommendations_of_a_published_report_keep_their_numbers(kz_report, secretariat):
    services.report_correction_open(report=kz_report, note="Reorder", actor=secretariat)
    kz_report.refresh_from_db()
    last = kz_report.chapters.order_by("sort_order").last()
    # Added by the correction on the last chapter: it takes the next number, after the
    # published ones, and keeps it when its chapter moves first.
    recommend(kz_report, last.paragraphs.first(), "R-correction", secretariat)
    before = recommendation_order(kz_report)
    assert before[-1] == ("R-correction", len(before))
    services.chapter_move(chapter=last, position=1, actor=secretariat)
    assert recommendation_order(kz_report) == before


def test_the_diff_rebuilds_the_order_after_a_chapter_moves(report, secretariat):
    before = [p.text_en for p in diff.current_state(report).paragraphs]
    services.chapter_move(chapter=chapter(report, "3"), position=1, actor=secretariat)
    versions = diff.report_versions(report)
    assert render(versions[0].comment) == "Chapter moved"
    at_move = diff.state_at(report, versions[0].revision_id)
    assert [p.text_en for p in at_move.paragraphs] == before[4:] + before[:4]
    at_previous = diff.state_at(report, versions[1].revision_id)
    assert [p.text_en for p in at_previous.paragraphs] == before


# --- The screens, without JavaScript -----------------------------------------------------------


@pytest.fixture
def rapporteur(login_as):
    return login_as(RAPPORTEUR)


def editor(client, report):
    return client.get(reverse("reports:editor", args=[report.pk]))


def press(response, selector, value):
    """POST the up/down form at `selector` as the browser does with the button pressed."""
    form = form_in(response, selector)
    buttons = BeautifulSoup(response.content, "html.parser").select(f"{selector} button")
    assert value in {b.get("value") for b in buttons}
    return form.action, {**form.data(), "direction": [value]}


def action(name, *args):
    return f"form[action='{reverse(f'reports:{name}', args=args)}']"


def test_chapters_are_renamed_moved_and_deleted_through_the_editor(rapporteur, report, secretariat):
    three = chapter(report, "3")
    page = editor(rapporteur, report)
    assert page.status_code == 200
    target, data = press(page, action("chapter_move", report.pk, three.pk), "up")
    response = rapporteur.post(target, data)  # no JavaScript: a plain POST, then a redirect
    assert response.status_code == 302 and response["Location"].endswith(f"#chapter-{three.pk}")
    assert chapters_of(report) == [("1", "Chapter 1"), ("2", "Chapter 3"), ("3", "Chapter 2")]

    move = rapporteur.get(reverse("reports:chapter_move", args=[report.pk, three.pk]))
    submit(rapporteur, move, "form.procedure-form", {"position": "1"})
    assert chapters_of(report)[0] == ("1", "Chapter 3")
    bad = submit(rapporteur, move, "form.procedure-form", {"position": "zero"})
    assert bad.status_code == 400

    rename = rapporteur.get(reverse("reports:chapter_edit", args=[report.pk, three.pk]))
    submit(rapporteur, rename, "form.procedure-form", {"number": "I", "title_en": "Prevention"})
    assert chapters_of(report)[0] == ("I", "Prevention")
    clash = submit(rapporteur, rename, "form.procedure-form", {"number": "2"})
    assert clash.status_code == 400 and "Another chapter" in clash.content.decode()

    delete_url = reverse("reports:chapter_delete", args=[report.pk, three.pk])
    refused = rapporteur.get(delete_url)
    assert "still has paragraphs" in refused.content.decode()
    assert "Yes, delete it" not in refused.content.decode()
    assert rapporteur.post(delete_url).status_code == 400
    empty = services.chapter_create(report=report, number="9", title_en="Annex", actor=secretariat)
    confirm = rapporteur.get(reverse("reports:chapter_delete", args=[report.pk, empty.pk]))
    assert "Yes, delete it" in confirm.content.decode()
    assert Chapter.objects.filter(pk=empty.pk).exists()  # the GET changed nothing
    submit(rapporteur, confirm, "main form[method=post]")
    assert not Chapter.objects.filter(pk=empty.pk).exists()


def test_sections_are_added_moved_and_deleted_through_the_editor(rapporteur, report):
    one = chapter(report, "1")
    add_url = reverse("reports:section_add", args=[report.pk, one.pk])
    for title in ("Prevention", "Protection"):
        page = rapporteur.get(add_url)
        response = submit(rapporteur, page, "form.procedure-form", {"title_en": title})
        assert response.status_code == 302
    a, b = one.sections.order_by("sort_order")
    page = editor(rapporteur, report)
    html = page.content.decode()
    assert f'id="section-{a.pk}"' in html and "A. Prevention" in html and "B. Protection" in html
    target, data = press(page, action("section_move", report.pk, b.pk), "up")
    rapporteur.post(target, data)
    assert letters_of(one) == [("A", "Protection"), ("B", "Prevention")]

    rename = rapporteur.get(reverse("reports:section_edit", args=[report.pk, a.pk]))
    submit(rapporteur, rename, "form.procedure-form", {"title_en": "Prevention of trafficking"})
    assert letters_of(one)[1] == ("B", "Prevention of trafficking")

    # A paragraph is added into a section through the place select, at a position in it.
    add = rapporteur.get(
        reverse("reports:paragraph_add", args=[report.pk]) + f"?chapter={one.pk}&section={a.pk}"
    )
    assert form_in(add, "form.procedure-form").fields["chapter"] == [place_value(one.pk, a.pk)]
    assert BeautifulSoup(add.content, "html.parser").select("select[name=chapter] optgroup")
    submit(rapporteur, add, "form.procedure-form", {"text_en": contentstate_for("<p>Into B</p>")})
    assert ("1", "B", "Into B") in reading(report)

    refused = rapporteur.get(reverse("reports:section_delete", args=[report.pk, a.pk]))
    assert "still has paragraphs" in refused.content.decode()
    confirm = rapporteur.get(reverse("reports:section_delete", args=[report.pk, b.pk]))
    submit(rapporteur, confirm, "main form[method=post]")
    assert letters_of(one) == [("A", "Prevention of trafficking")]


def test_paragraphs_move_into_sections_through_the_editor(rapporteur, report, secretariat):
    a, b = sectioned(report, secretariat)
    moving = para(report, "Chapter 2, text 1")
    page = editor(rapporteur, report)
    target, data = press(page, action("paragraph_move", report.pk, moving.pk), "up")
    rapporteur.post(target, data)
    assert reading(report)[3] == ("1", "B", "Chapter 2, text 1")

    move = rapporteur.get(reverse("reports:paragraph_move", args=[report.pk, moving.pk]))
    assert form_in(move, "form.procedure-form").fields["chapter"] == [
        place_value(a.chapter_id, b.pk)
    ]
    submit(
        rapporteur,
        move,
        "form.procedure-form",
        {"chapter": place_value(a.chapter_id, a.pk), "position": "1"},
    )
    assert reading(report)[1] == ("1", "A", "Chapter 2, text 1")
    # A plain chapter id still names the chapter's opening paragraphs.
    submit(rapporteur, move, "form.procedure-form", {"chapter": str(a.chapter_id)})
    moving.refresh_from_db()
    assert moving.section is None and moving.chapter_id == a.chapter_id
    bad = submit(rapporteur, move, "form.procedure-form", {"chapter": "nonsense"})
    assert bad.status_code == 400


def test_the_structure_controls_are_keyboard_buttons_and_load_no_inline_script(
    rapporteur, report, secretariat
):
    sectioned(report, secretariat)
    soup = BeautifulSoup(editor(rapporteur, report).content, "html.parser")
    controls = soup.select(".report-structure form[data-structure-move] button")
    assert controls and all(button.get("aria-label") for button in controls)
    scripts = [s for s in soup.select("main script") if not s.get("src")]
    assert not scripts
    assert soup.select("script[src$='reports/structure.js']")


def test_the_editor_with_sections_takes_a_fixed_number_of_queries(
    login_as, kg_evaluation, kz_evaluation, secretariat, django_assert_max_num_queries
):
    small = build_report(kg_evaluation, secretariat, paragraphs_per_chapter=(1,), recommendations=1)
    services.section_create(chapter=small.chapters.get(), title_en="S", actor=secretariat)
    large = build_report(
        kz_evaluation, secretariat, paragraphs_per_chapter=(6, 6, 6), recommendations=4
    )
    for chapter_row in large.chapters.all():
        for title in ("One", "Two", "Three"):
            section = services.section_create(
                chapter=chapter_row, title_en=title, actor=secretariat
            )
            services.paragraph_insert(
                chapter=chapter_row, section=section, text_en=f"<p>{title}</p>", actor=secretariat
            )
    client = login_as("secretariat")
    editor(client, small)  # warm caches
    with django_assert_max_num_queries(40) as few:
        assert editor(client, small).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = editor(client, large)
    assert response.content.decode().count('class="report-section__title"') == 9


# --- Everywhere the text is read --------------------------------------------------------------


def _publishable(kg_report_fixture, secretariat, to_final_comments):
    sectioned(kg_report_fixture, secretariat)
    to_final_comments(kg_report_fixture.evaluation)
    return services.report_publish(report=kg_report_fixture, actor=secretariat)


def test_the_published_report_and_its_pdf_show_the_sections(
    report, secretariat, to_final_comments, client
):
    cache.clear()
    published = _publishable(report, secretariat, to_final_comments)
    snapshot = published.published_content["chapters"][0]
    assert [s["letter"] for s in snapshot["sections"]] == ["A", "B"]
    assert [p["section"] for p in snapshot["paragraphs"]] == [None, "A", "B"]

    page = client.get(report_path(published)).content.decode()
    soup = BeautifulSoup(page, "html.parser")
    headings = [h.get_text(strip=True) for h in soup.select(".report__section h3")]
    assert headings == ["A. Prevention", "B. Protection"]
    toc = [a.get_text(strip=True) for a in soup.select(".toc .toc__sections a")]
    assert toc == ["A. Prevention", "B. Protection"]
    section_b = soup.select(".report__section")[1]
    assert "In B" in section_b.get_text()

    pdf = client.get(f"/en/reports/{published.pk}.pdf").content
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "A. Prevention" in text and "B. Protection" in text
    assert text.index("A. Prevention", text.index("Chapter 1, text 1")) < text.index("In B")


def test_an_older_snapshot_without_sections_still_reads(report, secretariat, client):
    from tests.publications import publish_directly

    cache.clear()
    old = services._snapshot(report)
    for chapter_data in old["chapters"]:
        del chapter_data["sections"]
        for paragraph in chapter_data["paragraphs"]:
            del paragraph["section"]
    published = publish_directly(report, content=old)
    page = client.get(report_path(published)).content.decode()
    assert page.count('class="public-paragraph"') == 6
    assert 'class="report__section"' not in page


def test_the_draft_pdf_and_the_portal_show_the_sections(report, secretariat, user_named, client):
    sectioned(report, secretariat)
    content = report_content(user=secretariat, report=report)
    introduction, parts = content.chapters[0].parts()
    assert [p.number for p in introduction] == [1]
    assert [(s.letter, [p.number for p in ps]) for s, ps in parts] == [("A", [2]), ("B", [3])]
    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(render_report_pdf(content))).pages
    )
    assert "B. Protection" in text

    client.force_login(user_named("kg-contact"))
    page = client.get(reverse("portal:report", args=[report.pk]))
    assert page.status_code == 200
    headings = [
        h.get_text(strip=True)
        for h in BeautifulSoup(page.content, "html.parser").select("h3.report-section__title")
    ]
    assert headings == ["A. Prevention", "B. Protection"]
