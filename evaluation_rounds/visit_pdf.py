"""The printable visit programme as PDF (reportlab), in the reader's language. No notes."""

from __future__ import annotations

from typing import BinaryIO

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from monitoring import display
from monitoring.i18n import active_language
from monitoring.pdf import BOLD, REGULAR, styles, text_paragraph


def programme_pdf(visit, meetings, output: BinaryIO) -> None:
    style = styles()
    document = SimpleDocTemplate(
        output,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        title=_("Programme of the country visit"),
        author=_("Expert Group on Action against Trafficking in Human Beings in Central Asia"),
        lang=active_language(),
    )
    story = [
        text_paragraph(_("Programme of the country visit"), style["title"]),
        text_paragraph(visit, style["heading"]),
        text_paragraph(visit.evaluation.round, style["body"]),
        Spacer(1, 6 * mm),
    ]
    rows = [[_("Date and time"), _("Type"), _("Meeting"), _("Location")]]
    for meeting in meetings:
        who = meeting.organisation.name if meeting.organisation_id else meeting.counterpart
        rows.append(
            [
                text_paragraph(display.day(meeting.starts_at, "datetime"), style["small"]),
                text_paragraph(meeting.get_meeting_type_display(), style["small"]),
                # "Women & Children <Ak Jurok>" is a name, not markup (monitoring.pdf).
                text_paragraph(who, style["small"]),
                text_paragraph(meeting.location, style["small"], lines=True),
            ]
        )
    table = Table(rows, colWidths=[32 * mm, 34 * mm, 74 * mm, 34 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), BOLD),
                ("FONTNAME", (0, 1), (-1, -1), REGULAR),
                ("FONTSIZE", (0, 0), (-1, 0), 9),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef3")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    if not meetings:
        story.append(text_paragraph(_("No meeting is scheduled yet."), style["body"]))
    document.build(story)
