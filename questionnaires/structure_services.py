"""Writes on a questionnaire's structure: freeze, new version, clone, follow-up questions,
and dispatch to a country evaluation."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from evaluation_rounds.models import CountryEvaluation, EvaluationRound
from evaluation_rounds.procedure import DeadlineKind, State, add_months
from monitoring import access
from monitoring.models import Organisation
from monitoring.services import fields_assign, record_save

from . import notifications
from . import system_messages as messages
from .models import Question, Questionnaire, Response, Section
from .models.structure import FROZEN_MESSAGE

QUESTIONNAIRE_FIELDS = (
    "round",
    "audience",
    "title_en",
    "title_ru",
    "introduction_en",
    "introduction_ru",
)
SECTION_FIELDS = (
    "questionnaire",
    "number",
    "title_en",
    "title_ru",
    "introduction_en",
    "introduction_ru",
    "articles",
    "theme",
)
QUESTION_FIELDS = (
    "section",
    "code",
    "question_type",
    "text_en",
    "text_ru",
    "help_en",
    "help_ru",
    "required",
    "config",
    "country",
)


def questionnaire_create(*, actor, **fields: object) -> Questionnaire:
    """A new questionnaire (a draft); `fields` are among QUESTIONNAIRE_FIELDS."""
    access.require_secretariat(actor)
    questionnaire = Questionnaire()
    fields_assign(questionnaire, fields, editable=QUESTIONNAIRE_FIELDS)
    return record_save(questionnaire, actor=actor, comment=messages.QUESTIONNAIRE_CREATED.encode())


def questionnaire_update(*, questionnaire: Questionnaire, actor, **fields: object) -> Questionnaire:
    """Change a draft questionnaire; a frozen one is refused (Questionnaire.clean)."""
    access.require_secretariat(actor)
    fields_assign(questionnaire, fields, editable=QUESTIONNAIRE_FIELDS)
    return record_save(questionnaire, actor=actor, comment=messages.QUESTIONNAIRE_CHANGED.encode())


def section_create(*, actor, **fields: object) -> Section:
    """A new section of a draft questionnaire; `fields` are among SECTION_FIELDS."""
    access.require_secretariat(actor)
    section = Section()
    fields_assign(section, fields, editable=SECTION_FIELDS)
    return record_save(section, actor=actor, comment=messages.SECTION_ADDED.encode())


def section_update(*, section: Section, actor, **fields: object) -> Section:
    """Change a section. Neither the questionnaire it leaves nor the one it joins may be
    frozen (the model checks only the one it joins)."""
    access.require_secretariat(actor)
    stored = Section.objects.select_related("questionnaire").get(pk=section.pk)
    if stored.questionnaire.is_frozen:
        raise ValidationError(FROZEN_MESSAGE)
    fields_assign(section, fields, editable=SECTION_FIELDS)
    return record_save(section, actor=actor, comment=messages.SECTION_CHANGED.encode())


def question_create(*, actor, **fields: object) -> Question:
    """A new question of a draft questionnaire; `fields` are among QUESTION_FIELDS."""
    access.require_secretariat(actor)
    question = Question()
    fields_assign(question, fields, editable=QUESTION_FIELDS)
    return record_save(question, actor=actor, comment=messages.QUESTION_ADDED.encode())


def question_update(*, question: Question, actor, **fields: object) -> Question:
    """Change a question. A question of a frozen questionnaire stays as it was sent, even when
    moved to a draft's section (the model checks only the section it joins)."""
    access.require_secretariat(actor)
    stored = Question.objects.select_related("section__questionnaire").get(pk=question.pk)
    if stored.section.questionnaire.is_frozen and not stored.follow_up_of:
        raise ValidationError(FROZEN_MESSAGE)
    fields_assign(question, fields, editable=QUESTION_FIELDS)
    return record_save(question, actor=actor, comment=messages.QUESTION_CHANGED.encode())


