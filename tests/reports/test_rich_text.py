"""The report editor's rich text: nh3's allow-list, Draftail's contentstate in and out of the
paragraph and recommendation forms (footnotes, page links, garbage), and the paragraph's table."""

import json

import pytest
from django.urls import reverse
from django.utils.html import escape

from recommendations.models import Recommendation
from reports.forms import ParagraphForm
from reports.html import sanitise, split_footnotes
from reports.models import Paragraph
from reports.placeholders import PLACEHOLDER_PATTERN
from reports.tables import split_table, table_block, table_html
from tests.rendered_forms import form_in, submit
from tests.reports.rich_text import contentstate_for, plain_contentstate_for

FORM = "form.procedure-form"
RAPPORTEUR = "expert-kz-2"  # one of Kyrgyzstan's rapporteurs


@pytest.fixture
def rapporteur(login_as):
    return login_as(RAPPORTEUR)


def paragraph_url(name, report, *args):
    return reverse(f"reports:{name}", args=[report.pk, *args])


# --- nh3's allow-list ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>a<script>alert('x')</script>b</p>", "<p>ab</p>"),
        ("<style>p{color:red}</style><iframe src='x'>frame</iframe><p>kept</p>", "<p>kept</p>"),
        ('<p onclick="steal()">text</p>', "<p>text</p>"),
        ('<a href="javascript:alert(1)">link</a>', "<a>link</a>"),
        (
            '<a href="https://example.org/a?b=1&amp;c=2">l</a>',
            '<a href="https://example.org/a?b=1&amp;c=2">l</a>',
        ),
        ('<a href="mailto:a@example.org">mail</a>', '<a href="mailto:a@example.org">mail</a>'),
        ('<a href="data:text/html,x">data</a>', "<a>data</a>"),
        ('<span class="footnote big">Law No. 1</span>', '<span class="footnote">Law No. 1</span>'),
        ('<span class="big">plain <span>nested</span></span>', "plain nested"),
        (
            '<span><span class="footnote">note <span>x</span></span></span>',
            '<span class="footnote">note x</span>',
        ),
        ("<img src=x onerror=alert(1)><p>after</p>", "<p>after</p>"),
        (
            '<table><tr><th scope="col" style="x">Year</th><th scope="bad">N</th>'
            '<td colspan="2" rowspan="300" class="c">12</td></tr></table>',
            '<table><tbody><tr><th scope="col">Year</th><th>N</th><td colspan="2">12</td>'
            "</tr></tbody></table>",
        ),
        (
            "<p>1 &lt; 2 <b>b</b> <sub>2</sub><sup>3</sup></p>",
            "<p>1 &lt; 2 <b>b</b> <sub>2</sub><sup>3</sup></p>",
        ),
    ],
)
def test_the_allow_list(html, expected):
    assert sanitise(html) == expected


def test_an_address_with_angle_brackets_loses_its_href():
    assert sanitise('<a href="https://x.org/<span>">l</a>') == "<a>l</a>"


# --- Draftail in the paragraph form -------------------------------------------------------------


def test_lists_footnotes_and_headings_round_trip_through_the_editor(rapporteur, kg_report):
    chapter = kg_report.chapters.first()
    page = rapporteur.get(paragraph_url("paragraph_add", kg_report), {"chapter": chapter.pk})
    content = page.content.decode()
    assert "reports/rich_text.js" in content and "wagtailadmin/js/draftail.js" in content
    # The highlighting's pattern is the server's, handed to the page (escaped) by the widget.
    assert f'data-placeholder-pattern="{escape(PLACEHOLDER_PATTERN)}"' in content
    written = (
        '<h3>Victims</h3><p>Identified<span class="footnote">Law No. 1, art. 5</span> victims '
        "[to be agreed]:</p><ul><li>women</li><li>children</li></ul>"
    )
    response = submit(rapporteur, page, FORM, {"text_en": contentstate_for(written)})
    assert response.status_code == 302
    paragraph = Paragraph.objects.get(chapter=chapter, text_en__startswith="<h3>Victims")
    assert paragraph.text_en == written  # no data-block-key attributes are stored
    edit = rapporteur.get(paragraph_url("paragraph_edit", kg_report, paragraph.pk))
    posted = json.loads(form_in(edit, FORM).fields["text_en"][0])
    assert [block["type"] for block in posted["blocks"]] == [
        "header-three",
        "unstyled",
        "unordered-list-item",
        "unordered-list-item",
    ]
    assert posted["blocks"][1]["inlineStyleRanges"] == [
        {"offset": len("Identified"), "length": len("Law No. 1, art. 5"), "style": "FOOTNOTE"}
    ]
    # Saving the edit page untouched keeps the text as it was.
    assert submit(rapporteur, edit, FORM).status_code == 302
    paragraph.refresh_from_db()
    assert paragraph.text_en == written
    marked, notes = split_footnotes(paragraph.text_en)
    assert notes == ["Law No. 1, art. 5"] and '<sup class="footnote-ref">1</sup>' in marked


