"""The report's versions, rebuilt from django-reversion, and a word-level diff of two of them.

A version of the report is a reversion revision touching one of its paragraphs or
recommendations. Services record, in each revision, every paragraph whose place changed
(`services._renumber`), so the order at any revision is known. Reversion never saves a version
of a deleted object, so `record_deletion` writes one explicitly, the object's last state, in a
revision of its own: an object that no longer exists is absent from its last version onward.

Versions are found by their serialised foreign key (`"fields": {"chapter": 12,` for a
paragraph, `"fields": {"report": 7,` for a recommendation): Django's JSON serialiser writes the
fields in model order, so this text filter works on every database without JSON functions.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.safestring import SafeString
from reversion.models import Revision, Version

from evaluation_rounds.models import Transition
from evaluation_rounds.procedure import State
from monitoring import text_diff

from .models import Chapter, Paragraph, Report


def record_deletion(obj: models.Model, *, actor, comment: str) -> Revision:
    """Record the object's last state as the revision of its deletion (call before deleting)."""
    revision = Revision.objects.create(date_created=timezone.now(), user=actor, comment=comment)
    Version.objects.create(
        revision=revision,
        object_id=str(obj.pk),
        content_type=ContentType.objects.get_for_model(type(obj)),
        db="default",
        format="json",
        serialized_data=serializers.serialize("json", [obj]),
        object_repr=str(obj),
    )
    return revision


@dataclass(frozen=True)
class ReportVersion:
    revision_id: int
    created: datetime
    user: str
    comment: str


@dataclass
class ParagraphState:
    pk: int
    chapter_id: int
    sort_order: int
    text_en: str
    text_ru: str
    number: int = 0


@dataclass
class RecommendationState:
    pk: int
    number: int
    paragraph_id: int
    strength: str
    text_en: str
    text_ru: str


@dataclass
class ReportState:
    paragraphs: list[ParagraphState] = field(default_factory=list)
    recommendations: list[RecommendationState] = field(default_factory=list)


@dataclass
class _History:
    """Every version of the report's paragraphs and recommendations, oldest first."""

    paragraphs: dict[int, list[tuple[int, dict]]]
    recommendations: dict[int, list[tuple[int, dict]]]
    revisions: list[ReportVersion]
    existing_paragraphs: set[int]
    existing_recommendations: set[int]
    chapter_order: dict[int, tuple[int, int]]


def _history(report: Report) -> _History:
    chapters = list(Chapter.objects.filter(report=report).values_list("pk", "sort_order"))
    paragraph_type = ContentType.objects.get_for_model(Paragraph)
    recommendation_type = ContentType.objects.get_for_model(
        Report.recommendations.rel.related_model
    )
    of_chapters = Q()
    for chapter_id, _order in chapters:
        of_chapters |= Q(serialized_data__contains=f'"fields": {{"chapter": {chapter_id},')
    of_report = Q(content_type=recommendation_type) & Q(
        serialized_data__contains=f'"fields": {{"report": {report.pk},'
    )
    if chapters:
        of_report |= Q(content_type=paragraph_type) & of_chapters
    versions = (
        Version.objects.filter(of_report)
        .select_related("revision__user")
        .order_by("revision_id", "pk")
    )
    paragraphs: dict[int, list[tuple[int, dict]]] = {}
    recommendations: dict[int, list[tuple[int, dict]]] = {}
    revisions: dict[int, ReportVersion] = {}
    for version in versions:
        data = _fields(version.serialized_data)
        target = paragraphs if version.content_type_id == paragraph_type.pk else recommendations
        target.setdefault(int(version.object_id), []).append((version.revision_id, data))
        revision = version.revision
        revisions[revision.pk] = ReportVersion(
            revision_id=revision.pk,
            created=revision.date_created,
            user=(revision.user.get_full_name() or revision.user.username) if revision.user else "",
            comment=revision.comment,
        )
    return _History(
        paragraphs=paragraphs,
        recommendations=recommendations,
        revisions=sorted(revisions.values(), key=lambda r: r.revision_id, reverse=True),
        existing_paragraphs=set(
            Paragraph.objects.filter(chapter__report=report).values_list("pk", flat=True)
        ),
        existing_recommendations=set(report.recommendations.values_list("pk", flat=True)),
        chapter_order={pk: (order, pk) for pk, order in chapters},
    )


def _fields(serialized: str) -> dict:
    return json.loads(serialized)[0]["fields"]


def report_versions(report: Report) -> list[ReportVersion]:
    """The report's versions, newest first."""
    return _history(report).revisions


def _at(
    versions: dict[int, list[tuple[int, dict]]], existing: set[int], revision_id: int
) -> dict[int, dict]:
    found = {}
    for pk, rows in versions.items():
        upto = [row for row in rows if row[0] <= revision_id]
        if not upto:
            continue
        deleted = pk not in existing
        if deleted and upto[-1] is rows[-1]:
            continue  # its last version records its deletion
        found[pk] = upto[-1][1]
    return found