def response_due_on_set(*, response: Response, due_on, actor) -> Response:
    """Set the date a response is due. A submitted response is not due any more."""
    access.require_secretariat(actor)
    stored = Response.objects.get(pk=response.pk)
    if stored.is_locked and due_on != stored.due_on:
        raise ValidationError({"due_on": _("This response has been submitted: it is due no more.")})
    response.due_on = due_on
    return record_save(response, actor=actor, comment=messages.DUE_DATE_CHANGED.encode())


def questionnaire_freeze(*, questionnaire: Questionnaire, actor) -> Questionnaire:
    access.require_secretariat(actor)
    if questionnaire.is_frozen:
        raise ValidationError(_("This questionnaire is already frozen."))
    if not Question.objects.filter(section__questionnaire=questionnaire).exists():
        raise ValidationError(_("An empty questionnaire cannot be frozen."))
    questionnaire.frozen_at = timezone.now()
    questionnaire.save(update_fields=["frozen_at"])
    return questionnaire


@transaction.atomic
def _copy_structure(source: Questionnaire, target: Questionnaire) -> None:
    for section in source.sections.prefetch_related("questions"):
        questions = list(section.questions.all())
        section.pk = None
        section.questionnaire = target
        section.save()
        for question in questions:
            question.pk = None
            question.section = section
        Question.objects.bulk_create(questions)


def questionnaire_new_version(*, questionnaire: Questionnaire, actor) -> Questionnaire:
    """Editing a frozen questionnaire means a new, unfrozen version with the same content."""
    access.require_secretariat(actor)
    latest = (
        Questionnaire.objects.filter(round=questionnaire.round, audience=questionnaire.audience)
        .order_by("-version")
        .first()
    )
    with transaction.atomic():
        copy = Questionnaire.objects.create(
            round=questionnaire.round,
            audience=questionnaire.audience,
            version=latest.version + 1,
            title_en=questionnaire.title_en,
            title_ru=questionnaire.title_ru,
            introduction_en=questionnaire.introduction_en,
            introduction_ru=questionnaire.introduction_ru,
            previous_version=questionnaire,
        )
        _copy_structure(questionnaire, copy)
    return copy


def questionnaire_clone(*, source: Questionnaire, round: EvaluationRound, actor) -> Questionnaire:
    """Start a round's questionnaire from an earlier round's (country follow-ups left out)."""
    access.require_secretariat(actor)
    if Questionnaire.objects.filter(round=round, audience=source.audience).exists():
        raise ValidationError(_("That round already has a questionnaire for this audience."))
    with transaction.atomic():
        copy = Questionnaire.objects.create(
            round=round,
            audience=source.audience,
            title_en=source.title_en,
            title_ru=source.title_ru,
            introduction_en=source.introduction_en,
            introduction_ru=source.introduction_ru,
        )
        _copy_structure(source, copy)
        Question.objects.filter(section__questionnaire=copy, country__isnull=False).delete()
    return copy


# The apps that own earlier recommendations register, under this Wagtail hook, a function
# (country, round) -> the items still open there: objects with `reference` (a stable id),
# `country_id`, `text_en`, `text_ru` and `status` (recommendations.selectors.FollowUpItem).
FOLLOW_UP_ITEMS_HOOK = "register_follow_up_items"


def follow_up_questions_generate(
    *, questionnaire: Questionnaire, section: Section, items: Sequence, actor
) -> list[Question]:
    """Add one country-specific question per open recommendation (idempotent by reference).

    The items come from the providers of FOLLOW_UP_ITEMS_HOOK (recommendations assessed as
    not or partly implemented); any caller can pass them, which keeps this tested on its own.
    """
    access.require_secretariat(actor)
    if questionnaire.is_frozen:
        raise ValidationError(_("A frozen questionnaire cannot change; create a new version."))
    existing = set(
        Question.objects.filter(section=section)
        .exclude(follow_up_of="")
        .values_list("follow_up_of", flat=True)
    )
    created = []
    for number, item in enumerate(items, start=1):
        if item.reference in existing:
            continue
        created.append(
            Question(
                section=section,
                code=f"{section.number}.F{number}",
                question_type="long_text",
                # A recommendation written in one language only is quoted in that language.
                text_en="What has been done to implement this recommendation: "
                f"“{item.text_en or item.text_ru}”?",
                text_ru="Какие меры приняты для выполнения этой рекомендации: "
                f"«{item.text_ru or item.text_en}»?",
                required=True,
                country_id=item.country_id,
                follow_up_of=item.reference,
                sort_order=1000 + number,
            )
        )
    return Question.objects.bulk_create(created)


