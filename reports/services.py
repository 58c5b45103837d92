"""Writes on reports: the text, the government's comments and publication (the
recommendations and their follow-up are written by `recommendations.services`). Every rule is
enforced here, whatever calls it (admin view, portal, command, test). A refused action raises
ValidationError (or PermissionDenied) and changes nothing.
"""

from __future__ import annotations

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation_rounds import services as procedure
from evaluation_rounds.models import CountryEvaluation, Deadline
from evaluation_rounds.procedure import ORDER, DeadlineKind, State
from monitoring import access, audit

from . import adoption, placeholder_review
from .models import Chapter, GovernmentComment, Paragraph, Report, ReportPublication
from .publication_tasks import publication_render_pdf

# --- Reports and their text ---------------------------------------------------------------


def require_editor(report: Report, actor) -> None:
    if not access.can_edit_report(actor, report):
        raise PermissionDenied(_("Only the secretariat and the rapporteurs may edit this report."))


def require_editable(report: Report) -> None:
    if report.is_published and not report.correction_open:
        raise ValidationError(
            _("This report is published and frozen. Open a correction to change it.")
        )


def report_create(
    *,
    evaluation: CountryEvaluation,
    title_en: str,
    actor,
    title_ru: str = "",
    kind: str = Report.Kind.EVALUATION,
    language: str = Report.Language.ENGLISH,
) -> Report:
    """A new report of `evaluation`, by the secretariat or one of the evaluation's rapporteurs."""
    if not access.report_evaluations(actor).filter(pk=evaluation.pk).exists():
        raise PermissionDenied(
            _("Only the secretariat and an evaluation's rapporteurs create its report.")
        )
    report = Report(
        evaluation=evaluation, kind=kind, language=language, title_en=title_en, title_ru=title_ru
    )
    report.full_clean()
    report.save()
    return report


# A report outside the evaluation's procedure (a follow-up report): each stage and the next.
OWN_STAGE_STEPS = {
    Report.Stage.DRAFTING: Report.Stage.APPROVED,
    Report.Stage.APPROVED: Report.Stage.SENT_FOR_COMMENTS,
}


def report_stage_advance(
    *, report: Report, to_stage: str, actor, plenary=None, whole_report: bool = True
) -> Report:
    """Move a report that has a procedure of its own (a follow-up report) one step: the expert
    group approves it, then it is sent to the evaluated government, which reads it from then
    on (secretariat only). The evaluation's own report moves with `evaluation_transition`.
    Its approval follows the chapter rule of `adoption` (a whole-report decision at `plenary`,
    or every chapter adopted), its sending has no placeholder left."""
    access.require_secretariat(actor)
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.follows_procedure:
            raise ValidationError(_("This report moves with its evaluation's procedure."))
        if locked.is_published:
            raise ValidationError(_("This report is already published."))
        if OWN_STAGE_STEPS.get(locked.own_stage) != to_stage:
            raise ValidationError(
                _("A report cannot go from “%(current)s” to “%(target)s”.")
                % {
                    "current": Report.Stage(locked.own_stage).label,
                    "target": Report.Stage(to_stage).label
                    if to_stage in Report.Stage.values
                    else to_stage,
                }
            )
        adoption.stage_advance_check(
            locked, to_stage, actor=actor, plenary=plenary, whole_report=whole_report
        )
        locked.own_stage = to_stage
        locked.full_clean()
        locked.save(update_fields=["own_stage"])
    report.own_stage = locked.own_stage
    return report


def chapter_create(
    *, report: Report, number: str, title_en: str, actor, title_ru: str = ""
) -> Chapter:
    require_editor(report, actor)
    require_editable(report)
    last = report.chapters.aggregate(last=Max("sort_order"))["last"]
    chapter = Chapter(
        report=report,
        number=number,
        title_en=title_en,
        title_ru=title_ru,
        sort_order=0 if last is None else last + 1,
    )
    chapter.full_clean()
    chapter.save()
    return chapter