def state_at(report: Report, revision_id: int | None, *, history: _History | None = None):
    """The report's text at a revision (None: as it is now)."""
    if revision_id is None:
        return current_state(report)
    history = history or _history(report)
    paragraphs = [
        ParagraphState(
            pk=pk,
            chapter_id=data["chapter"],
            sort_order=data["sort_order"],
            text_en=data["text_en"],
            text_ru=data["text_ru"],
            number=data.get("number", 0),
        )
        for pk, data in _at(history.paragraphs, history.existing_paragraphs, revision_id).items()
    ]
    recommendations = [
        RecommendationState(
            pk=pk,
            number=data["number"],
            paragraph_id=data["paragraph"],
            strength=data["strength"],
            text_en=data["text_en"],
            text_ru=data["text_ru"],
        )
        for pk, data in _at(
            history.recommendations, history.existing_recommendations, revision_id
        ).items()
    ]
    return _ordered(paragraphs, recommendations, history.chapter_order)


def current_state(report: Report) -> ReportState:
    chapter_order = {
        pk: (order, pk)
        for pk, order in Chapter.objects.filter(report=report).values_list("pk", "sort_order")
    }
    paragraphs = [
        ParagraphState(pk=p.pk, chapter_id=p.chapter_id, sort_order=p.sort_order,
                       text_en=p.text_en, text_ru=p.text_ru, number=p.number)
        for p in Paragraph.objects.filter(chapter__report=report)
    ]  # fmt: skip
    recommendations = [
        RecommendationState(pk=r.pk, number=r.number, paragraph_id=r.paragraph_id,
                            strength=r.strength, text_en=r.text_en, text_ru=r.text_ru)
        for r in report.recommendations.all()
    ]  # fmt: skip
    return _ordered(paragraphs, recommendations, chapter_order)


def _ordered(paragraphs, recommendations, chapter_order) -> ReportState:
    # The stored number is the reading order at that revision (every paragraph whose number a
    # change rewrote is recorded in its revision), across chapter and section moves; numbers
    # are then derived from that order, as the services derive them.
    paragraphs.sort(
        key=lambda p: (p.number, chapter_order.get(p.chapter_id, (0, 0)), p.sort_order, p.pk)
    )
    for number, paragraph in enumerate(paragraphs, start=1):
        paragraph.number = number
    recommendations.sort(key=lambda r: (r.number, r.pk))
    return ReportState(paragraphs=paragraphs, recommendations=recommendations)


def draft_sent_at(report: Report) -> datetime | None:
    """When the evaluation last moved to "draft with the government", if it did."""
    return (
        Transition.objects.filter(
            evaluation_id=report.evaluation_id, to_state=State.DRAFT_WITH_GOVERNMENT
        )
        .order_by("-recorded_at")
        .values_list("recorded_at", flat=True)
        .first()
    )


def draft_sent_revision(report: Report, versions: list[ReportVersion]) -> int | None:
    """The newest revision not later than the draft's move to the government, if any."""
    sent = draft_sent_at(report)
    if sent is None:
        return None
    return next((v.revision_id for v in versions if v.created <= sent), None)


def final_revision(report: Report, versions: list[ReportVersion]) -> int | None:
    """The published text (the newest revision up to publication); None: the current text."""
    if report.published_at is None or not report.correction_open:
        return None
    return next((v.revision_id for v in versions if v.created <= report.published_at), None)


# --- The diff ------------------------------------------------------------------------------


@dataclass
class DiffRow:
    kind: str  # "paragraph" or "recommendation"
    status: str  # "added", "removed", "changed", "moved", "unchanged"
    old_number: int | None
    new_number: int | None
    texts: list[tuple[str, SafeString]]  # (language, diff)
    note: str = ""


def _texts(old, new) -> list[tuple[str, SafeString]]:
    rows = []
    for language in ("en", "ru"):
        before = getattr(old, f"text_{language}", "") if old else ""
        after = getattr(new, f"text_{language}", "") if new else ""
        if before or after:
            rows.append(
                (language, text_diff.as_markup(text_diff.word_diff(before, after, html=True)))
            )
    return rows


def _align(old_items: list, new_items: list, kind: str, same) -> list[DiffRow]:
    old_by = {item.pk: item for item in old_items}
    new_by = {item.pk: item for item in new_items}
    matcher = difflib.SequenceMatcher(
        a=[i.pk for i in old_items], b=[i.pk for i in new_items], autojunk=False
    )
    rows = []

    def row(old, new, *, moved=False):
        if old is None:
            status = "added"
        elif new is None:
            status = "removed"
        elif not same(old, new):
            status = "changed"
        else:
            status = "moved" if moved else "unchanged"
        rows.append(
            DiffRow(
                kind=kind,
                status=status,
                old_number=old.number if old else None,
                new_number=new.number if new else None,
                texts=_texts(old, new),
                note=getattr(new or old, "strength", ""),
            )
        )

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for old, new in zip(old_items[i1:i2], new_items[j1:j2], strict=True):
                row(old, new)
            continue
        for old in old_items[i1:i2]:
            # Moved elsewhere: shown once, where it stands in the newer version.
            if old.pk not in new_by:
                row(old, None)
        for new in new_items[j1:j2]:
            row(old_by.get(new.pk), new, moved=True)
    return rows


def compare(old: ReportState, new: ReportState) -> list[DiffRow]:
    def same_paragraph(a, b):
        return (a.text_en, a.text_ru) == (b.text_en, b.text_ru)

    def same_recommendation(a, b):
        return (a.text_en, a.text_ru, a.strength) == (b.text_en, b.text_ru, b.strength)

    return _align(old.paragraphs, new.paragraphs, "paragraph", same_paragraph) + _align(
        old.recommendations, new.recommendations, "recommendation", same_recommendation
    )


def history_for(report: Report) -> _History:
    return _history(report)
