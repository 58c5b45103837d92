"""A report as PDF (reportlab platypus): cover, table of contents, numbered paragraphs with
their footnotes, recommendations set off in the text, a chart of recommendations by theme and
strength, the list of recommendations grouped by strength, and the government's final
comments in an appendix, clearly apart from the expert group's text.

Every page after the cover has a running header and "page x of y"; a draft carries a
"CONFIDENTIAL DRAFT" watermark and, in the footer, the organisation and person it was printed
for. The font (DejaVu Sans, shipped in monitoring/fonts) covers Cyrillic, and the text stays
extractable and searchable.
"""

from __future__ import annotations

import io
from collections import Counter

from bs4 import BeautifulSoup, NavigableString, Tag
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    Indenter,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents
from wagtail import hooks

from monitoring import display
from monitoring.i18n import ONLY_IN
from monitoring.pdf import (
    BOLD,
    REGULAR,
    in_language,
    link_target,
    markup,
    printable,
    register_fonts,
)

from .html import sanitise, split_footnotes
from .pdf_content import RecommendationContent, ReportContent

MARGIN = 20 * mm
NUMBER_INDENT = 10 * mm
GREY = colors.HexColor("#4a5563")
LINK = colors.HexColor("#1d4ed8")


# The running-text styles, hyphenated in their text's language; headings and labels are not.
HYPHENATED = frozenset(
    {"numbered", "body", "list_item", "cell", "note", "recommendation", "final_item", "comment"}
)

PDF_RECOMMENDATIONS_HOOK = "register_report_pdf_recommendations"


def recommendation_printing():
    """How the PDF prints recommendations: the app that owns them registers, under
    PDF_RECOMMENDATIONS_HOOK, a function returning an object with `strengths` (the strength
    choices, strongest first), `colours` (strength -> colour) and `chart(counts, width=)` (the
    theme x strength drawing), so reports prints them without importing that app."""
    (provider,) = hooks.get_hooks(PDF_RECOMMENDATIONS_HOOK)
    return provider()


def strength_heading(strength: str) -> str:
    """The heading of a strength's group in the list of recommendations. Each recommendation is
    a full sentence that begins with its strength's lead-in ("The expert group urges the
    authorities to …", recommendations.wording), so the heading names the group instead of
    opening a sentence."""
    return {
        "urges": _("Recommendations the expert group urges"),
        "considers": _("Recommendations the expert group considers necessary"),
        "invites": _("Recommendations the expert group invites the authorities to take up"),
    }[strength]


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("base", fontName=REGULAR, fontSize=10, leading=14)
    return {
        "cover_title": ParagraphStyle(
            "cover_title", parent=base, fontName=BOLD, fontSize=22, leading=28, spaceAfter=12
        ),
        "cover": ParagraphStyle("cover", parent=base, fontSize=13, leading=18, spaceAfter=6),
        "confidential": ParagraphStyle(
            "confidential",
            parent=base,
            fontName=BOLD,
            fontSize=13,
            leading=18,
            textColor=colors.HexColor("#9b1c1c"),
            spaceBefore=12,
        ),
        "toc_title": ParagraphStyle(
            "toc_title", parent=base, fontName=BOLD, fontSize=16, leading=20, spaceAfter=10
        ),
        "chapter": ParagraphStyle(
            "chapter",
            parent=base,
            fontName=BOLD,
            fontSize=14,
            leading=18,
            spaceBefore=14,
            spaceAfter=8,
            keepWithNext=True,
        ),
        "section": ParagraphStyle(
            "section",
            parent=base,
            fontName=BOLD,
            fontSize=12,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=True,
        ),
        "subheading": ParagraphStyle(
            "subheading",
            parent=base,
            fontName=BOLD,
            fontSize=11,
            leading=15,
            spaceBefore=6,
            leftIndent=NUMBER_INDENT,
            keepWithNext=True,
        ),
        "numbered": ParagraphStyle(
            "numbered",
            parent=base,
            leftIndent=NUMBER_INDENT,
            bulletIndent=0,
            bulletFontName=REGULAR,
            spaceBefore=5,
        ),
        "body": ParagraphStyle("body", parent=base, leftIndent=NUMBER_INDENT, spaceBefore=3),
        "list_item": ParagraphStyle(
            "list_item",
            parent=base,
            leftIndent=NUMBER_INDENT + 6 * mm,
            bulletIndent=NUMBER_INDENT + 1 * mm,
            bulletFontName=REGULAR,
            spaceBefore=2,
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11),
        "note": ParagraphStyle(
            "note",
            parent=base,
            fontSize=8,
            leading=10.5,
            leftIndent=NUMBER_INDENT,
            textColor=GREY,
            spaceBefore=1,
        ),
        "recommendation": ParagraphStyle("recommendation", parent=base, fontSize=9.5, leading=13),
        "group": ParagraphStyle(
            "group", parent=base, fontName=BOLD, spaceBefore=10, spaceAfter=4, keepWithNext=True
        ),
        "final_item": ParagraphStyle(
            "final_item",
            parent=base,
            leftIndent=NUMBER_INDENT,
            bulletIndent=0,
            bulletFontName=REGULAR,
            spaceBefore=3,
        ),
        "comment": ParagraphStyle("comment", parent=base, spaceBefore=6),
        "meta": ParagraphStyle("meta", parent=base, fontSize=9, textColor=GREY),
    }


