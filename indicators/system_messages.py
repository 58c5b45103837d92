"""The statistics' system sentences (revision comments), stored as codes and rendered for the
reader (`monitoring.system_text`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from monitoring.system_text import message

from .models import Observation


def _status(value: str) -> str:
    try:
        return str(Observation.Status(value).label)
    except ValueError:  # a label parsed back from an old sentence
        return value


def _source(value: str) -> str:
    return value or str(_("a file"))


FIGURES_SAVED = message("indicators.figures_saved", _("%(count)s figures saved for %(country)s"))
FIGURES_IMPORTED = message(
    "indicators.figures_imported",
    _("%(count)s figures imported from %(source)s"),
    source=_source,
)
MARKED = message("indicators.marked", _("Marked %(status)s"), status=_status)
INDICATOR_ADDED = message("indicators.added", _("Indicator added"))
INDICATOR_CHANGED = message("indicators.changed", _("Indicator changed"))