def test_a_page_link_is_stored_as_a_plain_address(rapporteur, kg_report):
    from wagtail.models import Page

    home = Page.objects.filter(depth=2).first()
    chapter = kg_report.chapters.first()
    page = rapporteur.get(paragraph_url("paragraph_add", kg_report), {"chapter": chapter.pk})
    state = contentstate_for(f'<p>See <a linktype="page" id="{home.pk}">the site</a></p>')
    assert submit(rapporteur, page, FORM, {"text_en": state}).status_code == 302
    stored = Paragraph.objects.get(chapter=chapter, text_en__contains="the site").text_en
    assert "linktype" not in stored
    assert stored.startswith('<p>See <a href="') and stored.endswith('">the site</a></p>')


@pytest.mark.parametrize(
    "garbage",
    [
        "not json",
        "[1, 2]",
        '{"blocks": "no"}',
        '{"blocks": [{"text": 5}], "entityMap": {}}',
        '{"blocks": [{"text": "x", "entityRanges": [{"offset": 0, "length": 1, "key": 9}]}],'
        ' "entityMap": {}}',
        '{"blocks": [{"text": "x", "inlineStyleRanges": [{"offset": -1, "length": "a"}]}]}',
        "[" * 100_000,
        json.dumps({"blocks": [{"text": "x" * 500_000}], "entityMap": {}}),
    ],
)
def test_garbage_from_the_editor_is_a_form_error(rapporteur, kg_report, garbage):
    chapter = kg_report.chapters.first()
    page = rapporteur.get(paragraph_url("paragraph_add", kg_report), {"chapter": chapter.pk})
    response = submit(rapporteur, page, FORM, {"text_en": garbage})
    assert response.status_code == 400
    assert "The editor sent text that cannot be read." in response.content.decode()
    assert Paragraph.objects.filter(chapter__report=kg_report).count() == 4


# --- The table ----------------------------------------------------------------------------------


def _table():
    return table_block().to_python(
        {
            "columns": [
                {"type": "text", "heading": "Year"},
                {"type": "text", "heading": "Victims <identified>"},
            ],
            "rows": [{"values": ["2023", "12 & more"]}, {"values": ["2024", ""]}],
            "caption": "Victims by year",
        }
    )


def test_a_table_is_written_escaped_and_read_back():
    html = table_html(_table())
    assert html == (
        '<table><caption>Victims by year</caption><thead><tr><th scope="col">Year</th>'
        '<th scope="col">Victims &lt;identified&gt;</th></tr></thead><tbody><tr><td>2023</td>'
        "<td>12 &amp; more</td></tr><tr><td>2024</td><td></td></tr></tbody></table>"
    )
    text, table = split_table("<p>Text</p>" + html)
    assert text == "<p>Text</p>"
    assert table_block().get_prep_value(table) == table_block().get_prep_value(_table())
    assert split_table("<p>No table</p>") == ("<p>No table</p>", None)


def _table_post(prefix: str, headings: list[str], rows: list[list[str]], caption: str = ""):
    """The inputs TypedTableBlock's script adds to the form for a table."""
    data = {
        f"{prefix}-caption": caption,
        f"{prefix}-column-count": str(len(headings)),
        f"{prefix}-row-count": str(len(rows)),
    }
    for column, heading in enumerate(headings):
        data |= {
            f"{prefix}-column-{column}-type": "text",
            f"{prefix}-column-{column}-order": str(column),
            f"{prefix}-column-{column}-heading": heading,
            f"{prefix}-column-{column}-deleted": "",
        }
    for row, cells in enumerate(rows):
        data |= {f"{prefix}-row-{row}-order": str(row), f"{prefix}-row-{row}-deleted": ""}
        for column, cell in enumerate(cells):
            data[f"{prefix}-cell-{row}-{column}"] = cell
    return data