# --- Rich text (the sanitised subset of reports.html) to platypus ----------------------------
# An allow-list: the elements below become reportlab's own bold, italics, superscripts, line
# breaks and web links; anything else keeps only its text, escaped. No user content ever
# produces an <img>, a <font>, a link to a file or a named destination.

BLOCKS = {"p", "h3", "h4", "ul", "ol", "table"}


def _inline(node) -> str:
    """Reportlab's paragraph markup for an inline fragment; text is escaped."""
    if isinstance(node, NavigableString):
        return markup(node)
    inner = "".join(_inline(child) for child in node.children)
    match node.name:
        case "b" | "strong":
            return f"<b>{inner}</b>"
        case "i" | "em":
            return f"<i>{inner}</i>"
        case "a" if link_target(node.get("href") or ""):
            href = markup(link_target(node["href"]))
            return f'<a href="{href}" color="#1d4ed8"><u>{inner}</u></a>'
        case "br":
            return "<br/>"
        case "sup":
            return f"<super>{inner}</super>"
        case "sub":
            return f"<sub>{inner}</sub>"
        case "p" | "li" if inner:
            return inner + "<br/>"
        case _:
            return inner


def _is_subheading(flowable) -> bool:
    return isinstance(flowable, Paragraph) and flowable.style.name == "subheading"


