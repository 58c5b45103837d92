"""The read-only PDF of a response: the questionnaire with the answers a user may read, for
reading and printing (reportlab platypus). Served to respondents by the portal and to the expert
group by the exports; both go through monitoring.access via questionnaires.reading."""

from __future__ import annotations

import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

from monitoring import display
from monitoring.pdf import BOLD, REGULAR, printable, register_fonts, text_paragraph

from . import reading
from .models import Response


def response_pdf(*, response: Response, user) -> bytes:
    """The questionnaire with the answers `user` may read, for reading and printing."""
    return _PdfBuilder(response).build(reading.response_reading(user, response))


class _PdfBuilder:
    """Platypus story of a response: title, facts, then each section's questions and answers
    (statistics tables and repeating groups as tables, confidential answers flagged)."""

    width = A4[0] - 36 * mm

    def __init__(self, response: Response):
        self.response = response
        register_fonts()  # DejaVu Sans, shipped in monitoring/fonts: Cyrillic included
        self.regular, self.bold = REGULAR, BOLD
        base = ParagraphStyle(
            "base", fontName=self.regular, fontSize=9.5, leading=12.5, alignment=TA_LEFT
        )
        grey, red = colors.HexColor("#4a5563"), colors.HexColor("#9b1c1c")
        self.styles = {
            "title": ParagraphStyle(
                "title", parent=base, fontName=self.bold, fontSize=16, leading=20
            ),
            "meta": ParagraphStyle("meta", parent=base, textColor=grey),
            "section": ParagraphStyle(
                "section", parent=base, fontName=self.bold, fontSize=13, leading=17, spaceBefore=10
            ),
            "question": ParagraphStyle("question", parent=base, fontName=self.bold, spaceBefore=6),
            "answer": ParagraphStyle("answer", parent=base, leftIndent=6 * mm),
            "missing": ParagraphStyle("missing", parent=base, leftIndent=6 * mm, textColor=grey),
            "flag": ParagraphStyle("flag", parent=base, leftIndent=6 * mm, textColor=red),
            "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        }

    def paragraph(self, text: str, style: str) -> Paragraph:
        return text_paragraph(text, self.styles[style], lines=True)

    def grid(self) -> TableStyle:
        return TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), self.regular, 8.5),
                ("FONT", (0, 0), (0, -1), self.bold, 8.5),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde3ea")),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8a94a3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ]
        )

    def statistics_table(self, table: reading.TableDisplay) -> LongTable:
        header = [self.paragraph(label, "cell") for label in [table.row_heading, *table.columns]]
        rows = [
            [
                self.paragraph(row.label, "cell"),
                *("" if v is None else f"{v:,}".replace(",", "\u00a0") for v in row.values),
            ]
            for row in table.rows
        ]
        first = 24 * mm
        other = min((self.width - first) / max(len(table.columns), 1), 28 * mm)
        flowable = LongTable(
            [header, *rows],
            repeatRows=1,
            hAlign="LEFT",
            colWidths=[first] + [other] * len(table.columns),
        )
        style = self.grid()
        if table.total_column is not None:
            style.add("FONT", (table.total_column + 1, 1), (table.total_column + 1, -1), self.bold)
        flowable.setStyle(style)
        return flowable

    def entries_table(self, entries: reading.EntriesDisplay) -> LongTable:
        rows = [[self.paragraph(c, "cell") for c in entries.columns]]
        rows += [[self.paragraph(v, "cell") for v in entry] for entry in entries.rows]
        width = self.width / max(len(entries.columns), 1)
        flowable = LongTable(rows, repeatRows=1, colWidths=[width] * len(entries.columns))
        style = self.grid()
        style.add("ALIGN", (0, 0), (-1, -1), "LEFT")
        flowable.setStyle(style)
        return flowable

    def answer_block(self, item: reading.AnswerDisplay) -> list:
        block = [self.paragraph(f"{item.question.code}  {item.question.text}", "question")]
        if item.confidential:
            block.append(self.paragraph(_("Confidential answer: expert group only."), "flag"))
        if item.table is not None and item.answered:
            block.append(self.statistics_table(item.table))
        elif item.entries is not None and item.entries.rows:
            block.append(self.entries_table(item.entries))
        elif item.text:
            block.append(self.paragraph(item.text, "answer"))
        else:
            block.append(self.paragraph(_("Not answered."), "missing"))
        return block

    def build(self, sections: list[reading.SectionReading]) -> bytes:
        response = self.response
        facts = " · ".join(
            [
                str(response.organisation.name),
                str(response.evaluation.country.name),
                str(response.get_status_display()),
                _("due %(date)s") % {"date": display.day(response.due_on)},
            ]
        )
        printed = _("Printed on %(date)s.") % {"date": display.day(timezone.now(), "datetime")}
        story = [
            self.paragraph(str(response.questionnaire.title), "title"),
            self.paragraph(facts, "meta"),
            self.paragraph(
                _("For reading only. Answer in the portal or with the offline workbook.")
                + " "
                + printed,
                "meta",
            ),
        ]
        if response.is_confidential:
            story.append(
                self.paragraph(_("This whole response is confidential: expert group only."), "flag")
            )
        for section_reading in sections:
            self.add_section(story, str(section_reading.section), section_reading.items)
        return self.document(
            story, title=response.questionnaire.title, author=response.organisation.name
        )

    def add_section(self, story: list, heading: str, items) -> None:
        """A section's heading and its answers; a short answer stays with its question."""
        story.append(self.paragraph(heading, "section"))
        for item in items:
            block = self.answer_block(item)
            if len(item.text) < 1500:
                story.append(KeepTogether(block))
            else:
                story.extend(block)
        story.append(Spacer(1, 4 * mm))

    def document(self, story: list, *, title: str, author: str) -> bytes:
        """The story on A4 pages, each footed with the author and its number."""
        author = printable(author)
        page_label = _("page %(page)s")
        regular = self.regular

        def on_page(canvas, document):
            canvas.saveState()
            canvas.setFont(regular, 8)
            canvas.drawString(
                18 * mm, 10 * mm, f"{author} — " + page_label % {"page": document.page}
            )
            canvas.restoreState()

        buffer = io.BytesIO()
        SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=16 * mm,
            bottomMargin=18 * mm,
            title=printable(title),
            author=author,
            lang=translation.get_language() or "en",
        ).build(story, onFirstPage=on_page, onLaterPages=on_page)
        return buffer.getvalue()
