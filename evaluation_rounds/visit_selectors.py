"""Reads for country visits; notes and files only through their monitoring.access rules."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from reversion.models import Version

from monitoring import access
from monitoring.models import Country

from .models import CountryVisit, MeetingNote, VisitAttachment, VisitMeeting


def visits_for(user) -> QuerySet[CountryVisit]:
    return (
        access.visible(user, CountryVisit)
        .select_related("evaluation__country", "evaluation__round")
        .annotate(meeting_count=Count("meetings"))
        .order_by("-start_date", "-pk")
    )


def visited_countries(user) -> list[Country]:
    """The countries of the visits `user` may see, for the list's filter, in name order."""
    visited = access.visible(user, CountryVisit).values("evaluation__country_id")
    return sorted(access.visible(user, Country).filter(pk__in=visited), key=str)


def visit_detail(user, pk: int) -> CountryVisit:
    return visits_for(user).prefetch_related("delegation").get(pk=pk)


def programme(user, visit: CountryVisit) -> list[VisitMeeting]:
    """The meetings in time order; `visible_note` is set only for those who may read notes."""
    notes = access.visible(user, MeetingNote).filter(meeting__visit=visit)
    by_meeting = {note.meeting_id: note for note in notes.select_related("author")}
    meetings = list(
        access.visible(user, VisitMeeting)
        .filter(visit=visit)
        .select_related("organisation")
        .order_by("starts_at")
    )
    for meeting in meetings:
        meeting.visible_note = by_meeting.get(meeting.pk)
    return meetings


def attachments(user, visit: CountryVisit) -> QuerySet[VisitAttachment]:
    return access.visible(user, VisitAttachment).filter(visit=visit).select_related("uploaded_by")


def visit_history(visit: CountryVisit) -> list[Version]:
    """Who changed the visit and its meetings, newest first."""
    versions = list(Version.objects.get_for_object(visit).select_related("revision__user"))
    versions += list(
        Version.objects.get_for_model(VisitMeeting)
        .filter(object_id__in=[str(pk) for pk in visit.meetings.values_list("pk", flat=True)])
        .select_related("revision__user")
    )
    return sorted(versions, key=lambda v: v.revision.date_created, reverse=True)[:50]


def public_programme(user, visit: CountryVisit) -> list[VisitMeeting]:
    """The programme sent to the government: meetings only, never notes or files."""
    return list(
        access.visible(user, VisitMeeting)
        .filter(visit=visit)
        .select_related("organisation")
        .order_by("starts_at")
    )