class _RichText:
    def __init__(self, styles: dict[str, ParagraphStyle], width: float):
        self.styles = styles
        self.width = width

    def flowables(self, html: str, number: int | None = None) -> list:
        soup = BeautifulSoup(html, "html.parser")
        flowables: list = []
        pending: list[str] = []

        def flush():
            text = "".join(pending).strip()
            pending.clear()
            if text:
                flowables.append(Paragraph(text, self.styles["body"]))

        for node in soup.children:
            if isinstance(node, Tag) and node.name in BLOCKS:
                flush()
                flowables.extend(self.block(node))
            else:
                pending.append(_inline(node))
        flush()
        if number is not None:
            self.number_first(flowables, number)
        return flowables

    def number_first(self, flowables: list, number: int) -> None:
        """Put the paragraph's number before its first text; a heading that opens the
        paragraph stays above the number, as in GRETA reports."""
        anchor = f'<a name="p-{number}"/>'
        position = 0
        while position < len(flowables) and _is_subheading(flowables[position]):
            position += 1
        first = flowables[position] if position < len(flowables) else None
        if isinstance(first, Paragraph) and first.style.name == "body":
            flowables[position] = Paragraph(
                anchor + first.text, self.styles["numbered"], bulletText=f"{number}."
            )
        else:
            flowables.insert(
                position, Paragraph(anchor, self.styles["numbered"], bulletText=f"{number}.")
            )

    def block(self, node: Tag) -> list:
        if node.name in ("h3", "h4"):
            return [Paragraph(_inline(node), self.styles["subheading"])]
        if node.name in ("ul", "ol"):
            items = node.find_all("li", recursive=False)
            return [
                Paragraph(
                    _inline(item).removesuffix("<br/>"),
                    self.styles["list_item"],
                    bulletText=f"{index}." if node.name == "ol" else "•",
                )
                for index, item in enumerate(items, start=1)
            ]
        if node.name == "table":
            return self.table(node)
        text = _inline(node).removesuffix("<br/>").strip()
        return [Paragraph(text, self.styles["body"])] if text else []

    def table(self, node: Tag) -> list:
        rows = []
        for row in node.find_all("tr"):
            cells = row.find_all(["th", "td"], recursive=False)
            rows.append(
                [
                    Paragraph(
                        f"<b>{_inline(cell)}</b>" if cell.name == "th" else _inline(cell),
                        self.styles["cell"],
                    )
                    for cell in cells
                ]
            )
        if not rows:
            return []
        columns = max(len(row) for row in rows)
        rows = [row + [""] * (columns - len(row)) for row in rows]
        available = self.width - NUMBER_INDENT
        table = Table(rows, colWidths=[available / columns] * columns, repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8a94a3")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f5")),
                ]
            )
        )
        flowables: list = [Indenter(left=NUMBER_INDENT)]
        caption = node.find("caption")
        if caption is not None:
            flowables.append(Paragraph(_inline(caption), self.styles["meta"]))
        flowables += [Spacer(1, 2 * mm), table, Spacer(1, 2 * mm), Indenter(left=-NUMBER_INDENT)]
        return flowables


# --- The document ---------------------------------------------------------------------------


class _Heading(Paragraph):
    """A heading that goes into the table of contents and the PDF outline."""

    def __init__(self, text: str, style: ParagraphStyle, key: str, level: int = 0):
        super().__init__(f'<a name="{key}"/>{markup(text)}', style)
        # The table of contents makes a paragraph of its entry, so it gets markup too; the
        # outline takes plain text.
        self.toc_markup, self.outline_text = markup(text), printable(text)
        self.toc_key, self.toc_level = key, level


class _ReportDocTemplate(BaseDocTemplate):
    """Builds in passes (the table of contents needs them); each pass learns the page count
    of the one before, for the footers' "page x of y"."""

    page_total: int | None = None
    total_in_footers: int | None = None

    def build(self, flowables, **kwargs) -> None:
        self.total_in_footers = self.page_total
        super().build(flowables, **kwargs)
        self.page_total = self.page

    def afterFlowable(self, flowable) -> None:
        if isinstance(flowable, _Heading):
            self.canv.bookmarkPage(flowable.toc_key)
            self.canv.addOutlineEntry(flowable.outline_text, flowable.toc_key, flowable.toc_level)
            self.notify(
                "TOCEntry", (flowable.toc_level, flowable.toc_markup, self.page, flowable.toc_key)
            )