def _renumber(report: Report, *, placing: tuple[int, list[int]] | None = None) -> None:
    """Number the report's paragraphs 1, 2, 3 … in chapter order, and their order within each
    chapter 0, 1, 2 …; `placing` = (chapter id, paragraph ids in the wanted order) applies an
    insert or a move first. Only changed rows are written, in one bulk UPDATE (a CASE per
    column). Numbers are derived from the order, so this write records no revision of its own;
    the revision of the inserted, moved or edited paragraph is the history."""
    rows = list(
        Paragraph.objects.filter(chapter__report=report)
        .order_by("chapter__sort_order", "chapter_id", "sort_order", "pk")
        .only("pk", "chapter_id", "sort_order", "number")
    )
    by_chapter: dict[int, list[Paragraph]] = {}
    for row in rows:
        by_chapter.setdefault(row.chapter_id, []).append(row)
    if placing is not None:
        chapter_id, wanted = placing
        position = {pk: index for index, pk in enumerate(wanted)}
        by_chapter[chapter_id] = sorted(
            by_chapter.get(chapter_id, []), key=lambda row: position.get(row.pk, len(wanted))
        )
    changed = []
    number = 0
    for paragraphs in by_chapter.values():
        for sort_order, paragraph in enumerate(paragraphs):
            number += 1
            if paragraph.number != number or paragraph.sort_order != sort_order:
                paragraph.number, paragraph.sort_order = number, sort_order
                changed.append(paragraph)
    if changed:
        Paragraph.objects.bulk_update(changed, ["number", "sort_order"])
        if reversion.is_active():
            # The diff view rebuilds the order at any revision from the versions, so the
            # paragraphs whose place changed are recorded in the revision too.
            for moved in Paragraph.objects.filter(pk__in=[row.pk for row in changed]):
                reversion.add_to_revision(moved)


def _ids_with(chapter: Chapter, paragraph_id: int, position: int | None, *, exclude=None):
    ids = list(
        chapter.paragraphs.exclude(pk=exclude)
        .order_by("sort_order", "pk")
        .values_list("pk", flat=True)
    )
    ids = [pk for pk in ids if pk != paragraph_id]
    index = len(ids) if position is None else max(0, min(position - 1, len(ids)))
    ids.insert(index, paragraph_id)
    return ids


def paragraph_insert(
    *,
    chapter: Chapter,
    text_en: str,
    actor,
    text_ru: str = "",
    position: int | None = None,
) -> Paragraph:
    """Insert a paragraph at `position` (1 = first of the chapter; None = last) and renumber."""
    report = chapter.report
    require_editor(report, actor)
    require_editable(report)
    paragraph = Paragraph(chapter=chapter, text_en=text_en, text_ru=text_ru, sort_order=0)
    paragraph.full_clean()
    mark_text_changes(paragraph, before={"text_en": "", "text_ru": ""})
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(_("Paragraph added"))
        paragraph.save()
        _renumber(report, placing=(chapter.pk, _ids_with(chapter, paragraph.pk, position)))
        paragraph.refresh_from_db(fields=["number", "sort_order"])
    return paragraph


class StaleVersion(ValidationError):
    """A save of a version older than the stored one: nothing was written. `current` is the
    stored row (with the other person's text) to show beside the refused input."""

    def __init__(self, current):
        super().__init__(
            _("Someone else saved this text after you opened it. Nothing was overwritten."),
            code="stale",
        )
        self.current = current


TEXT_FIELDS = ("text_en", "text_ru")


def mark_text_changes(item, *, before: dict[str, str]) -> list[str]:
    """Date each language whose text differs from `before` (a paragraph or a recommendation);
    the names of the fields to save."""
    now = timezone.now()
    changed = [name for name in TEXT_FIELDS if getattr(item, name) != before[name]]
    for name in changed:
        setattr(item, f"{name}_changed_at", now)
    return [f"{name}_changed_at" for name in changed]


def locked_for_edit(item, *, expected_version: int | None, unchanged) -> tuple[object, bool]:
    """Lock `item`'s row (inside the caller's transaction) and check the version its editor
    read: (the stored row, whether the save changes nothing). A save that changes nothing
    passes whatever its version (a second click on the same form, or both people typing the
    same); a change against an older version raises StaleVersion. `expected_version=None`
    skips the check: only for callers that own the text (imports, the demo seed), never a
    page."""
    stored = type(item).objects.select_for_update().get(pk=item.pk)
    if unchanged(stored):
        return stored, True
    if expected_version is not None and stored.version != expected_version:
        raise StaleVersion(stored)
    return stored, False


