"""An answer's history from django-reversion: who changed it, when, a word-level diff, and
restoring an earlier version (which is itself a new version: nothing is ever lost)."""

from __future__ import annotations

from dataclasses import dataclass

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from reversion.models import Version

from monitoring import access
from monitoring.text_diff import DiffPart, word_diff

from . import system_messages as messages
from . import types
from .models import Answer


@dataclass
class HistoryEntry:
    version: Version
    text: str
    diff: list[DiffPart]


def answer_history(answer: Answer, reader) -> list[HistoryEntry]:
    """Newest first; each entry's diff is against the version before it that `reader` may
    read. A member of the expert group who stands aside from her own country's confidential
    material sees an NGO's answer now open, but not its versions up to the last one that was
    confidential, nor their words through a diff."""
    versions = list(
        Version.objects.get_for_object(answer)
        .select_related("revision__user")
        .order_by("revision__date_created", "pk")
    )
    response = answer.response
    if response.organisation.kind == "ngo" and access.stands_aside_from(
        reader, response.evaluation.country_id
    ):
        # Marking an answer confidential covers what it said before the mark too (an NGO
        # writes, then ticks the box): a national reads only what was written since it was
        # last opened.
        confidential = [i for i, v in enumerate(versions) if v.field_dict.get("is_confidential")]
        if confidential:
            versions = versions[confidential[-1] + 1 :]
        # Likewise for a whole response kept confidential: opening it opened the text it held
        # then, not the versions before.
        if response.confidential_until is not None:
            before = [
                i
                for i, v in enumerate(versions)
                if v.revision.date_created <= response.confidential_until
            ]
            if before:
                versions = versions[before[-1] :]
    entries, previous = [], ""
    for version in versions:
        text = types.as_text(answer.question, version.field_dict.get("value") or {})
        entries.append(HistoryEntry(version, text, word_diff(previous, text)))
        previous = text
    return list(reversed(entries))


def answer_restore(*, answer: Answer, version_id: int, actor) -> Answer:
    if not access.principal_for(actor).is_secretariat:
        raise PermissionDenied(_("Only the secretariat restores an earlier version."))
    version = Version.objects.get_for_object(answer).filter(pk=version_id).first()
    if version is None:
        raise ValidationError(_("That version does not belong to this answer."))
    value = version.field_dict.get("value") or {}
    with transaction.atomic():
        locked = Answer.objects.select_for_update().get(pk=answer.pk)
        locked.value = value
        locked.is_answered = types.is_answered(locked.question, value)
        locked.version += 1
        locked.updated_by = actor
        with reversion.create_revision():
            reversion.set_user(actor)
            reversion.set_comment(
                messages.RESTORED.encode(
                    date=version.revision.date_created.strftime("%d.%m.%Y %H:%M")
                )
            )
            locked.save()
    return locked