class ReportPdf:
    def __init__(self, content: ReportContent):
        self.content = content
        self._base_styles = _styles()
        self._by_language: dict[str, tuple[dict[str, ParagraphStyle], _RichText]] = {}
        self.width = A4[0] - 2 * MARGIN
        self.styles, self.rich_text = self.in_language("")
        self.printing = recommendation_printing()

    def in_language(self, language: str) -> tuple[dict[str, ParagraphStyle], _RichText]:
        """The styles and the rich-text converter for a text in `language` ("": the
        document's): its font and hyphenation (monitoring.pdf.in_language)."""
        language = language or self.content.language
        if language not in self._by_language:
            styles = {
                name: in_language(style, language, hyphenate=name in HYPHENATED)
                for name, style in self._base_styles.items()
            }
            self._by_language[language] = (styles, _RichText(styles, self.width))
        return self._by_language[language]

    def language_note(self, language: str) -> list:
        """The note before a text printed in another language than the document's."""
        if not language:
            return []
        return [Paragraph(markup(str(ONLY_IN.get(language, ""))), self.styles["meta"])]

    # -- parts of the story --

    def cover(self) -> list:
        c = self.content
        story = [
            Spacer(1, 45 * mm),
            Paragraph(markup(c.title), self.styles["cover_title"]),
            Paragraph(markup(c.country), self.styles["cover"]),
            Paragraph(
                markup(
                    _("Evaluation round %(number)s: %(title)s")
                    % {"number": c.round_number, "title": c.round_title}
                ),
                self.styles["cover"],
            ),
            Paragraph(markup(c.kind), self.styles["cover"]),
        ]
        issued = display.day(c.issued_on, "long")
        if c.is_draft:
            story += [
                Paragraph(
                    markup(_("Draft printed on %(date)s") % {"date": issued}),
                    self.styles["cover"],
                ),
                Paragraph(markup(_("CONFIDENTIAL DRAFT")), self.styles["confidential"]),
                Paragraph(
                    markup(
                        _(
                            "Printed for %(recipient)s. Do not pass on: this draft is "
                            "confidential until the expert group publishes the report."
                        )
                        % {"recipient": c.recipient}
                    ),
                    self.styles["meta"],
                ),
            ]
        else:
            story.append(
                Paragraph(
                    markup(_("Published on %(date)s") % {"date": issued}),
                    self.styles["cover"],
                )
            )
            if c.version > 1:
                story.append(
                    Paragraph(
                        markup(
                            _("Corrected version %(version)s: %(note)s")
                            % {"version": c.version, "note": c.correction_note}
                        ),
                        self.styles["meta"],
                    )
                )
        return story

    def contents(self) -> list:
        toc = TableOfContents(dotsMinLevel=0)
        toc.levelStyles = [
            ParagraphStyle(
                "toc0", fontName=REGULAR, fontSize=10, leading=14, leftIndent=0, firstLineIndent=0
            ),
            ParagraphStyle(  # the sections, under their chapter
                "toc1", fontName=REGULAR, fontSize=9.5, leading=13, leftIndent=12, firstLineIndent=0
            ),
        ]
        return [Paragraph(markup(_("Contents")), self.styles["toc_title"]), toc]

    def recommendation_box(self, recommendation: RecommendationContent) -> Table:
        printing = self.printing
        colour = printing.colours[recommendation.strength]
        label = _("Recommendation %(number)s") % {"number": recommendation.number}
        strength = printing.strengths(recommendation.strength).label
        head = (
            f'<a name="r-{recommendation.number}"/><b>{markup(label)}</b> '
            f'<font color="#{colour.hexval()[2:]}">({markup(str(strength))})</font>'
        )
        if recommendation.lang:  # the text in its own language's style, after the note
            note = markup(str(ONLY_IN.get(recommendation.lang, "")))
            styles, _rich = self.in_language(recommendation.lang)
            cell = [
                Paragraph(f"{head} <i>{note}</i>", self.styles["recommendation"]),
                Paragraph(markup(recommendation.text), styles["recommendation"]),
            ]
        else:
            cell = Paragraph(
                f"{head}<br/>{markup(recommendation.text)}", self.styles["recommendation"]
            )
        box = Table(
            [[cell]],
            colWidths=[self.width - NUMBER_INDENT],
            hAlign="RIGHT",
        )
        box.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f4f6f9")),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, colour),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        return box

    def body(self) -> list:
        by_paragraph: dict[int, list[RecommendationContent]] = {}
        for recommendation in self.content.recommendations:
            by_paragraph.setdefault(recommendation.paragraph, []).append(recommendation)
        story: list = []
        note_number = 1
        for index, chapter in enumerate(self.content.chapters):
            title = f"{chapter.number}. {chapter.title}"
            story += [
                CondPageBreak(40 * mm),
                _Heading(title, self.in_language(chapter.lang)[0]["chapter"], f"c-{index}"),
                *self.language_note(chapter.lang),
            ]
            introduction, sections = chapter.parts()
            # Each section's heading goes before its first paragraph (an empty one: alone).
            printed = [(None, paragraph) for paragraph in introduction] + [
                (section if position == 0 else None, paragraph)
                for section, paragraphs in sections
                for position, paragraph in enumerate(paragraphs or [None])
            ]
            for section, paragraph in printed:
                if section is not None:
                    story.append(
                        _Heading(
                            f"{section.letter}. {section.title}",
                            self.in_language(section.lang)[0]["section"],
                            f"c-{index}-{section.letter}",
                            level=1,
                        )
                    )
                    story += self.language_note(section.lang)
                if paragraph is None:  # an empty section: its heading alone
                    continue
                # Sanitised once more: a snapshot or an import may hold text saved before the rules.
                html, notes = split_footnotes(sanitise(paragraph.html), start=note_number)
                story += self.language_note(paragraph.lang)
                rich_text = self.in_language(paragraph.lang)[1]
                story += rich_text.flowables(html, number=paragraph.number)
                for offset, note in enumerate(notes):
                    story.append(
                        Paragraph(
                            f"<super>{note_number + offset}</super> "
                            + _inline(BeautifulSoup(note, "html.parser")),
                            self.styles["note"],
                        )
                    )
                note_number += len(notes)
                for recommendation in by_paragraph.get(paragraph.number, []):
                    story += [Spacer(1, 2 * mm), self.recommendation_box(recommendation)]
        return story

    def chart(self) -> list:
        counts = Counter(
            (theme, r.strength) for r in self.content.recommendations for theme in r.themes
        )
        if not counts:
            return []
        title = _("Recommendations by theme and strength")
        drawing = self.printing.chart(counts, width=self.width)
        return [
            CondPageBreak(drawing.height + 30 * mm),
            _Heading(title, self.styles["chapter"], "chart"),
            Paragraph(
                markup(_("A recommendation with several themes is counted under each of them.")),
                self.styles["meta"],
            ),
            Spacer(1, 4 * mm),
            drawing,
        ]

    def final_list(self) -> list:
        if not self.content.recommendations:
            return []
        story: list = [
            PageBreak(),
            _Heading(_("List of recommendations"), self.styles["chapter"], "recommendations"),
        ]
        for strength in self.printing.strengths:
            group = [r for r in self.content.recommendations if r.strength == strength]
            if not group:
                continue
            story.append(Paragraph(markup(strength_heading(strength)), self.styles["group"]))
            for r in group:
                reference = _("paragraph %(number)s") % {"number": r.paragraph}
                note = f" <i>({markup(str(ONLY_IN[r.lang]))})</i>" if r.lang in ONLY_IN else ""
                story.append(
                    Paragraph(
                        f"{markup(r.text)}{note} "
                        f'(<a href="#p-{r.paragraph}" color="#1d4ed8">{markup(reference)}</a>)',
                        self.in_language(r.lang)[0]["final_item"],
                        bulletText=f"{r.number}.",
                    )
                )
        return story

    def appendix(self) -> list:
        if not self.content.final_comments:
            return []
        story: list = [
            PageBreak(),
            _Heading(
                _("Appendix: final comments of the Government of %(country)s")
                % {"country": self.content.country},
                self.styles["chapter"],
                "final-comments",
            ),
            Paragraph(
                markup(
                    _(
                        "The government's comments are its own and are published as it "
                        "submitted them; they are not part of the expert group's report."
                    )
                ),
                self.styles["meta"],
            ),
        ]
        for comment in self.content.final_comments:
            block = []
            about = (
                _("On recommendation %(number)s") % {"number": comment.recommendation}
                if comment.recommendation
                else _("On paragraph %(number)s") % {"number": comment.paragraph}
                if comment.paragraph
                else ""
            )
            if about:
                block.append(Paragraph(markup(about), self.styles["group"]))
            if comment.submitted_on:
                block.append(
                    Paragraph(
                        markup(
                            _("Submitted on %(date)s")
                            % {"date": display.day(comment.submitted_on, "long")}
                        ),
                        self.styles["group"],
                    )
                )
            block += [
                Paragraph(markup(line), self.styles["comment"])
                for line in comment.text.splitlines()
                if line.strip()
            ]
            story.append(KeepTogether(block[:3]))
            story.extend(block[3:])
        return story

    # -- page furniture --

    def on_cover(self, canvas, document) -> None:
        self.watermark(canvas)
        self.footer(canvas, document)

    def on_page(self, canvas, document) -> None:
        self.watermark(canvas)
        self.footer(canvas, document)
        canvas.saveState()
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(GREY)
        header = printable(f"{self.content.country} · {self.content.title}")
        if len(header) > 110:
            header = header[:107] + "…"
        canvas.drawString(MARGIN, A4[1] - 12 * mm, header)
        canvas.setStrokeColor(colors.HexColor("#c8ced6"))
        canvas.line(MARGIN, A4[1] - 13.5 * mm, A4[0] - MARGIN, A4[1] - 13.5 * mm)
        canvas.restoreState()

    def footer(self, canvas, document) -> None:
        c = self.content
        canvas.saveState()
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(GREY)
        if document.page_total:
            number = _("page %(page)s of %(pages)s") % {
                "page": document.page,
                "pages": document.page_total,
            }
        else:
            number = _("page %(page)s") % {"page": document.page}
        canvas.drawRightString(A4[0] - MARGIN, 10 * mm, number)
        canvas.drawString(MARGIN, 10 * mm, printable(f"{c.country} · {c.kind}"))
        if c.is_draft:
            canvas.setFillColor(colors.HexColor("#9b1c1c"))
            canvas.drawString(
                MARGIN,
                6.5 * mm,
                printable(_("CONFIDENTIAL DRAFT for %(recipient)s") % {"recipient": c.recipient}),
            )
        canvas.restoreState()

    def watermark(self, canvas) -> None:
        if not self.content.is_draft:
            return
        canvas.saveState()
        canvas.setFont(BOLD, 54)
        canvas.setFillColor(colors.Color(0.78, 0.1, 0.1, alpha=0.12))
        canvas.translate(A4[0] / 2, A4[1] / 2)
        canvas.rotate(50)
        canvas.drawCentredString(0, 0, _("CONFIDENTIAL DRAFT"))
        canvas.restoreState()

    def render(self) -> bytes:
        c = self.content
        buffer = io.BytesIO()
        document = _ReportDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=20 * mm,
            bottomMargin=18 * mm,
            title=printable(c.title),
            author=_("Expert group on action against trafficking in human beings"),
            subject=printable(f"{c.country} · {c.kind}"),
            keywords=[printable(c.country), _("trafficking in human beings"), _("recommendations")],
            creator=_("Monitoring platform"),
            lang=c.language,
        )
        frame = Frame(
            document.leftMargin, document.bottomMargin, document.width, document.height, id="f"
        )
        document.addPageTemplates(
            [
                PageTemplate("cover", [frame], onPage=self.on_cover),
                PageTemplate("body", [frame], onPage=self.on_page),
            ]
        )
        story = [
            *self.cover(),
            NextPageTemplate("body"),
            PageBreak(),
            *self.contents(),
            PageBreak(),
            *self.body(),
            *self.chart(),
            *self.final_list(),
            *self.appendix(),
        ]
        document.multiBuild(story)
        if document.total_in_footers != document.page_total:  # one more pass to number them
            buffer.seek(0)
            buffer.truncate()
            document.multiBuild(story)
        return buffer.getvalue()


def render_report_pdf(content: ReportContent) -> bytes:
    with translation.override(content.language):
        return ReportPdf(content).render()