def paragraph_update(
    *,
    paragraph: Paragraph,
    text_en: str,
    text_ru: str,
    actor,
    expected_version: int | None = None,
) -> Paragraph:
    """Save both texts against the version the editor read (see `locked_for_edit`); each
    change is a new version, recorded in the revision with the texts."""
    report = paragraph.chapter.report
    require_editor(report, actor)
    require_editable(report)
    paragraph.text_en, paragraph.text_ru = text_en, text_ru
    paragraph.full_clean()
    with transaction.atomic(), reversion.create_revision():
        stored, unchanged = locked_for_edit(
            paragraph,
            expected_version=expected_version,
            unchanged=lambda row: (
                (row.text_en, row.text_ru) == (paragraph.text_en, paragraph.text_ru)
            ),
        )
        if unchanged:
            paragraph.version = stored.version
            return paragraph
        dated = mark_text_changes(
            paragraph, before={"text_en": stored.text_en, "text_ru": stored.text_ru}
        )
        paragraph.version = stored.version + 1
        reversion.set_user(actor)
        reversion.set_comment(_("Paragraph edited"))
        paragraph.save(update_fields=["text_en", "text_ru", "version", *dated])
    return paragraph


def paragraph_move(
    *, paragraph: Paragraph, position: int, actor, chapter: Chapter | None = None
) -> Paragraph:
    """Move a paragraph to `position` in its chapter (or in another chapter of the report)."""
    report = paragraph.chapter.report
    require_editor(report, actor)
    require_editable(report)
    target = chapter or paragraph.chapter
    if target.report_id != report.pk:
        raise ValidationError(_("A paragraph can only move within its report."))
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(_("Paragraph moved"))
        if target.pk != paragraph.chapter_id:
            paragraph.chapter = target
            paragraph.save(update_fields=["chapter"])
        _renumber(report, placing=(target.pk, _ids_with(target, paragraph.pk, position)))
        paragraph.refresh_from_db(fields=["number", "sort_order", "chapter"])
    return paragraph


def paragraph_delete(*, paragraph: Paragraph, actor) -> None:
    report = paragraph.chapter.report
    require_editor(report, actor)
    require_editable(report)
    if paragraph.recommendations.exists():
        raise ValidationError(
            _("Recommendations are anchored to this paragraph: move or delete them first.")
        )
    comment = _("Paragraph %(number)s deleted") % {"number": paragraph.number}
    with transaction.atomic():
        from .diff import record_deletion  # reversion records no version of a deleted object

        record_deletion(paragraph, actor=actor, comment=comment)
        with reversion.create_revision():
            reversion.set_user(actor)
            reversion.set_comment(comment)
            paragraph.delete()
            _renumber(report)


# --- The government's comments ------------------------------------------------------------


COMMENT_WINDOWS = {  # evaluation state: (kind of comments, the deadline that closes them)
    State.DRAFT_WITH_GOVERNMENT: (GovernmentComment.Kind.DRAFT, DeadlineKind.GOVERNMENT_COMMENTS),
    State.FINAL_ADOPTED: (GovernmentComment.Kind.FINAL, DeadlineKind.FINAL_COMMENTS),
    State.FINAL_COMMENTS: (GovernmentComment.Kind.FINAL, DeadlineKind.FINAL_COMMENTS),
}


def _open_comment_kind(report: Report) -> str:
    """The kind of comments the government may write now; refuses outside the period, after
    the deadline or once the government has submitted them."""
    # A report with a procedure of its own is read by the government, not commented on: the
    # comment periods and their deadlines are the evaluation's.
    open_for_comments = report.follows_procedure and not report.is_published
    window = COMMENT_WINDOWS.get(report.evaluation.state) if open_for_comments else None
    if window is None:
        raise ValidationError(_("The report is not open for the government's comments."))
    kind, deadline_kind = window
    # Submitting the comments also stops their deadline's clock: say which ended it.
    if report.comments.filter(kind=kind, status=GovernmentComment.Status.SUBMITTED).exists():
        raise ValidationError(_("The government has already submitted these comments."))
    deadline = Deadline.objects.filter(evaluation=report.evaluation, kind=deadline_kind).first()
    today = timezone.localdate()
    if deadline is None or not deadline.is_open or deadline.due_on < today:
        raise ValidationError(
            _("The comment period has ended (%(date)s).")
            % {"date": deadline.due_on.strftime("%d.%m.%Y") if deadline else "—"}
        )
    return kind


def comment_add(
    *,
    report: Report,
    text: str,
    actor,
    paragraph: Paragraph | None = None,
    recommendation: models.Model | None = None,  # one of the report's recommendations
) -> GovernmentComment:
    """An official of the evaluated government comments on the report, a paragraph or a
    recommendation, while the comment period is open and the comments are not submitted."""
    if not access.can_comment_on_report(actor, report):
        raise PermissionDenied(_("You may not comment on this report."))
    kind = _open_comment_kind(report)
    comment = GovernmentComment(
        report=report,
        paragraph=paragraph,
        recommendation=recommendation,
        author=actor,
        kind=kind,
        text=text,
    )
    comment.full_clean()
    comment.save()
    return comment


