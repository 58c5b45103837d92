"""Reads for the government's side of reports in the portal: the draft with its comments (the
follow-up: recommendations.selectors.portal). Every queryset is scoped by `monitoring.access`;
each page costs a fixed number of queries whatever the size of the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from evaluation_rounds.models import Deadline
from evaluation_rounds.procedure import DeadlineKind, State
from monitoring import access
from monitoring.i18n import localised
from monitoring.portal_dashboard import WaitingItem

from .. import services
from ..html import split_footnotes
from ..models import Chapter, GovernmentComment, Report, Section
from ..structure import section_openings
from . import report_paragraphs


def government_report(user, pk: int) -> Report | None:
    """The report, if `user` is an official of the evaluated government and the draft has
    reached it; None otherwise (other countries, NGOs, the public, the expert group, who has
    the back office)."""
    report = (
        access.visible(user, Report)
        .select_related("evaluation__country", "evaluation__round")
        .filter(pk=pk)
        .first()
    )
    if report is None or not access.can_comment_on_report(user, report):
        return None
    return report


@dataclass
class CommentPeriod:
    kind: str | None  # the kind of comments open now, or None
    closed_reason: str = ""
    deadline: Deadline | None = None

    @property
    def is_open(self) -> bool:
        return self.kind is not None

    @property
    def days_left(self) -> int | None:
        if self.deadline is None:
            return None
        return self.deadline.days_left(timezone.localdate())


def comment_period(report: Report) -> CommentPeriod:
    window = None if report.is_published else services.COMMENT_WINDOWS.get(report.evaluation.state)
    deadline = (
        Deadline.objects.filter(evaluation_id=report.evaluation_id, kind=window[1]).first()
        if window
        else None
    )
    try:
        kind = services.open_comment_kind(report)
    except ValidationError as error:
        return CommentPeriod(None, " ".join(error.messages), deadline)
    return CommentPeriod(kind, "", deadline)


@dataclass
class ReportPage:
    report: Report
    chapters: list[Chapter]
    general_comments: list[GovernmentComment]
    footnotes: list[tuple[int, str]]
    comments: list[GovernmentComment] = field(default_factory=list)

    @property
    def in_progress(self) -> list[GovernmentComment]:
        return [c for c in self.comments if c.status == GovernmentComment.Status.IN_PROGRESS]


def report_page(*, user, report: Report) -> ReportPage:
    """Chapters with their numbered paragraphs (footnotes numbered through the report), each
    paragraph's recommendations, and the government's comments under what they comment on."""
    comments = list(
        access.visible(user, GovernmentComment)
        .filter(report=report)
        .select_related("author", "submitted_by", "paragraph", "recommendation")
        .order_by("created_at", "pk")
    )
    by_paragraph: dict[int, list] = {}
    by_recommendation: dict[int, list] = {}
    general = []
    for comment in comments:
        if comment.recommendation_id:
            by_recommendation.setdefault(comment.recommendation_id, []).append(comment)
        elif comment.paragraph_id:
            by_paragraph.setdefault(comment.paragraph_id, []).append(comment)
        else:
            general.append(comment)

    recommendations: dict[int, list] = {}
    for recommendation in (
        access.visible(user, report.recommendations.all())
        .prefetch_related("themes", "addressees")
        .order_by("number")
    ):
        recommendation.government_comments = by_recommendation.get(recommendation.pk, [])
        recommendations.setdefault(recommendation.paragraph_id, []).append(recommendation)

    paragraphs: dict[int, list] = {}
    footnotes: list[tuple[int, str]] = []
    for paragraph in report_paragraphs(user=user, report=report):
        text = localised(paragraph, "text")
        paragraph.lang = text.language if text.is_fallback else ""  # marked where it falls back
        paragraph.html, notes = split_footnotes(text.text, start=len(footnotes) + 1)
        footnotes += [(len(footnotes) + n, note) for n, note in enumerate(notes, start=1)]
        paragraph.government_comments = by_paragraph.get(paragraph.pk, [])
        paragraph.report_recommendations = recommendations.get(paragraph.pk, [])
        paragraphs.setdefault(paragraph.chapter_id, []).append(paragraph)

    sections: dict[int, list[Section]] = {}
    for section in (
        access.visible(user, Section).filter(chapter__report=report).order_by("sort_order", "pk")
    ):
        sections.setdefault(section.chapter_id, []).append(section)
    chapters = list(access.visible(user, Chapter).filter(report=report).order_by("sort_order"))
    for chapter in chapters:
        chapter.report_paragraphs = paragraphs.get(chapter.pk, [])
        # Each section's heading is written before its first paragraph (templates loop over
        # the chapter's paragraphs); empty sections after the last one.
        own = {section.pk: section for section in sections.get(chapter.pk, [])}
        openings, chapter.trailing_sections = section_openings(
            chapter.report_paragraphs,
            sections.get(chapter.pk, []),
            paragraph_section=lambda paragraph, own=own: own.get(paragraph.section_id),
        )
        for index, paragraph in enumerate(chapter.report_paragraphs):
            paragraph.opens_sections = openings.get(index, [])
    return ReportPage(report, chapters, general, footnotes, comments)


def editable_comment(user, report: Report, pk: int) -> GovernmentComment | None:
    return (
        access.visible(user, GovernmentComment)
        .filter(report=report, pk=pk)
        .select_related("paragraph", "recommendation")
        .first()
    )


# --- Dashboard ----------------------------------------------------------------------------


def government_reports(user) -> tuple[list[Report], list[Report]]:
    """For the portal dashboard: (drafts in one of the government's comment periods, with
    `comment_kind`, `comment_deadline` and `comments_submitted_at`; published reports, with
    their evaluation's deadlines), in four queries at most."""
    from ..services import COMMENT_WINDOWS

    principal = access.principal_for(user)
    if not principal.government_country_ids:
        return [], []
    reports = (
        access.visible(user, Report)
        .filter(evaluation__country_id__in=principal.government_country_ids)
        .select_related("evaluation__country", "evaluation__round")
        .order_by("evaluation__round__number", "pk")
    )

    def last_submitted(kind: str) -> Subquery:
        return Subquery(
            GovernmentComment.objects.filter(
                report=OuterRef("pk"), status=GovernmentComment.Status.SUBMITTED, kind=kind
            )
            .order_by("-submitted_at")
            .values("submitted_at")[:1]
        )

    drafts = list(
        reports.filter(published_at__isnull=True, evaluation__state__in=list(COMMENT_WINDOWS))
        .filter(kind=Report.Kind.EVALUATION)
        .annotate(
            draft_submitted_at=last_submitted(GovernmentComment.Kind.DRAFT),
            final_submitted_at=last_submitted(GovernmentComment.Kind.FINAL),
        )
        .prefetch_related("evaluation__deadlines")
    )
    for draft in drafts:
        draft.comment_kind, deadline_kind = COMMENT_WINDOWS[draft.evaluation.state]
        draft.comments_submitted_at = (
            draft.final_submitted_at
            if draft.comment_kind == GovernmentComment.Kind.FINAL
            else draft.draft_submitted_at
        )
        draft.comment_deadline = next(
            (d for d in draft.evaluation.deadlines.all() if d.kind == deadline_kind), None
        )
    published = list(
        reports.filter(published_at__isnull=False).prefetch_related("evaluation__deadlines")
    )
    return drafts, published


def dashboard_items(user) -> list[WaitingItem]:
    """Dashboard entries. Open: a comment period (draft or final comments, with its deadline
    and the days left) and a follow-up the expert group requested (with its deadline). Done:
    comments submitted or a period closed, and published reports with no follow-up asked."""
    drafts, published = government_reports(user)
    today = timezone.localdate()
    items = []
    for report in drafts:
        item = partial(
            WaitingItem,
            title=(
                _("Final report: your final comments")
                if report.comment_kind == GovernmentComment.Kind.FINAL
                else _("Draft report awaiting your comments")
            ),
            subtitle=f"{report.title} · {report.evaluation.country.name}",
            url=reverse("portal:report", args=[report.pk]),
        )
        deadline = report.comment_deadline
        if report.comments_submitted_at is not None:
            done_on = timezone.localdate(report.comments_submitted_at)
            items.append(item(status=_("comments submitted"), done_on=done_on))
        elif deadline is not None and deadline.is_open and deadline.due_on >= today:
            days = deadline.days_left(today)
            status = ngettext("%(days)s day left", "%(days)s days left", days) % {"days": days}
            items.append(item(status=status, due=deadline.due_on))
        else:
            done_on = deadline.due_on if deadline else today
            items.append(item(status=_("comment period closed"), done_on=done_on))
    for report in published:
        item = partial(
            WaitingItem,
            subtitle=f"{report.title} · {report.evaluation.country.name}",
            url=reverse("portal:report_follow_up", args=[report.pk]),
        )
        if report.evaluation.state != State.FOLLOW_UP_REQUESTED:
            done_on = timezone.localdate(report.published_at)
            items.append(item(title=_("Published report"), status=_("published"), done_on=done_on))
            continue
        requested = [
            d for d in report.evaluation.deadlines.all() if d.kind == DeadlineKind.FOLLOW_UP_REPORT
        ]
        deadline = next((d for d in requested if d.closed_on is None), None)
        if deadline is None and requested:  # the government has submitted its follow-up report
            done_on = max(d.closed_on for d in requested)
            status = _("follow-up report submitted")
            items.append(
                item(title=_("Recommendations to report on"), status=status, done_on=done_on)
            )
            continue
        items.append(
            item(
                title=_("Recommendations to report on"),
                status=_("follow-up requested"),
                due=deadline.due_on if deadline else None,
            )
        )
    return items
