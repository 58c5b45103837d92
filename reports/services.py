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
from monitoring import access, audit, display

from . import adoption, placeholder_review, replies
from . import system_messages as messages
from .models import (
    Chapter,
    GovernmentComment,
    Paragraph,
    ReplyPublication,
    Report,
    ReportPublication,
    Section,
)
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


def chapter_update(
    *, chapter: Chapter, number: str, title_en: str, actor, title_ru: str = ""
) -> Chapter:
    """Rename a chapter: its number (unique in the report) and its titles."""
    report = chapter.report
    require_editor(report, actor)
    require_editable(report)
    number = number.strip()
    if report.chapters.exclude(pk=chapter.pk).filter(number=number).exists():
        raise ValidationError(
            {
                "number": _("Another chapter of the report has number %(number)s.")
                % {"number": number}
            }
        )
    chapter.number, chapter.title_en, chapter.title_ru = number, title_en, title_ru
    chapter.full_clean()
    chapter.save(update_fields=["number", "title_en", "title_ru"])
    return chapter


def _place_chapters(ordered: list[Chapter], numbers: list[str]) -> None:
    """Give the chapters, in their new order, the orders 0, 1, 2 … and the numbers of their
    places (`numbers`: the numbers read down the report before the change). The numbers belong
    to the places, so they always read in order (I, II, III or 1, 2, 3), whatever moved.
    Written in two phases: a chapter whose number changes first takes a number no one can type
    (a form strips the tab), since the database checks the unique number row by row."""
    renamed = [c for index, c in enumerate(ordered) if c.number != numbers[index]]
    for chapter in renamed:
        chapter.number = f"\t{chapter.pk}"
    if renamed:
        Chapter.objects.bulk_update(renamed, ["number"])
    changed = []
    for index, chapter in enumerate(ordered):
        if chapter.sort_order != index or chapter.number != numbers[index]:
            chapter.sort_order, chapter.number = index, numbers[index]
            changed.append(chapter)
    if changed:
        Chapter.objects.bulk_update(changed, ["number", "sort_order"])


def _moved(items: list, item, position: int) -> list:
    """`items` with `item` (its row among them) put at `position` (1 = first)."""
    moving = next(other for other in items if other.pk == item.pk)
    others = [other for other in items if other.pk != item.pk]
    others.insert(max(0, min(position - 1, len(others))), moving)
    return others


def _step_position(items: list, item, direction: str, refusal: str) -> int:
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + (1 if direction == "down" else -1) if direction in ("up", "down") else -1
    if not 0 <= target < len(items):
        raise ValidationError(refusal)
    return target + 1


def chapter_move(*, chapter: Chapter, position: int, actor) -> Chapter:
    """Move a chapter to `position` (1 = first); the numbers stay with the places, and the
    paragraphs and recommendations are renumbered in the new reading order."""
    report = chapter.report
    require_editor(report, actor)
    require_editable(report)
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(messages.CHAPTER_MOVED.encode())
        chapters = list(report.chapters.select_for_update().order_by("sort_order", "pk"))
        numbers = [c.number for c in chapters]
        _place_chapters(_moved(chapters, chapter, position), numbers)
        _renumber(report)
    chapter.refresh_from_db(fields=["number", "sort_order"])
    return chapter


def chapter_step(*, chapter: Chapter, direction: str, actor) -> Chapter:
    """Move a chapter one place up or down."""
    chapters = list(chapter.report.chapters.order_by("sort_order", "pk"))
    refusal = _("The chapter is already at that end of the report.")
    position = _step_position(chapters, chapter, direction, refusal)
    return chapter_move(chapter=chapter, position=position, actor=actor)


def chapter_delete_refusal(chapter: Chapter) -> str | None:
    """Why the chapter cannot be deleted (None: it is empty and can be)."""
    if chapter.paragraphs.exists():
        return _("Chapter %(number)s still has paragraphs: move or delete them first.") % {
            "number": chapter.number
        }
    if chapter.sections.exists():
        return _("Chapter %(number)s still has sections: delete them first.") % {
            "number": chapter.number
        }
    return None


