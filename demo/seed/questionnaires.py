"""Demo questionnaires and responses: Kazakhstan's reply submitted, Kyrgyzstan's in progress with
sections shared, and two NGO replies, one with a confidential answer. Figures are fictional."""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from demo.content.questionnaires import CIVIL_SOCIETY, GOVERNMENT
from evaluation_rounds.models import CountryEvaluation, EvaluationRound
from monitoring.models import Organisation
from questionnaires import services, structure_services, types
from questionnaires.models import Question, Questionnaire, Response, Section

TEXTS = {
    "KZ": "Fictional demo answer for Kazakhstan: Criminal Code art. 128 and art. 135; the "
    "Interagency Commission is chaired by the Ministry of Internal Affairs.",
    "KG": "Fictional demo answer for Kyrgyzstan: the Law of 17.03.2005 No. 55 and the referral "
    "mechanism set by resolution No. 493 of 19.09.2019.",
}


def build_questionnaire(round_: EvaluationRound, audience: str, content, title_en, title_ru):
    questionnaire, created = Questionnaire.objects.get_or_create(
        round=round_,
        audience=audience,
        version=1,
        defaults={"title_en": title_en, "title_ru": title_ru},
    )
    if not created:
        return questionnaire
    for order, (number, theme, articles, en, ru, questions) in enumerate(content):
        section = Section.objects.create(
            questionnaire=questionnaire,
            number=number,
            theme=theme,
            articles=articles,
            title_en=en,
            title_ru=ru,
            sort_order=order,
        )
        for position, (code, kind, required, text_en, text_ru, config) in enumerate(questions):
            question = Question(
                section=section,
                code=code,
                question_type=kind,
                required=required,
                text_en=text_en,
                text_ru=text_ru,
                config=config,
                sort_order=position,
            )
            question.full_clean()
            question.save()
    return questionnaire


def demo_form_data(question: Question, iso: str, rng: random.Random) -> dict[str, str]:
    """Form fields that answer `question` plausibly, as a respondent would type them."""
    name = types.prefix(question)
    kind, config = question.question_type, question.config
    if kind in ("short_text", "long_text"):
        return {name: "116 16" if question.code == "4.4" and iso == "KZ" else TEXTS[iso]}
    if kind == "yes_no":
        return {f"{name}-choice": "yes", f"{name}-explanation": TEXTS[iso]}
    if kind == "single_choice":
        return {name: config["choices"][0]["key"]}
    if kind == "multiple_choice":
        return {name: ";".join(c["key"] for c in config["choices"][:2])}
    if kind == "number":
        return {name: str(rng.randint(2, 60))}
    if kind == "date":
        return {name: "2023-11-28" if iso == "KZ" else "2022-04-15"}
    if kind == "table":
        table = types.TABLE
        data = {}
        for row in table.rows(config):
            parts = [c for c in table.columns(config) if c["key"] != config.get("total_column")]
            values = {c["key"]: rng.randint(0, 40) for c in parts}
            for column_key, number in values.items():
                data[table.cell(question, row["key"], column_key)] = str(number)
            if config.get("total_column"):
                data[table.cell(question, row["key"], config["total_column"])] = str(
                    sum(values.values())
                )
        return data
    if kind == "repeating":
        return {
            f"{name}-0-title": "Law on countering trafficking in persons",
            f"{name}-0-number": "No. 1",
            f"{name}-0-date": "2024-06-05",
            f"{name}-0-link": "https://adilet.zan.kz/",
        }
    return {}


class FormData(dict):
    def getlist(self, key):
        value = self.get(key)
        return value.split(";") if value else []


def answer_all(response: Response, actor, iso: str, *, only_sections=None, seed=1) -> None:
    rng = random.Random(seed)  # noqa: S311 (reproducible demo figures, not security)
    for question in Question.objects.filter(section__questionnaire=response.questionnaire):
        if not types.answer_type(question).form_saved:
            continue
        if only_sections and question.section.number not in only_sections:
            continue
        if response.answers.filter(question=question).exists():
            continue
        services.answer_save(
            response=response,
            question=question,
            data=FormData(demo_form_data(question, iso, rng)),
            actor=actor,
            expected_version=None,
        )


def seed_questionnaires() -> None:
    users = {u.username: u for u in get_user_model().objects.all()}
    secretariat = users["secretariat"]
    round_one = EvaluationRound.objects.get(number=1)
    government_q = build_questionnaire(
        round_one,
        "government",
        GOVERNMENT,
        "Questionnaire for governments, first evaluation round",
        "Вопросник для правительств, первый раунд оценки",
    )
    civil_q = build_questionnaire(
        round_one,
        "civil_society",
        CIVIL_SOCIETY,
        "Questionnaire for civil society, first evaluation round",
        "Вопросник для гражданского общества, первый раунд оценки",
    )
    for questionnaire in (government_q, civil_q):
        if not questionnaire.is_frozen:
            structure_services.questionnaire_freeze(questionnaire=questionnaire, actor=secretariat)

    for iso, ngo_name in (
        ("KZ", 'Legal Center for Women\'s Initiatives "Sana Sezim"'),
        ("KG", 'Public Association "El Agartuu"'),
    ):
        evaluation = CountryEvaluation.objects.get(round=round_one, country__iso_code=iso)
        if evaluation.responses.exists():
            continue
        ngo = Organisation.objects.get(name_en=ngo_name)
        responses = structure_services.questionnaire_dispatch(
            evaluation=evaluation,
            questionnaire=government_q,
            actor=secretariat,
            ngos=[ngo],
            civil_society_questionnaire=civil_q,
            notify=False,
        )
        government, ngo_response = (Response.objects.get(pk=r.pk) for r in responses)
        if iso == "KG":  # still answering: a month left
            Response.objects.filter(pk__in=[government.pk, ngo_response.pk]).update(
                due_on=timezone.localdate() + timedelta(days=30)
            )
            government.refresh_from_db()
            ngo_response.refresh_from_db()
        contact = users[f"{iso.lower()}-contact"]
        ngo_user = users[f"ngo-{iso.lower()}"]
        if iso == "KZ":
            answer_all(government, contact, iso)
            services.response_submit(response=government, actor=contact, notify=False)
            answer_all(ngo_response, ngo_user, iso, seed=2)
            # Answered in time: the deadline is the one the procedure recorded back then.
            reply_deadline = evaluation.deadlines.get(kind="questionnaire_reply")
            Response.objects.filter(pk__in=[government.pk, ngo_response.pk]).update(
                due_on=reply_deadline.due_on
            )
        else:
            official = users["kg-official"]
            for number in ("3", "4"):
                services.section_assign(
                    response=government,
                    section=government_q.sections.get(number=number),
                    assignee=official,
                    actor=contact,
                )
            answer_all(government, contact, iso, only_sections={"1", "2"})
            answer_all(government, official, iso, only_sections={"3"}, seed=3)
            answer_all(ngo_response, ngo_user, iso, only_sections={"1", "2"}, seed=4)
            services.answer_set_confidential(
                response=ngo_response,
                question=Question.objects.get(section__questionnaire=civil_q, code="2.2"),
                confidential=True,
                actor=ngo_user,
                expected_version=None,
            )