def test_a_table_round_trips_through_the_paragraph_form(rapporteur, kg_report):
    paragraph = Paragraph.objects.get(chapter__report=kg_report, number=1)
    edit = rapporteur.get(paragraph_url("paragraph_edit", kg_report, paragraph.pk))
    assert 'data-controller="w-block"' in edit.content.decode()
    data = form_in(edit, FORM).data() | _table_post(
        "table_en", ["Year", "Cases"], [["2023", "<b>4</b>"]], caption="Cases"
    )
    response = rapporteur.post(edit.wsgi_request.path, data)
    assert response.status_code == 302
    paragraph.refresh_from_db()
    assert paragraph.text_en == (
        '<p>Chapter 1, text 1</p><table><caption>Cases</caption><thead><tr><th scope="col">'
        'Year</th><th scope="col">Cases</th></tr></thead><tbody><tr><td>2023</td>'
        "<td>&lt;b&gt;4&lt;/b&gt;</td></tr></tbody></table>"
    )
    # Edited again: the text goes to Draftail, the table to the table editor, and a form sent
    # without the table's inputs (no script) keeps the table.
    form = ParagraphForm(initial={"text_en": paragraph.text_en})
    assert form.initial["text_en"] == "<p>Chapter 1, text 1</p>"
    assert [c["heading"] for c in form.initial["table_en"].columns] == ["Year", "Cases"]
    edit = rapporteur.get(paragraph_url("paragraph_edit", kg_report, paragraph.pk))
    assert "table_en-column-count" not in form_in(edit, FORM).names
    submit(rapporteur, edit, FORM, {"text_en": contentstate_for("<p>Reworded</p>")})
    paragraph.refresh_from_db()
    assert paragraph.text_en.startswith("<p>Reworded</p><table><caption>Cases</caption>")
    # Deleting every column removes the table.
    edit = rapporteur.get(paragraph_url("paragraph_edit", kg_report, paragraph.pk))
    data = form_in(edit, FORM).data() | _table_post("table_en", [], [])
    rapporteur.post(edit.wsgi_request.path, data)
    paragraph.refresh_from_db()
    assert paragraph.text_en == "<p>Reworded</p>"


@pytest.mark.parametrize(
    "garbage",
    [
        {"table_en-column-count": "x"},
        {"table_en-column-count": "1", "table_en-row-count": "0"},  # no column inputs
        {"table_en-column-count": "100000", "table_en-row-count": "0", "table_en-caption": ""},
    ],
)
def test_a_garbage_table_is_a_form_error(rapporteur, kg_report, garbage):
    paragraph = Paragraph.objects.get(chapter__report=kg_report, number=1)
    edit = rapporteur.get(paragraph_url("paragraph_edit", kg_report, paragraph.pk))
    response = rapporteur.post(edit.wsgi_request.path, form_in(edit, FORM).data() | garbage)
    assert response.status_code == 400
    assert "The table sent cannot be read." in response.content.decode()
    paragraph.refresh_from_db()
    assert paragraph.text_en == "<p>Chapter 1, text 1</p>"


# --- Recommendations stay plain text ------------------------------------------------------------


def test_a_recommendation_is_written_in_draftail_and_stored_plain(rapporteur, kg_report):
    recommendation = kg_report.recommendations.get(number=1)
    url = reverse("recommendations:recommendation_edit", args=[kg_report.pk, recommendation.pk])
    edit = rapporteur.get(url)
    rendered = json.loads(form_in(edit, FORM).fields["text_en"][0])
    assert [block["text"] for block in rendered["blocks"]] == [recommendation.text_en]
    assert "data-placeholder-pattern=" in edit.content.decode()
    typed = "Identify victims & <refer> them\n[to be agreed] quickly"
    response = submit(rapporteur, edit, FORM, {"text_en": plain_contentstate_for(typed)})
    assert response.status_code == 302
    recommendation = Recommendation.objects.get(pk=recommendation.pk)
    # Plain text, the lines joined by a space, as the sentence the strength's lead-in begins
    # (recommendations/wording.py composes a fragment).
    assert recommendation.text_en.endswith(
        "identify victims & <refer> them [to be agreed] quickly."
    )
    assert "<p" not in recommendation.text_en
    response = submit(rapporteur, edit, FORM, {"text_en": "{not json"})
    assert response.status_code == 400
    assert "The editor sent text that cannot be read." in response.content.decode()
