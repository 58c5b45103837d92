"""The recommendations' system sentences (revision comments, audit details), stored as codes
and rendered for the reader (`monitoring.system_text`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from monitoring.system_text import message


def _source(value: str) -> str:
    return value or str(_("a file"))


ADDED = message("recommendations.added", _("Recommendation added"))
EDITED = message("recommendations.edited", _("Recommendation edited"))
ASSESSED = message("recommendations.assessed", _("Recommendation assessed"))
IMPORTED = message(
    "recommendations.imported",
    _("%(count)s recommendations imported from %(source)s"),
    source=_source,
)
# Audit details.
EXPORTED = message("recommendations.exported", _("Recommendations, %(format)s: %(query)s"))
FOLLOW_UP_SUBMITTED = message(
    "recommendations.follow_up_submitted",
    ngettext_lazy(
        "Follow-up: %(count)s progress update", "Follow-up: %(count)s progress updates", "count"
    ),
)
