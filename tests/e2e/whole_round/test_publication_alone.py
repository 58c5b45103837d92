"""Phases 6 and 7 on their own: after phase 1, a scaffold brings Uzbekistan's evaluation to a
published report through the services (the questionnaires built, frozen and sent, the
government's reply with its statistics table submitted, an NGO answer kept confidential, the
procedure walked to publication), then `publication.run` checks the public site and runs a
follow-up cycle through the pages."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from evaluation_rounds import services as procedure
from evaluation_rounds.models import CountryEvaluation
from evaluation_rounds.procedure import State
from indicators.models import Observation
from monitoring.models import Organisation
from questionnaires import services as answering
from questionnaires import structure_services as structure
from questionnaires import types
from questionnaires.models import Questionnaire, Response, Section
from recommendations import services as recommendation_services
from reports import services as report_services

from . import publication, setup
from .world import CONTACT, NGO, PASSWORD, RAPPORTEURS, SECRETARIAT, World

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VICTIM_COLUMNS = [
    {"key": "women", "en": "Women", "ru": "Женщины"},
    {"key": "men", "en": "Men", "ru": "Мужчины"},
    {"key": "total", "en": "Total", "ru": "Всего"},
]
# The government's statistics table: years as rows, bound to the indicator.
# 2024: 175 in all; 2025: 3 men, a small count the public never reads.
VICTIMS = {"2023": (90, 40), "2024": (120, 55), "2025": (101, 3)}
RECOMMENDATIONS = (
    (
        "urges",
        "set up mobile teams that identify victims among labour migrants returning home.",
        "создать мобильные группы для выявления жертв среди возвращающихся трудовых мигрантов.",
    ),
    (
        "considers",
        "fund the shelters run by NGOs from the state budget.",
        "финансировать приюты, которыми управляют НКО, из государственного бюджета.",
    ),
)


class FormData(dict):
    """Form fields as the portal posts them."""

    def getlist(self, key):
        value = self.get(key)
        return [value] if value else []


def _users() -> dict:
    wanted = (SECRETARIAT, RAPPORTEURS[0], CONTACT, NGO)
    return {u.username: u for u in get_user_model().objects.filter(username__in=wanted)}


def _questionnaire(secretariat, evaluation, audience: str, title: str) -> Questionnaire:
    questionnaire = structure.questionnaire_create(
        actor=secretariat,
        round=evaluation.round,
        audience=audience,
        title_en=title,
        title_ru=f"{title} (ru)",
    )
    section = structure.section_create(
        actor=secretariat,
        questionnaire=questionnaire,
        number="1",
        title_en="Identification of victims",
        title_ru="Выявление жертв",
        theme=Section.Theme.PROTECTION,
    )
    structure.question_create(
        actor=secretariat,
        section=section,
        code="1.1",
        question_type="long_text",
        text_en="How are victims identified?",
        text_ru="Как выявляются жертвы?",
        required=True,
        config={},
    )
    if audience == Questionnaire.Audience.GOVERNMENT:
        structure.question_create(
            actor=secretariat,
            section=section,
            code="1.2",
            question_type="table",
            text_en="Victims identified, by year and sex.",
            text_ru="Выявленные жертвы по годам и полу.",
            required=True,
            config={
                "year_range": [2023, 2025],
                "columns": VICTIM_COLUMNS,
                "total_column": "total",
                "indicator": "victims-identified",
                "indicator_columns": {"women": {"sex": "F"}, "men": {"sex": "M"}, "total": {}},
            },
        )
    return structure.questionnaire_freeze(questionnaire=questionnaire, actor=secretariat)


def _answer(response: Response, code: str, data: dict, actor) -> None:
    question = response.questionnaire.sections.get().questions.get(code=code)
    result = answering.answer_save(
        response=response, question=question, data=FormData(data), actor=actor, expected_version=0
    )
    assert result.saved, result.errors


def _replies(evaluation, users) -> None:
    secretariat, contact, ngo_user = users[SECRETARIAT], users[CONTACT], users[NGO]
    government_q = _questionnaire(secretariat, evaluation, "government", "Government questionnaire")
    civil_q = _questionnaire(secretariat, evaluation, "civil_society", "NGO questionnaire")
    ngo = Organisation.objects.get(name_en=setup.NGO_NAME)
    government, ngo_reply = structure.questionnaire_dispatch(
        evaluation=evaluation,
        questionnaire=government_q,
        civil_society_questionnaire=civil_q,
        ngos=[ngo],
        actor=secretariat,
        notify=False,
    )
    _answer(
        government,
        "1.1",
        {f"q{government_q.sections.get().questions.get(code='1.1').pk}": "By the police."},
        contact,
    )
    table = government_q.sections.get().questions.get(code="1.2")
    cells = {}
    for year, (women, men) in VICTIMS.items():
        for column, number in (("women", women), ("men", men), ("total", women + men)):
            cells[types.TABLE.cell(table, year, column)] = str(number)
    _answer(government, "1.2", cells, contact)
    answering.response_submit(response=government, actor=contact, notify=False)
    assert Observation.objects.get(response=government, year=2024, sex="").value == 175

    question = civil_q.sections.get().questions.get(code="1.1")
    _answer(ngo_reply, "1.1", {f"q{question.pk}": publication.CONFIDENTIAL}, ngo_user)
    answer = ngo_reply.answers.get(question=question)
    answering.answer_set_confidential(
        response=ngo_reply,
        question=question,
        confidential=True,
        actor=ngo_user,
        expected_version=answer.version,
    )
    answering.response_submit(response=ngo_reply, actor=ngo_user, notify=False)


def _report(evaluation, users):
    rapporteur = users[RAPPORTEURS[0]]
    report = report_services.report_create(
        evaluation=evaluation,
        title_en="Evaluation report on Uzbekistan: first evaluation round",
        title_ru="Доклад об оценке: Узбекистан, первый раунд оценки",
        actor=users[SECRETARIAT],
    )
    chapter = report_services.chapter_create(
        report=report,
        number="1",
        title_en="Identification of victims",
        title_ru="Выявление жертв",
        actor=rapporteur,
    )
    government = Organisation.objects.get(name_en=setup.GOVERNMENT)
    for strength, text_en, text_ru in RECOMMENDATIONS:
        paragraph = report_services.paragraph_insert(
            chapter=chapter,
            text_en=f"The expert group {strength} the authorities to {text_en}",
            text_ru=f"Группа экспертов рекомендует властям {text_ru}",
            actor=rapporteur,
        )
        recommendation_services.recommendation_create(
            paragraph=paragraph,
            strength=strength,
            text_en=f"The authorities should {text_en}",
            text_ru=f"Властям следует {text_ru}",
            themes=["protection"],
            addressees=[government],
            actor=rapporteur,
        )
    return report


def scaffold_published_evaluation() -> None:
    """Uzbekistan's evaluation published, with the government's submitted reply (its
    statistics table now observations) and a report of two recommendations."""
    users = _users()
    secretariat = users[SECRETARIAT]
    evaluation = CountryEvaluation.objects.get(country__iso_code="UZ", round__number=1)
    _replies(evaluation, users)
    evaluation.refresh_from_db()
    assert evaluation.state == State.REPLIES_RECEIVED
    today = timezone.localdate()
    plenary = procedure.plenary_create(
        actor=secretariat,
        number=1,
        start_date=today - timedelta(days=1),
        end_date=today,
        place_en="Tashkent",
        place_ru="Ташкент",
    )
    no_visit = "The visit is recorded in another phase of the test."
    report = _report(evaluation, users)
    for state, step in (
        (State.DRAFT_IN_PREPARATION, {}),
        (State.DRAFT_APPROVED, {"plenary": plenary, "waiver_reason": no_visit}),
        (State.DRAFT_WITH_GOVERNMENT, {}),
        (State.FINAL_ADOPTED, {"plenary": plenary, "waiver_reason": "Comments by letter."}),
        (State.FINAL_COMMENTS, {}),
    ):
        procedure.evaluation_transition(
            evaluation=evaluation, to_state=state, actor=secretariat, notify=False, **step
        )
    report_services.report_publish(report=report, actor=secretariat)
    evaluation.refresh_from_db()
    assert evaluation.state == State.PUBLISHED


@pytest.mark.parametrize("width", [1280, 360])
def test_publication(live_server, browser, settings, monkeypatch, width, artifacts):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    monkeypatch.setenv("SECRETARIAT_PASSWORD", PASSWORD)
    call_command("create_secretariat", SECRETARIAT, "aigerim@example.org")
    world = World(base=live_server.url, width=width, browser=browser)
    try:
        setup.run(world)
        scaffold_published_evaluation()
        publication.run(world)
    except Exception:
        world.keep_pages(artifacts / "whole-round")
        raise
    finally:
        world.close()
