"""The reports' system sentences (revision comments, audit details), stored as codes and
rendered for the reader (`monitoring.system_text`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from monitoring.system_text import message

from .models import GovernmentComment


def _comment_kind(value: str) -> str:
    try:
        return str(GovernmentComment.Kind(value).label)
    except ValueError:
        return value


CHAPTER_MOVED = message("reports.chapter_moved", _("Chapter moved"))
SECTION_MOVED = message("reports.section_moved", _("Section moved"))
PARAGRAPH_ADDED = message("reports.paragraph_added", _("Paragraph added"))
PARAGRAPH_EDITED = message("reports.paragraph_edited", _("Paragraph edited"))
PARAGRAPH_MOVED = message("reports.paragraph_moved", _("Paragraph moved"))
PARAGRAPH_DELETED = message("reports.paragraph_deleted", _("Paragraph %(number)s deleted"))
REPORT_PUBLISHED = message("reports.published", _("Report published"))
# Audit details.
PDF_READ = message("reports.pdf_read", _("PDF"))
COMMENTS_SUBMITTED = message(
    "reports.comments_submitted",
    ngettext_lazy(
        "%(count)s comment submitted (%(kind)s)", "%(count)s comments submitted (%(kind)s)", "count"
    ),
    kind=_comment_kind,
)
VERSION_PUBLISHED = message("reports.version_published", _("Version %(version)s"))
VERSION_PUBLISHED_NOTE = message(
    "reports.version_published_note", _("Version %(version)s: %(note)s")
)
CORRECTION_OPENED = message("reports.correction_opened", _("Correction: %(note)s"))
