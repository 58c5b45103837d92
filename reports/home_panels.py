"""The reports' panel on the back office's home page (monitoring.home_panels): the
government's comments still waiting for the rapporteurs' mark, per report."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from monitoring import access
from monitoring.home_panels import WorkLine, WorkPanel
from monitoring.i18n import active_language, localised

from .models import GovernmentComment, Report


def panels_for(user) -> list[WorkPanel]:
    principal = access.principal_for(user)
    if not principal.is_staff_reader:
        return []
    # The secretariat sees every report, a rapporteur her evaluations' (whose comments she marks).
    reports = access.visible(user, Report).filter(evaluation__in=access.report_evaluations(user))
    unmarked = (
        access.visible(user, GovernmentComment)
        .filter(
            report__in=reports,
            kind=GovernmentComment.Kind.DRAFT,
            status=GovernmentComment.Status.SUBMITTED,
            rapporteur_response="",
        )
        .values("report_id", "report__title_en", "report__title_ru")
        .annotate(count=Count("pk"))
        .order_by("report__evaluation__country__name_en", "report_id")
    )
    language = active_language()
    lines = [
        WorkLine(
            text=localised(row, "report__title", language).text,
            url=reverse("reports:editor", args=[row["report_id"]]),
            detail=ngettext("%(count)s comment to mark", "%(count)s comments to mark", row["count"])
            % {"count": row["count"]},
        )
        for row in unmarked
    ]
    heading = (
        _("Government comments not yet marked")
        if principal.is_secretariat
        else _("Government comments waiting for my mark")
    )
    return [
        WorkPanel(
            name="comments-to-mark",
            heading=heading,
            lines=lines,
            empty=_("Every submitted comment has its mark."),
            order=14,
        )
    ]
