"""The recommendations' panel on the back office's home page (monitoring.home_panels): the
assessments due in the follow-up now requested, per report."""

from __future__ import annotations

from django.db.models import Count, F
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from evaluation_rounds.procedure import State
from monitoring import access
from monitoring.home_panels import WorkLine, WorkPanel
from monitoring.i18n import active_language, localised

from .models import Recommendation


def panels_for(user) -> list[WorkPanel]:
    """Recommendations of published reports whose follow-up is requested and which have no
    assessment since it was: the secretariat sees all, an expert those she is rapporteur of."""
    principal = access.principal_for(user)
    if not principal.is_staff_reader:
        return []
    due = access.visible(user, Recommendation).filter(
        report__published_at__isnull=False,
        report__evaluation__state=State.FOLLOW_UP_REQUESTED,
        report__evaluation__in=access.report_evaluations(user),
    )
    due = (
        due.exclude(assessments__assessed_on__gte=F("report__evaluation__state_since"))
        .values("report_id", "report__title_en", "report__title_ru")
        .annotate(count=Count("pk", distinct=True))
        .order_by("report__evaluation__country__name_en", "report_id")
    )
    language = active_language()
    lines = [
        WorkLine(
            text=localised(row, "report__title", language).text,
            url=reverse("recommendations:follow_up", args=[row["report_id"]]),
            detail=ngettext(
                "%(count)s recommendation to assess",
                "%(count)s recommendations to assess",
                row["count"],
            )
            % {"count": row["count"]},
        )
        for row in due
    ]
    return [
        WorkPanel(
            name="assessments-due",
            heading=_("Assessments due in the current follow-up"),
            lines=lines,
            empty=_("No follow-up is waiting for assessments."),
            order=15,
        )
    ]
