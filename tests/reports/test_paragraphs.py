"""Paragraph numbers run through the whole report and follow every insert, move and delete."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from reports import services
from reports.html import sanitise, split_footnotes
from reports.models import Paragraph


def numbered(report):
    """[(chapter number, paragraph number, text)] in reading order."""
    return [
        (p.chapter.number, p.number, p.text_en)
        for p in Paragraph.objects.filter(chapter__report=report)
        .select_related("chapter")
        .order_by("chapter__sort_order", "sort_order")
    ]


def texts(report):
    return [text for _chapter, _number, text in numbered(report)]


def assert_continuous(report):
    numbers = [number for _chapter, number, _text in numbered(report)]
    assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.django_db
def test_numbers_run_through_the_chapters(kg_report):
    assert numbered(kg_report) == [
        ("1", 1, "<p>Chapter 1, text 1</p>"),
        ("1", 2, "<p>Chapter 1, text 2</p>"),
        ("2", 3, "<p>Chapter 2, text 1</p>"),
        ("2", 4, "<p>Chapter 2, text 2</p>"),
    ]


def test_insert_in_the_middle_renumbers_everything_after(kg_report, secretariat):
    first_chapter = kg_report.chapters.get(number="1")
    inserted = services.paragraph_insert(
        chapter=first_chapter, text_en="<p>New</p>", position=2, actor=secretariat
    )
    assert inserted.number == 2
    assert texts(kg_report) == [
        "<p>Chapter 1, text 1</p>",
        "<p>New</p>",
        "<p>Chapter 1, text 2</p>",
        "<p>Chapter 2, text 1</p>",
        "<p>Chapter 2, text 2</p>",
    ]
    assert_continuous(kg_report)


def test_insert_first_and_last(kg_report, secretariat):
    second = kg_report.chapters.get(number="2")
    services.paragraph_insert(chapter=second, text_en="First", position=1, actor=secretariat)
    services.paragraph_insert(chapter=second, text_en="Last", actor=secretariat)
    assert texts(kg_report)[2] == "First"
    assert texts(kg_report)[-1] == "Last"
    assert_continuous(kg_report)


def test_delete_closes_the_gap(kg_report, secretariat):
    paragraph = Paragraph.objects.get(chapter__report=kg_report, number=3)
    services.paragraph_delete(paragraph=paragraph, actor=secretariat)
    assert [n for _c, n, _t in numbered(kg_report)] == [1, 2, 3]
    assert "<p>Chapter 2, text 1</p>" not in texts(kg_report)


def test_a_paragraph_carrying_recommendations_cannot_be_deleted(kg_report, secretariat):
    anchored = Paragraph.objects.get(chapter__report=kg_report, number=1)
    with pytest.raises(ValidationError):
        services.paragraph_delete(paragraph=anchored, actor=secretariat)
    assert Paragraph.objects.filter(pk=anchored.pk).exists()


def test_reorder_within_a_chapter_and_across_chapters(kg_report, secretariat):
    last = Paragraph.objects.get(chapter__report=kg_report, number=4)
    services.paragraph_move(paragraph=last, position=1, actor=secretariat)
    assert texts(kg_report)[2:] == ["<p>Chapter 2, text 2</p>", "<p>Chapter 2, text 1</p>"]
    assert_continuous(kg_report)

    first_chapter = kg_report.chapters.get(number="1")
    moved = services.paragraph_move(
        paragraph=last, chapter=first_chapter, position=1, actor=secretariat
    )
    assert moved.number == 1
    assert texts(kg_report) == [
        "<p>Chapter 2, text 2</p>",
        "<p>Chapter 1, text 1</p>",
        "<p>Chapter 1, text 2</p>",
        "<p>Chapter 2, text 1</p>",
    ]
    assert_continuous(kg_report)


def test_renumbering_writes_in_one_update(kg_report, secretariat):
    paragraph = Paragraph.objects.get(chapter__report=kg_report, number=4)
    with CaptureQueriesContext(connection) as queries:
        services.paragraph_move(paragraph=paragraph, position=1, actor=secretariat)
    updates = [q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 1


def test_only_the_secretariat_and_the_rapporteurs_edit(kg_report, user_named):
    chapter = kg_report.chapters.first()
    rapporteur = user_named("expert-uz")  # a rapporteur for Kyrgyzstan
    services.paragraph_insert(chapter=chapter, text_en="By a rapporteur", actor=rapporteur)
    for username in ("expert-kg", "kg-contact", "ngo-kg"):
        with pytest.raises(PermissionDenied):
            services.paragraph_insert(chapter=chapter, text_en="No", actor=user_named(username))


def test_every_edit_is_a_revision_with_its_author(kg_report, secretariat):
    paragraph = Paragraph.objects.get(chapter__report=kg_report, number=1)
    services.paragraph_update(
        paragraph=paragraph, text_en="<p>Edited</p>", text_ru="<p>Правка</p>", actor=secretariat
    )
    versions = Version.objects.get_for_object(paragraph)
    assert versions.count() == 2
    assert versions.first().revision.user == secretariat


def test_rich_text_is_sanitised(kg_report, secretariat):
    chapter = kg_report.chapters.first()
    paragraph = services.paragraph_insert(
        chapter=chapter,
        text_en='<p onclick="x()">Safe <strong>bold</strong> <a href="javascript:alert(1)">l</a>'
        '<script>alert("x")</script><span style="color:red">kept text</span></p>',
        actor=secretariat,
    )
    assert paragraph.text_en == "<p>Safe <strong>bold</strong> <a>l</a>kept text</p>"
    assert sanitise('<a href="https://example.org" target="_blank">x</a>') == (
        '<a href="https://example.org">x</a>'
    )


def test_an_empty_paragraph_is_refused(kg_report, secretariat):
    with pytest.raises(ValidationError):
        services.paragraph_insert(
            chapter=kg_report.chapters.first(), text_en="<script>x</script>", actor=secretariat
        )


def test_a_published_report_is_frozen_until_a_correction_is_opened(kz_report, secretariat):
    chapter = kz_report.chapters.first()
    with pytest.raises(ValidationError):
        services.paragraph_insert(chapter=chapter, text_en="Late", actor=secretariat)
    services.report_correction_open(report=kz_report, note="Typo in para. 2", actor=secretariat)
    services.paragraph_insert(chapter=chapter, text_en="Corrected", actor=secretariat)
    assert_continuous(kz_report)


def test_headings_tables_and_footnotes_are_kept_and_numbered():
    html = sanitise(
        '<h3>Victims</h3><p>Text<span class="footnote other" style="x">Law No. 1, '
        '<a href="javascript:x">art. 5</a></span> and <span>plain</span></p>'
        '<table><tr><th scope="col" onclick="x">Year</th><td colspan="2">12</td></tr></table>'
    )
    assert html == (
        '<h3>Victims</h3><p>Text<span class="footnote">Law No. 1, <a>art. 5</a></span> and '
        'plain</p><table><tbody><tr><th scope="col">Year</th><td colspan="2">12</td></tr></tbody>'
        "</table>"  # nh3 parses as a browser does: rows live in a tbody
    )
    marked, notes = split_footnotes(html, start=7)
    assert '<sup class="footnote-ref">7</sup>' in marked
    assert 'footnote"' not in marked
    assert notes == ["Law No. 1, <a>art. 5</a>"]
    assert split_footnotes("<p>No notes</p>") == ("<p>No notes</p>", [])