def questionnaire_dispatch(
    *,
    evaluation: CountryEvaluation,
    questionnaire: Questionnaire,
    actor,
    ngos: Iterable[Organisation] = (),
    civil_society_questionnaire: Questionnaire | None = None,
    notify: bool = True,
) -> list[Response]:
    """Send the questionnaire: one government response, one per invited NGO, each with a due
    date from the round's settings. Sending the government's starts the evaluation's clock:
    the evaluation's reply deadline and the response's due date are the same date, counted
    from today, even where "questionnaire sent" was recorded earlier. Whoever a new response
    waits for hears of it by e-mail (the government's contact person, the NGO's
    respondents); sending again to one more NGO tells only that NGO."""
    from evaluation_rounds.services import deadline_restart, evaluation_transition

    access.require_secretariat(actor)
    for item in filter(None, (questionnaire, civil_society_questionnaire)):
        if not item.is_frozen:
            raise ValidationError(_("Freeze the questionnaire before sending it."))
        if item.round_id != evaluation.round_id:
            raise ValidationError(_("The questionnaire belongs to another round."))
    government = Organisation.objects.filter(
        country=evaluation.country, is_national_government=True
    ).first()
    if government is None:
        raise ValidationError(_("Record the country's national government first."))
    ngos = list(ngos)
    if ngos and civil_society_questionnaire is None:
        raise ValidationError(_("Choose the civil-society questionnaire for the NGOs."))
    if any(ngo.kind != "ngo" or ngo.country_id != evaluation.country_id for ngo in ngos):
        raise ValidationError(_("Invite only NGOs of the evaluated country."))
    today = timezone.localdate()
    due = add_months(today, evaluation.round.reply_period_months)
    with transaction.atomic():
        sent = [
            Response.objects.get_or_create(
                questionnaire=questionnaire,
                evaluation=evaluation,
                organisation=government,
                defaults={"due_on": due},
            )
        ]
        sent += [
            Response.objects.get_or_create(
                questionnaire=civil_society_questionnaire,
                evaluation=evaluation,
                organisation=ngo,
                defaults={"due_on": due},
            )
            for ngo in ngos
        ]
        if evaluation.state == State.PREPARING:
            evaluation_transition(
                evaluation=evaluation,
                to_state=State.QUESTIONNAIRE_SENT,
                actor=actor,
                notify=False,  # the dispatch itself tells the government, below
            )
        elif sent[0][1] and evaluation.state == State.QUESTIONNAIRE_SENT:
            deadline_restart(
                evaluation=evaluation, kind=DeadlineKind.QUESTIONNAIRE_REPLY, on=today, due_on=due
            )
        if notify:
            new_ids = [response.pk for response, created in sent if created]
            transaction.on_commit(lambda: notifications.notify_dispatched(new_ids))
    return [response for response, _created in sent]


def follow_up_questions_from_reports(
    *, questionnaire: Questionnaire, section: Section, actor
) -> list[Question]:
    """Ask each country again about its previous round's recommendations that are assessed as
    not or partly implemented (idempotent: one question per recommendation)."""
    providers = hooks.get_hooks(FOLLOW_UP_ITEMS_HOOK)
    previous = EvaluationRound.objects.filter(number=questionnaire.round.number - 1).first()
    if previous is None:
        raise ValidationError(_("The first round has no earlier recommendations to follow up."))
    items = [
        item
        for evaluation in previous.evaluations.select_related("country")
        for provider in providers
        for item in provider(evaluation.country, previous)
    ]
    return follow_up_questions_generate(
        questionnaire=questionnaire, section=section, items=items, actor=actor
    )