def may_change_comment(*, comment: GovernmentComment, actor) -> bool:
    """Its author, or the contact person, who speaks for the government and submits all of its
    comments; another official does not overwrite or withdraw a colleague's comment."""
    return comment.author_id == actor.pk or access.can_submit_comments(actor, comment.report)


def _require_may_change(comment: GovernmentComment, actor) -> None:
    if not access.can_comment_on_report(actor, comment.report):
        raise PermissionDenied(_("You may not comment on this report."))
    if not may_change_comment(comment=comment, actor=actor):
        raise PermissionDenied(_("Only the comment's author or the contact person may change it."))


def comment_update(*, comment: GovernmentComment, text: str, actor) -> GovernmentComment:
    report = comment.report
    _require_may_change(comment, actor)
    if comment.status == GovernmentComment.Status.SUBMITTED:
        raise ValidationError(_("A submitted comment cannot change."))
    if _open_comment_kind(report) != comment.kind:
        raise ValidationError(_("The period for these comments is over."))
    comment.text = text
    comment.full_clean()
    comment.save(update_fields=["text"])
    return comment


def comments_submit(*, report: Report, actor) -> int:
    """The contact person submits all the government's comments of the current period at once.
    Returns how many were submitted."""
    if not access.can_submit_comments(actor, report):
        raise PermissionDenied(_("Only the contact person submits the government's comments."))
    with transaction.atomic():
        Report.objects.select_for_update().filter(pk=report.pk).first()
        kind = _open_comment_kind(report)
        pending = report.comments.filter(kind=kind, status=GovernmentComment.Status.IN_PROGRESS)
        if not pending.exists():
            raise ValidationError(_("There are no comments to submit."))
        count = pending.update(
            status=GovernmentComment.Status.SUBMITTED,
            submitted_at=timezone.now(),
            submitted_by=actor,
        )
        audit.record(
            audit.Kind.SUBMISSION, actor=actor, target=report, detail=f"{count} {kind} comments"
        )
        deadline_kind = COMMENT_WINDOWS[report.evaluation.state][1]
        procedure.deadline_met(evaluation=report.evaluation, kind=deadline_kind)
    return count


def comment_respond(
    *, comment: GovernmentComment, response: str, actor, reply: str = ""
) -> GovernmentComment:
    """The rapporteurs say whether a comment on the draft was taken into account. Final
    comments are published as they are and get no response."""
    require_editor(comment.report, actor)
    if comment.status != GovernmentComment.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted comment can be answered."))
    if comment.kind != GovernmentComment.Kind.DRAFT:
        raise ValidationError(_("Final comments are published as they are, without a response."))
    if response not in GovernmentComment.Response.values or not response:
        raise ValidationError({"rapporteur_response": _("Choose a response.")})
    reply = reply.strip()
    if response != GovernmentComment.Response.TAKEN_INTO_ACCOUNT and not reply:
        raise ValidationError({"rapporteur_reply": _("Explain why it was not taken in full.")})
    comment.rapporteur_response, comment.rapporteur_reply = response, reply
    comment.responded_by = actor
    comment.full_clean()
    comment.save(update_fields=["rapporteur_response", "rapporteur_reply", "responded_by"])
    return comment


# --- Publication --------------------------------------------------------------------------


def _snapshot(report: Report) -> dict:
    """The published content, frozen: what the public reads, whatever is edited later."""
    chapters = []
    for chapter in report.chapters.order_by("sort_order", "pk").prefetch_related("paragraphs"):
        chapters.append(
            {
                "number": chapter.number,
                "title_en": chapter.title_en,
                "title_ru": chapter.title_ru,
                "paragraphs": [
                    {"number": p.number, "text_en": p.text_en, "text_ru": p.text_ru}
                    for p in sorted(chapter.paragraphs.all(), key=lambda p: p.number)
                ],
            }
        )
    recommendations = [
        {
            "number": r.number,
            "paragraph": r.paragraph.number,
            "strength": r.strength,
            "text_en": r.text_en,
            "text_ru": r.text_ru,
        }
        for r in report.recommendations.select_related("paragraph").order_by("number")
    ]
    final_comments = [
        {
            "text": c.text,
            "submitted_at": c.submitted_at.isoformat() if c.submitted_at else None,
            # What the comment is about, so the public reads it beside the right text.
            "recommendation": c.recommendation.number if c.recommendation_id else None,
            "paragraph": c.paragraph.number if c.paragraph_id else None,
        }
        for c in report.comments.filter(
            kind=GovernmentComment.Kind.FINAL, status=GovernmentComment.Status.SUBMITTED
        ).select_related("recommendation", "paragraph")
    ]
    return {
        "title_en": report.title_en,
        "title_ru": report.title_ru,
        "chapters": chapters,
        "recommendations": recommendations,
        "final_comments": final_comments,
    }


