"""The PDF of a published reply to the questionnaire: laid out like the response's read-only PDF
(`questionnaires.pdf`), from the frozen snapshot only (`replies.reply_reading`), so it prints
what the public page shows: confidential answers withheld, only the files marked public."""

from __future__ import annotations

from django.utils.translation import gettext as _

from monitoring import display
from questionnaires.pdf import _PdfBuilder

from .models import ReplyPublication
from .replies import PublishedAnswer, reply_reading


def reply_title(reply: ReplyPublication) -> str:
    if reply.is_government:
        return _("Reply of the government (%(name)s)") % {"name": reply.organisation_name}
    return _("Reply of the NGO %(name)s") % {"name": reply.organisation_name}


class _ReplyPdfBuilder(_PdfBuilder):
    def __init__(self, reply: ReplyPublication):
        self.reply = reply
        super().__init__(response=None)

    def answer_block(self, item: PublishedAnswer) -> list:
        block = [self.paragraph(f"{item.question.code}  {item.question.text}", "question")]
        if item.confidential:
            block.append(self.paragraph(_("Confidential answer withheld"), "flag"))
        elif item.table is not None and item.answered:
            block.append(self.statistics_table(item.table))
        elif item.entries is not None and item.entries.rows:
            block.append(self.entries_table(item.entries))
        elif item.text:
            block.append(self.paragraph(item.text, "answer"))
        else:
            block.append(self.paragraph(_("Not answered."), "missing"))
        return block

    def build_reply(self) -> bytes:
        reply = self.reply
        report = reply.report
        title = reply_title(reply)
        facts = " · ".join(
            [
                str(report.evaluation.country.name),
                str(report.evaluation.round),
                _("published with the report") + " " + display.day(reply.decided_at, "long"),
            ]
        )
        story = [
            self.paragraph(title, "title"),
            self.paragraph(facts, "meta"),
            self.paragraph(
                _(
                    "The reply as it was submitted to the expert group. Answers marked "
                    "confidential are withheld. The reply is not part of the expert group's "
                    "analysis."
                ),
                "meta",
            ),
        ]
        for section in reply_reading(reply.content):
            self.add_section(story, f"{section.number}. {section.title}", section.items)
        return self.document(story, title=title, author=reply.organisation_name)


def reply_pdf(reply: ReplyPublication) -> bytes:
    """The published reply in the active language (the snapshot never changes)."""
    return _ReplyPdfBuilder(reply).build_reply()
