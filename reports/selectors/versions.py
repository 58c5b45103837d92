"""What the merge page shows when a save was refused as stale (`services.StaleVersion`): the text
the other person saved, who saved it and when (from the revision history), the refused input,
and the word diff from theirs to yours, language by language."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import SafeString, mark_safe
from reversion.models import Version

from monitoring.text_diff import as_markup, word_diff

from ..html import sanitise
from ..models import Report


@dataclass(frozen=True)
class ConflictText:
    language: str
    label: str
    theirs: SafeString
    yours: SafeString
    diff: SafeString
    differs: bool


@dataclass(frozen=True)
class Conflict:
    version: int  # the stored version the merged save is made against
    saved_by: str
    saved_at: object  # datetime or None when the history does not say
    texts: list[ConflictText]


def _shown(text: str, *, html: bool) -> SafeString:
    return mark_safe(sanitise(text)) if html else linebreaksbr(text)  # noqa: S308 - sanitised


def languages_in_order(report: Report) -> list[str]:
    """The report's original language first, then its translation."""
    return [report.language, "ru" if report.language == "en" else "en"]


def conflict(report: Report, current, yours: dict[str, str], *, html: bool) -> Conflict:
    """`current` is the stored paragraph or recommendation; `yours` the refused texts by field
    name (text_en, text_ru)."""
    last = Version.objects.get_for_object(current).select_related("revision__user").first()
    user = last.revision.user if last else None
    labels = dict(Report.Language.choices)
    texts = []
    for language in languages_in_order(report):
        theirs, mine = getattr(current, f"text_{language}"), yours.get(f"text_{language}", "")
        texts.append(
            ConflictText(
                language=language,
                label=labels[language],
                theirs=_shown(theirs, html=html),
                yours=_shown(mine, html=html),
                diff=as_markup(word_diff(theirs, mine, html=html)),
                differs=theirs != mine,
            )
        )
    return Conflict(
        version=current.version,
        saved_by=(user.get_full_name() or user.username) if user else "",
        saved_at=last.revision.date_created if last else None,
        texts=texts,
    )
