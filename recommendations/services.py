"""Writes on recommendations: the recommendation in the report editor, and the follow-up
(the government's progress updates with their evidence, the expert group's assessments, the
government's follow-up report). Every rule is enforced here, whatever calls it. A refused
action raises ValidationError (or PermissionDenied) and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation_rounds.models import CountryEvaluation
from evaluation_rounds.procedure import DeadlineKind, State
from evaluation_rounds.services import deadline_met
from monitoring import access, audit
from monitoring.i18n import written_in
from monitoring.models import Organisation
from reports.models import Paragraph, Report
from reports.services import (
    locked_for_edit,
    mark_text_changes,
    renumber_recommendations,
    require_editable,
    require_editor,
)

from . import system_messages as messages
from . import wording
from .models import (
    Assessment,
    AssessmentStatus,
    ProgressEvidence,
    ProgressUpdate,
    Recommendation,
    RecommendationTheme,
    Theme,
    theme_mask_of,
)

# --- Recommendations ----------------------------------------------------------------------


def _check_addressees(report: Report, addressees: Sequence[Organisation]) -> None:
    foreign = [str(o) for o in addressees if o.country_id != report.evaluation.country_id]
    if foreign:
        raise ValidationError(
            {
                "addressees": _("%(names)s: not a body of the evaluated country.")
                % {"names": ", ".join(foreign)}
            }
        )


def _valid_themes(themes: Iterable[str]) -> list[str]:
    themes = sorted(set(themes))
    invalid = [theme for theme in themes if theme not in Theme.values]
    if invalid:
        raise ValidationError({"themes": _("Unknown theme: %(theme)s") % {"theme": invalid[0]}})
    return themes


def _set_themes(recommendation: Recommendation, themes: list[str]) -> None:
    """Write the theme rows of `themes` (from `_valid_themes`); the caller has set
    `recommendation.theme_mask` to their bits when saving it."""
    recommendation.themes.exclude(theme__in=themes).delete()
    existing = set(recommendation.themes.values_list("theme", flat=True))
    RecommendationTheme.objects.bulk_create(
        RecommendationTheme(recommendation=recommendation, theme=theme)
        for theme in themes
        if theme not in existing
    )


def recommendation_create(
    *,
    paragraph: Paragraph,
    strength: str,
    text_en: str,
    actor,
    text_ru: str = "",
    themes: Iterable[str] = (),
    convention_articles: str = "",
    addressees: Sequence[Organisation] = (),
    sdg_target: str = "",
    reiterates: Recommendation | None = None,
    in_report_order: bool = True,
) -> Recommendation:
    """A recommendation needs a strength and a text. It takes its place in the order of the
    report (after the recommendations of its paragraph and the paragraphs before it), and
    those after it move one number on; an import that brings its own numbers passes
    `in_report_order=False` and it takes the report's next number. A text typed as a
    fragment is stored as a full sentence (`wording.compose`)."""
    text_en = wording.compose(text_en, strength, "en")
    text_ru = wording.compose(text_ru, strength, "ru")
    report = paragraph.chapter.report
    require_editor(report, actor)
    require_editable(report)
    addressees = list(addressees)
    _check_addressees(report, addressees)
    with transaction.atomic(), reversion.create_revision():
        Report.objects.select_for_update().filter(pk=report.pk).first()  # one number at a time
        last = report.recommendations.aggregate(last=Max("number"))["last"] or 0
        recommendation = Recommendation(
            report=report,
            paragraph=paragraph,
            number=last + 1,
            strength=strength,
            text_en=text_en,
            text_ru=text_ru,
            convention_articles=convention_articles,
            sdg_target=sdg_target.strip(),
            reiterates=reiterates,
        )
        recommendation.full_clean()
        mark_text_changes(recommendation, before={"text_en": "", "text_ru": ""})
        themes = _valid_themes(themes)
        recommendation.theme_mask = theme_mask_of(themes)
        reversion.set_user(actor)
        reversion.set_comment(messages.ADDED.encode())
        recommendation.save()
        recommendation.addressees.set(addressees)
        _set_themes(recommendation, themes)
        if in_report_order:
            renumber_recommendations(report)
            recommendation.refresh_from_db(fields=["number"])
    return recommendation


RECOMMENDATION_FIELDS = {
    "paragraph",
    "strength",
    "text_en",
    "text_ru",
    "convention_articles",
    "sdg_target",
    "reiterates",
}


def _same_as_stored(
    stored: Recommendation, changes: dict, themes: list[str] | None, addressees: list | None
) -> bool:
    return (
        all(getattr(stored, field) == value for field, value in changes.items())
        and (themes is None or set(stored.theme_values) == set(themes))
        and (
            addressees is None
            or set(stored.addressees.values_list("pk", flat=True)) == {a.pk for a in addressees}
        )
    )


def recommendation_update(
    *,
    recommendation: Recommendation,
    actor,
    themes: Iterable[str] | None = None,
    addressees: Sequence[Organisation] | None = None,
    expected_version: int | None = None,
    **changes,
) -> Recommendation:
    """Change the given fields (see RECOMMENDATION_FIELDS), themes or addressees, against the
    version the editor read (see `reports.services.locked_for_edit`: a stale change raises
    StaleVersion and writes nothing); each change is a new version. A text given as a
    fragment is stored as a full sentence with the lead-in of the strength."""
    strength = changes.get("strength", recommendation.strength)
    for language in wording.LANGUAGES:
        if f"text_{language}" in changes:
            changes[f"text_{language}"] = wording.compose(
                changes[f"text_{language}"], strength, language
            )
    report = recommendation.report
    require_editor(report, actor)
    require_editable(report)
    unknown = set(changes) - RECOMMENDATION_FIELDS
    if unknown:
        raise TypeError(f"recommendation_update() cannot change {', '.join(sorted(unknown))}")
    for field, value in changes.items():
        setattr(recommendation, field, value)
    recommendation.full_clean()
    changes = {field: getattr(recommendation, field) for field in changes}  # as cleaned
    if addressees is not None:
        addressees = list(addressees)
        _check_addressees(report, addressees)
    if themes is not None:
        themes = _valid_themes(themes)
        recommendation.theme_mask = theme_mask_of(themes)
    with transaction.atomic(), reversion.create_revision():
        stored, unchanged = locked_for_edit(
            recommendation,
            expected_version=expected_version,
            unchanged=lambda row: _same_as_stored(row, changes, themes, addressees),
        )
        recommendation.version = stored.version
        if unchanged:
            return recommendation
        dated = mark_text_changes(
            recommendation,
            before={
                name: getattr(stored if name in changes else recommendation, name)
                for name in ("text_en", "text_ru")
            },
        )
        recommendation.version += 1
        reversion.set_user(actor)
        reversion.set_comment(messages.EDITED.encode())
        # Only what this edit changes: an instance read earlier must not write back the
        # derived and published columns (status, publication, the published copy) it holds.
        recommendation.save(
            update_fields=[
                *changes,
                "version",
                *dated,
                *(["theme_mask"] if themes is not None else []),
            ]
        )
        if addressees is not None:
            recommendation.addressees.set(addressees)
        if themes is not None:
            _set_themes(recommendation, themes)
        if "paragraph" in changes:  # the number follows it to its new place
            renumber_recommendations(report)
            recommendation.refresh_from_db(fields=["number"])
    return recommendation


# --- Follow-up ----------------------------------------------------------------------------


def _require_published(recommendation: Recommendation) -> None:
    if not recommendation.report.is_published:
        raise ValidationError(_("Follow-up starts once the report is published."))


def progress_update_add(
    *,
    recommendation: Recommendation,
    text: str,
    actor,
    reported_on: date | None = None,
    links: str = "",
    responsible_body: Organisation | None = None,
    submitted: bool = False,
) -> ProgressUpdate:
    """The evaluated government reports what it has done about a recommendation."""
    country_id = recommendation.report.evaluation.country_id
    if country_id not in access.principal_for(actor).government_country_ids:
        raise PermissionDenied(_("Only the evaluated government reports progress."))
    _require_published(recommendation)
    update = ProgressUpdate(
        recommendation=recommendation,
        text=text,
        reported_on=reported_on or timezone.localdate(),
        links=links.strip(),
        responsible_body=responsible_body,
        author=actor,
        submitted=submitted,
    )
    update.full_clean()
    update.save()
    return update


def assessment_record(
    *,
    recommendation: Recommendation,
    status: str,
    actor,
    reasoning_en: str = "",
    reasoning_ru: str = "",
    reasoning: str = "",
    cycle: int = 1,
    assessed_on: date | None = None,
) -> Assessment:
    """The expert group assesses a recommendation in a follow-up cycle (re-recording the same
    cycle corrects it; the revision keeps the earlier wording). The reasoning is given in
    either language or both; `reasoning` is a text that arrives without its language (an
    import's one column), stored in the language its script says."""
    if reasoning.strip():
        if written_in(reasoning) == "ru":
            reasoning_ru = reasoning_ru or reasoning
        else:
            reasoning_en = reasoning_en or reasoning
    if not access.principal_for(actor).is_staff_reader:
        raise PermissionDenied(_("Only the expert group assesses recommendations."))
    _require_published(recommendation)
    if status == AssessmentStatus.NOT_ASSESSED:
        raise ValidationError({"status": _("Choose the assessment.")})
    with transaction.atomic(), reversion.create_revision():
        assessment = (
            Assessment.objects.select_for_update()
            .filter(recommendation=recommendation, cycle=cycle)
            .first()
        ) or Assessment(recommendation=recommendation, cycle=cycle)
        assessment.status = status
        assessment.reasoning_en, assessment.reasoning_ru = reasoning_en, reasoning_ru
        assessment.assessed_on = assessed_on or timezone.localdate()
        assessment.assessor = actor
        assessment.full_clean()
        reversion.set_user(actor)
        reversion.set_comment(messages.ASSESSED.encode())
        assessment.save()
        Recommendation.objects.filter(pk=recommendation.pk).refresh_current_status()
    recommendation.refresh_from_db(fields=["current_status"])
    return assessment


def progress_update_report(
    *,
    recommendation: Recommendation,
    text: str,
    actor,
    reported_on: date | None = None,
    links: str = "",
    responsible_body: Organisation | None = None,
    files: Sequence = (),
) -> ProgressUpdate:
    """A progress update with its evidence files, all or nothing: every file is checked
    (type by content, size) before anything is written."""
    from monitoring.uploads import check_upload

    checked = [(uploaded, check_upload(uploaded)) for uploaded in files]
    with transaction.atomic():
        update = progress_update_add(
            recommendation=recommendation,
            text=text,
            actor=actor,
            reported_on=reported_on,
            links=links,
            responsible_body=responsible_body,
        )
        for uploaded, result in checked:
            uploaded.name = result.name
            ProgressEvidence.objects.create(
                update=update,
                file=uploaded,
                original_name=result.name,
                content_type=result.content_type,
                size=result.size,
                uploaded_by=actor,
            )
    return update


def progress_update_delete(*, update: ProgressUpdate, actor) -> None:
    """Withdraw an unsubmitted progress update with its evidence files."""
    country_id = update.recommendation.report.evaluation.country_id
    if country_id not in access.principal_for(actor).government_country_ids:
        raise PermissionDenied(_("Only the evaluated government reports progress."))
    if update.submitted:
        raise ValidationError(_("A submitted progress update cannot change."))
    files = [evidence.file for evidence in update.evidence.all()]
    with transaction.atomic():
        update.delete()
        transaction.on_commit(lambda: [stored.delete(save=False) for stored in files])


def follow_up_submit(*, report: Report, actor) -> int:
    """The contact person submits every unsubmitted progress update on the report as the
    government's follow-up report, once the expert group has requested it. Submitted updates
    are locked. Returns how many were submitted."""
    if not access.can_submit_follow_up(actor, report):
        raise PermissionDenied(_("Only the contact person submits the government's follow-up."))
    with transaction.atomic():
        Report.objects.select_for_update().filter(pk=report.pk).first()
        state = CountryEvaluation.objects.values_list("state", flat=True).get(
            pk=report.evaluation_id
        )
        if state != State.FOLLOW_UP_REQUESTED:
            raise ValidationError(
                _("The follow-up report can be submitted only while the follow-up is requested.")
            )
        pending = ProgressUpdate.objects.filter(recommendation__report=report, submitted=False)
        if not pending.exists():
            raise ValidationError(_("There are no progress updates to submit."))
        count = pending.update(submitted=True)
        # What the follow-up deadline waited for has arrived: the clock stops, and the
        # government's dashboard moves the request to its history.
        deadline_met(evaluation=report.evaluation, kind=DeadlineKind.FOLLOW_UP_REPORT)
        audit.record(
            audit.Kind.SUBMISSION,
            actor=actor,
            target=report,
            detail=messages.FOLLOW_UP_SUBMITTED.encode(count=count),
        )
    return count