def report_publish(*, report: Report, actor, correction_note: str = "") -> Report:
    """Publish the report with the government's final comments (secretariat only), all or
    nothing: the evaluation moves to "published" and the content is frozen in one transaction.

    A report already published can be published again only after `report_correction_open`,
    with a note; that makes a new version."""
    from evaluation_rounds.services import evaluation_transition

    access.require_secretariat(actor)
    correction_note = correction_note.strip()
    with transaction.atomic():
        locked = Report.objects.select_for_update().select_related("evaluation").get(pk=report.pk)
        evaluation = locked.evaluation
        if locked.is_published and not locked.correction_open:
            raise ValidationError(_("This report is already published."))
        if locked.correction_open and not correction_note:
            raise ValidationError({"correction_note": _("Say what the correction changes.")})
        if ORDER[evaluation.state] < ORDER[State.FINAL_COMMENTS]:
            raise ValidationError(
                _("The report can be published once the final comments period has begun.")
            )
        placeholder_review.require_resolved(locked, action=_("The report cannot be published"))
        if evaluation.state == State.FINAL_COMMENTS and locked.kind != Report.Kind.FOLLOW_UP:
            evaluation_transition(
                evaluation=evaluation,
                to_state=State.PUBLISHED,
                actor=actor,
                comment=_("Report published"),
            )
        now = timezone.now()
        publication = ReportPublication(
            report=locked,
            version=locked.version + 1,
            published_at=now,
            published_by=actor,
            correction_note=correction_note,
            content=_snapshot(locked),
        )
        publication.full_clean()
        publication.save()
        locked.publication = publication
        locked.published_at = locked.published_at or now
        locked.correction_open = False
        locked.correction_note = ""  # the note now belongs to the version it describes
        locked.full_clean()
        locked.save(
            update_fields=["publication", "published_at", "correction_open", "correction_note"]
        )
        locked.recommendations.filter(public_since__isnull=True).update(public_since=now)
        # What the public searches, filters, counts and downloads from now on.
        locked.recommendations.all().copy_to_published()
        audit.record(
            audit.Kind.PUBLICATION,
            actor=actor,
            target=locked,
            detail=f"version {publication.version}: {correction_note}".rstrip(": "),
        )
        # Printed once, after the publication commits (a worker in production).
        transaction.on_commit(lambda: publication_render_pdf.enqueue(publication_id=publication.pk))
    report.refresh_from_db()
    return report


def report_correction_open(*, report: Report, note: str, actor) -> Report:
    """Unfreeze a published report to correct it; the public keeps the published snapshot
    and its recommendations' published fields (`copy_to_published`) until the
    correction is published as a new version."""
    access.require_secretariat(actor)
    if not report.is_published:
        raise ValidationError(_("Only a published report is corrected."))
    note = note.strip()
    if not note:
        raise ValidationError({"correction_note": _("Say what needs correcting.")})
    with transaction.atomic():
        # What the report holds now is what was published; anything added from here on waits.
        report.recommendations.filter(public_since__isnull=True).update(
            public_since=report.published_at
        )
        report.correction_open = True
        report.correction_note = note
        report.save(update_fields=["correction_open", "correction_note"])
        audit.record(audit.Kind.REOPENING, actor=actor, target=report, detail=f"correction: {note}")
    return report


# --- Portal: deleting comments -----------------------------------------------------------


def open_comment_kind(report: Report) -> str:
    """The kind of comments open now; raises ValidationError with the reason when closed."""
    return _open_comment_kind(report)


def comment_delete(*, comment: GovernmentComment, actor) -> None:
    """Withdraw a comment in progress, with the same checks as editing it."""
    _require_may_change(comment, actor)
    if comment.status == GovernmentComment.Status.SUBMITTED:
        raise ValidationError(_("A submitted comment cannot change."))
    if _open_comment_kind(comment.report) != comment.kind:
        raise ValidationError(_("The period for these comments is over."))
    comment.delete()
