"""Writes for country visits: the visit, its programme of meetings, confidential notes, files."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from monitoring import access
from monitoring.models import Organisation

from . import system_messages as messages
from .models import CountryEvaluation, CountryVisit, MeetingNote, VisitAttachment, VisitMeeting


@transaction.atomic
def visit_create(
    *,
    evaluation: CountryEvaluation,
    start_date: date,
    end_date: date,
    delegation: Iterable,
    actor,
) -> CountryVisit:
    access.require_secretariat(actor)
    visit = CountryVisit(evaluation=evaluation, start_date=start_date, end_date=end_date)
    visit.full_clean()
    with reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(messages.VISIT_PLANNED.encode())
        visit.save()
        visit.delegation.set(list(delegation))
    return visit


@transaction.atomic
def meeting_add(
    *,
    visit: CountryVisit,
    starts_at: datetime,
    meeting_type: str,
    actor,
    organisation: Organisation | None = None,
    counterpart: str = "",
    location: str = "",
) -> VisitMeeting:
    access.require_secretariat(actor)
    local_day = timezone.localdate(starts_at) if timezone.is_aware(starts_at) else starts_at.date()
    if not visit.start_date <= local_day <= visit.end_date:
        raise ValidationError(
            {
                "starts_at": _("A meeting must take place during the visit (%(start)s–%(end)s).")
                % {"start": visit.start_date, "end": visit.end_date}
            }
        )
    if organisation is None and not counterpart.strip():
        raise ValidationError(
            {"counterpart": _("Say whom the delegation meets: an organisation or a place.")}
        )
    meeting = VisitMeeting(
        visit=visit,
        starts_at=starts_at,
        meeting_type=meeting_type,
        organisation=organisation,
        counterpart=counterpart,
        location=location,
    )
    meeting.full_clean()
    with reversion.create_revision():
        reversion.set_user(actor)
        meeting.save()
        reversion.set_comment(messages.MEETING_ADDED.encode(meeting=messages.meeting_name(meeting)))
    return meeting


@transaction.atomic
def meeting_note_save(*, meeting: VisitMeeting, text: str, actor) -> MeetingNote:
    access.require_visit_insider(actor, meeting.visit)
    note = MeetingNote.objects.filter(meeting=meeting).first() or MeetingNote(meeting=meeting)
    note.text, note.author = text, actor
    note.full_clean()
    with reversion.create_revision():
        reversion.set_user(actor)
        # Never the text itself: revision comments are shown to every staff reader.
        reversion.set_comment(messages.NOTES_SAVED.encode())
        note.save()
    return note


@transaction.atomic
def attachment_add(*, visit: CountryVisit, title: str, uploaded_file, actor) -> VisitAttachment:
    access.require_visit_insider(actor, visit)
    attachment = VisitAttachment(visit=visit, title=title, file=uploaded_file, uploaded_by=actor)
    attachment.full_clean()
    attachment.save()
    return attachment


@transaction.atomic
def visit_update(
    *, visit: CountryVisit, start_date: date, end_date: date, delegation: Iterable, actor
) -> CountryVisit:
    access.require_secretariat(actor)
    visit.start_date, visit.end_date = start_date, end_date
    visit.full_clean()
    outside = visit.meetings.exclude(starts_at__date__gte=start_date, starts_at__date__lte=end_date)
    if outside.exists():
        raise ValidationError(
            _("%(count)s meetings would fall outside the new dates; move them first.")
            % {"count": outside.count()}
        )
    with reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(messages.VISIT_CHANGED.encode())
        visit.save()
        visit.delegation.set(list(delegation))
    return visit


@transaction.atomic
def meeting_delete(*, meeting: VisitMeeting, actor) -> None:
    access.require_secretariat(actor)
    with reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(
            messages.MEETING_REMOVED.encode(meeting=messages.meeting_name(meeting))
        )
        # django-reversion records saves, not deletions: a version of the visit carries the
        # removal into the visit's history (a revision without versions would not be saved).
        reversion.add_to_revision(meeting.visit)
        meeting.delete()