def chapter_delete(*, chapter: Chapter, actor) -> None:
    """Delete an empty chapter; the chapters after it move up a place and take its numbers."""
    report = chapter.report
    require_editor(report, actor)
    require_editable(report)
    refusal = chapter_delete_refusal(chapter)
    if refusal:
        raise ValidationError(refusal)
    with transaction.atomic():
        chapters = list(report.chapters.select_for_update().order_by("sort_order", "pk"))
        numbers = [c.number for c in chapters]
        remaining = [c for c in chapters if c.pk != chapter.pk]
        chapter.delete()
        _place_chapters(remaining, numbers)


def section_letter(index: int) -> str:
    """The letter of the section at `index` (0): A … Z, then AA, AB …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _letter_sections(sections: list[Section]) -> None:
    """Orders 0, 1, 2 … and letters A, B, C … in the given order (changed rows only)."""
    changed = []
    for index, section in enumerate(sections):
        if section.sort_order != index or section.letter != section_letter(index):
            section.sort_order, section.letter = index, section_letter(index)
            changed.append(section)
    if changed:
        Section.objects.bulk_update(changed, ["letter", "sort_order"])


def section_create(*, chapter: Chapter, title_en: str, actor, title_ru: str = "") -> Section:
    """A new section at the end of the chapter, lettered after the others."""
    report = chapter.report
    require_editor(report, actor)
    require_editable(report)
    count = chapter.sections.count()
    section = Section(
        chapter=chapter,
        letter=section_letter(count),
        title_en=title_en,
        title_ru=title_ru,
        sort_order=count,
    )
    section.full_clean()
    with transaction.atomic():
        section.save()
        _letter_sections(list(chapter.sections.order_by("sort_order", "pk")))
    section.refresh_from_db(fields=["letter", "sort_order"])
    return section


def section_update(*, section: Section, title_en: str, actor, title_ru: str = "") -> Section:
    report = section.chapter.report
    require_editor(report, actor)
    require_editable(report)
    section.title_en, section.title_ru = title_en, title_ru
    section.full_clean()
    section.save(update_fields=["title_en", "title_ru"])
    return section


def section_move(*, section: Section, position: int, actor) -> Section:
    """Move a section to `position` (1 = first) in its chapter, with its paragraphs; the
    letters follow the order and the paragraphs and recommendations are renumbered."""
    chapter = section.chapter
    report = chapter.report
    require_editor(report, actor)
    require_editable(report)
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(messages.SECTION_MOVED.encode())
        sections = list(chapter.sections.select_for_update().order_by("sort_order", "pk"))
        _letter_sections(_moved(sections, section, position))
        _renumber(report)
    section.refresh_from_db(fields=["letter", "sort_order"])
    return section


def section_step(*, section: Section, direction: str, actor) -> Section:
    """Move a section one place up or down in its chapter."""
    sections = list(section.chapter.sections.order_by("sort_order", "pk"))
    refusal = _("The section is already at that end of the chapter.")
    position = _step_position(sections, section, direction, refusal)
    return section_move(section=section, position=position, actor=actor)


def section_delete_refusal(section: Section) -> str | None:
    """Why the section cannot be deleted (None: it is empty and can be)."""
    if section.paragraphs.exists():
        return _("Section %(letter)s still has paragraphs: move or delete them first.") % {
            "letter": section.letter
        }
    return None


def section_delete(*, section: Section, actor) -> None:
    """Delete an empty section; the sections after it take the letters up."""
    chapter = section.chapter
    require_editor(chapter.report, actor)
    require_editable(chapter.report)
    refusal = section_delete_refusal(section)
    if refusal:
        raise ValidationError(refusal)
    with transaction.atomic():
        section.delete()
        _letter_sections(list(chapter.sections.order_by("sort_order", "pk")))


def _slots(report: Report) -> list[tuple[int, int | None]]:
    """The places a paragraph can stand, in reading order: each chapter's opening (before its
    first section, section None), then each of its sections."""
    sections: dict[int, list[int]] = {}
    for section_id, chapter_id in (
        Section.objects.filter(chapter__report=report)
        .order_by("sort_order", "pk")
        .values_list("pk", "chapter_id")
    ):
        sections.setdefault(chapter_id, []).append(section_id)
    return [
        slot
        for chapter_id in report.chapters.order_by("sort_order", "pk").values_list("pk", flat=True)
        for slot in [(chapter_id, None), *((chapter_id, s) for s in sections.get(chapter_id, []))]
    ]


def _renumber(
    report: Report, *, placing: tuple[tuple[int, int | None], list[int]] | None = None
) -> None:
    """Number the report's paragraphs 1, 2, 3 … in reading order (chapter order; in each
    chapter the paragraphs before its first section, then each section in order), and their
    order within each chapter 0, 1, 2 … in the same order; `placing` = ((chapter id, section id
    or None), paragraph ids in the wanted order) applies an insert or a move first. Only changed
    rows are written, in one bulk UPDATE (a CASE per column). Numbers are derived from the
    order, so this write records no revision of its own; the revision of the inserted, moved or
    edited paragraph is the history. The recommendations follow (`renumber_recommendations`)."""
    rows = list(
        Paragraph.objects.filter(chapter__report=report)
        .order_by("sort_order", "pk")
        .only("pk", "chapter_id", "section_id", "sort_order", "number")
    )
    groups: dict[tuple[int, int | None], list[Paragraph]] = {slot: [] for slot in _slots(report)}
    for row in rows:
        groups.setdefault((row.chapter_id, row.section_id), []).append(row)
    if placing is not None:
        slot, wanted = placing
        position = {pk: index for index, pk in enumerate(wanted)}
        groups[slot] = sorted(
            groups.get(slot, []), key=lambda row: position.get(row.pk, len(wanted))
        )
    changed = []
    number = 0
    in_chapter: dict[int, int] = {}
    for (chapter_id, _section_id), paragraphs in groups.items():
        for paragraph in paragraphs:
            number += 1
            sort_order = in_chapter.get(chapter_id, 0)
            in_chapter[chapter_id] = sort_order + 1
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
    renumber_recommendations(report)


def renumber_recommendations(report: Report) -> None:
    """Number the report's recommendations 1, 2, 3 … in the order of the report: by their
    paragraph's number, then by their previous number. In two phases (every changed row to a
    free number above all, then to its own), since the database checks the unique number row by
    row inside one UPDATE.

    A report that has been published keeps its recommendations' numbers: the public cites
    them, and a correction appends new ones after them."""
    if report.published_at is not None:
        return
    rows = list(
        report.recommendations.order_by("paragraph__number", "number", "pk").only("pk", "number")
    )
    wanted = {row.pk: index for index, row in enumerate(rows, start=1)}
    changed = [row for row in rows if row.number != wanted[row.pk]]
    if not changed:
        return
    model = report.recommendations.model  # reports does not import recommendations
    above = max(row.number for row in rows)
    for row in changed:
        row.number = above + wanted[row.pk]
    model.objects.bulk_update(changed, ["number"])
    for row in changed:
        row.number = wanted[row.pk]
    model.objects.bulk_update(changed, ["number"])
    if reversion.is_active():
        for renumbered in model.objects.filter(pk__in=[row.pk for row in changed]):
            reversion.add_to_revision(renumbered)


def _ids_with(
    chapter: Chapter, section: Section | None, paragraph_id: int, position: int | None
) -> list[int]:
    """The paragraph ids of one place (a chapter's opening or one of its sections), with
    `paragraph_id` put at `position` (1 = first; None = last)."""
    ids = list(
        chapter.paragraphs.filter(section=section)
        .exclude(pk=paragraph_id)
        .order_by("sort_order", "pk")
        .values_list("pk", flat=True)
    )
    index = len(ids) if position is None else max(0, min(position - 1, len(ids)))
    ids.insert(index, paragraph_id)
    return ids


def _check_place(chapter: Chapter, section: Section | None) -> None:
    if section is not None and section.chapter_id != chapter.pk:
        raise ValidationError({"chapter": _("This section belongs to another chapter.")})


def paragraph_insert(
    *,
    chapter: Chapter,
    text_en: str,
    actor,
    text_ru: str = "",
    position: int | None = None,
    section: Section | None = None,
) -> Paragraph:
    """Insert a paragraph at `position` of its place (1 = first; None = last): the chapter's
    opening paragraphs, or `section` of the chapter; then renumber."""
    report = chapter.report
    require_editor(report, actor)
    require_editable(report)
    _check_place(chapter, section)
    paragraph = Paragraph(
        chapter=chapter, section=section, text_en=text_en, text_ru=text_ru, sort_order=0
    )
    paragraph.full_clean()
    mark_text_changes(paragraph, before={"text_en": "", "text_ru": ""})
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(messages.PARAGRAPH_ADDED.encode())
        paragraph.save()
        _renumber(
            report,
            placing=(
                (chapter.pk, section.pk if section else None),
                _ids_with(chapter, section, paragraph.pk, position),
            ),
        )
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
        reversion.set_comment(messages.PARAGRAPH_EDITED.encode())
        paragraph.save(update_fields=["text_en", "text_ru", "version", *dated])
    return paragraph


SAME_PLACE = object()  # paragraph_move's default section: where the paragraph is


def paragraph_move(
    *,
    paragraph: Paragraph,
    position: int,
    actor,
    chapter: Chapter | None = None,
    section=SAME_PLACE,
) -> Paragraph:
    """Move a paragraph to `position` (1 = first) of a place: the chapter's opening paragraphs
    (section None) or one of its sections, in its chapter or another chapter of the report.
    Without `chapter` and `section` it moves within the place it is in; with a `chapter` alone,
    to that chapter's opening paragraphs."""
    report = paragraph.chapter.report
    require_editor(report, actor)
    require_editable(report)
    target = chapter or paragraph.chapter
    if target.report_id != report.pk:
        raise ValidationError(_("A paragraph can only move within its report."))
    if section is SAME_PLACE:
        section = paragraph.section if target.pk == paragraph.chapter_id else None
    _check_place(target, section)
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(messages.PARAGRAPH_MOVED.encode())
        if target.pk != paragraph.chapter_id or paragraph.section_id != (
            section.pk if section else None
        ):
            paragraph.chapter, paragraph.section = target, section
            paragraph.save(update_fields=["chapter", "section"])
        _renumber(
            report,
            placing=(
                (target.pk, section.pk if section else None),
                _ids_with(target, section, paragraph.pk, position),
            ),
        )
        paragraph.refresh_from_db(fields=["number", "sort_order", "chapter", "section"])
    return paragraph


def paragraph_step(*, paragraph: Paragraph, direction: str, actor) -> Paragraph:
    """Move a paragraph one step up or down in reading order: within its place, or across the
    boundary into the place before or after it (a section, a chapter's opening, the next
    chapter), even an empty one. Refused at either end of the report."""
    report = paragraph.chapter.report
    slots = _slots(report)
    counts: dict[tuple[int, int | None], int] = {}
    for slot in Paragraph.objects.filter(chapter__report=report).values_list(
        "chapter_id", "section_id"
    ):
        counts[slot] = counts.get(slot, 0) + 1
    here = (paragraph.chapter_id, paragraph.section_id)
    index = slots.index(here)
    before = paragraph.chapter.paragraphs.filter(
        section_id=paragraph.section_id, sort_order__lt=paragraph.sort_order
    ).count()
    if direction == "up" and before > 0:
        place, position = here, before
    elif direction == "down" and before < counts[here] - 1:
        place, position = here, before + 2
    elif direction == "up" and index > 0:
        place = slots[index - 1]
        position = counts.get(place, 0) + 1
    elif direction == "down" and index < len(slots) - 1:
        place, position = slots[index + 1], 1
    else:
        raise ValidationError(_("The paragraph is already at that end of the report."))
    chapter = Chapter.objects.get(pk=place[0])
    section = Section.objects.get(pk=place[1]) if place[1] else None
    return paragraph_move(
        paragraph=paragraph, chapter=chapter, section=section, position=position, actor=actor
    )


def paragraph_delete(*, paragraph: Paragraph, actor) -> None:
    report = paragraph.chapter.report
    require_editor(report, actor)
    require_editable(report)
    if paragraph.recommendations.exists():
        raise ValidationError(
            _("Recommendations are anchored to this paragraph: move or delete them first.")
        )
    comment = messages.PARAGRAPH_DELETED.encode(number=paragraph.number)
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
            % {"date": display.day(deadline.due_on) if deadline else "—"}
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
            audit.Kind.SUBMISSION,
            actor=actor,
            target=report,
            detail=messages.COMMENTS_SUBMITTED.encode(count=count, kind=kind),
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
    """The published content, frozen: what the public reads, whatever is edited later.

    Each chapter lists all its paragraphs in reading order (each naming its section's letter,
    None before the first section) and its sections (letter and titles); a snapshot published
    before sections existed has no "sections" and no paragraph "section", and reads as
    chapters of paragraphs."""
    chapters = []
    for chapter in report.chapters.order_by("sort_order", "pk").prefetch_related(
        "paragraphs__section", "sections"
    ):
        chapters.append(
            {
                "number": chapter.number,
                "title_en": chapter.title_en,
                "title_ru": chapter.title_ru,
                "sections": [
                    {"letter": s.letter, "title_en": s.title_en, "title_ru": s.title_ru}
                    for s in sorted(chapter.sections.all(), key=lambda s: s.sort_order)
                ],
                "paragraphs": [
                    {
                        "number": p.number,
                        "section": p.section.letter if p.section_id else None,
                        "text_en": p.text_en,
                        "text_ru": p.text_ru,
                    }
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


def report_publish(
    *,
    report: Report,
    actor,
    correction_note: str = "",
    hold_back_government_reply: bool = False,
    hold_back_reason: str = "",
) -> Report:
    """Publish the report with the government's final comments (secretariat only), all or
    nothing: the evaluation moves to "published", the content is frozen and the replies to the
    questionnaire are published (`_publish_replies`) in one transaction.

    A report already published can be published again only after `report_correction_open`,
    with a note; that makes a new version (the replies stay as the first publication decided).
    The government's reply is published unless `hold_back_government_reply`, which needs a
    `hold_back_reason`."""
    from evaluation_rounds.services import evaluation_transition

    access.require_secretariat(actor)
    correction_note = correction_note.strip()
    hold_back_reason = hold_back_reason.strip()
    if hold_back_government_reply and not hold_back_reason:
        raise ValidationError(
            {"hold_back_reason": _("Say why the government's reply is held back.")}
        )
    with transaction.atomic():
        locked = Report.objects.select_for_update().select_related("evaluation").get(pk=report.pk)
        evaluation = locked.evaluation
        if locked.is_published and not locked.correction_open:
            raise ValidationError(_("This report is already published."))
        first_publication = not locked.is_published
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
                message=messages.REPORT_PUBLISHED,
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
        if first_publication:  # a correction leaves the replies as they were published
            _publish_replies(
                locked,
                actor=actor,
                now=now,
                hold_back_reason=hold_back_reason if hold_back_government_reply else "",
            )
        # What the public searches, filters, counts and downloads from now on.
        locked.recommendations.all().copy_to_published()
        audit.record(
            audit.Kind.PUBLICATION,
            actor=actor,
            target=locked,
            detail=(
                messages.VERSION_PUBLISHED_NOTE.encode(
                    version=publication.version, note=correction_note, max_length=500
                )
                if correction_note
                else messages.VERSION_PUBLISHED.encode(version=publication.version)
            ),
        )
        # Printed once, after the publication commits (a worker in production).
        transaction.on_commit(lambda: publication_render_pdf.enqueue(publication_id=publication.pk))
    report.refresh_from_db()
    return report


def _publish_replies(report: Report, *, actor, now, hold_back_reason: str) -> None:
    """Inside the report's first publication: decide each submitted reply once, freeze the
    published ones and record every decision. The responses are locked, so an NGO's consent
    cannot be withdrawn meanwhile."""
    from questionnaires.models import Response

    published = []
    for response in list(replies.submitted_replies(report).select_for_update(of=("self",))):
        planned = replies.planned_outcome(response, hold_back_reason=hold_back_reason)
        row = ReplyPublication(
            report=report,
            response=response,
            outcome=planned.outcome,
            reason=planned.reason,
            decided_by=actor,
            decided_at=now,
            organisation_name_en=response.organisation.name_en,
            organisation_name_ru=response.organisation.name_ru,
            is_government=response.organisation.is_national_government,
            content=replies.reply_snapshot(response) if planned.will_be_published else None,
        )
        row.full_clean()
        row.save()
        if planned.will_be_published:
            published.append(response.pk)
    Response.objects.filter(pk__in=published).update(reply_published_at=now)


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
        audit.record(
            audit.Kind.REOPENING,
            actor=actor,
            target=report,
            detail=messages.CORRECTION_OPENED.encode(note=note, max_length=500),
        )
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
