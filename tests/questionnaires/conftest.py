import pytest

from questionnaires.models import Question, Response


@pytest.fixture
def kg_government_response(demo_data):
    return Response.objects.get(
        organisation__is_national_government=True, evaluation__country__iso_code="KG"
    )


@pytest.fixture
def kz_government_response(demo_data):
    return Response.objects.get(
        organisation__is_national_government=True, evaluation__country__iso_code="KZ"
    )


@pytest.fixture
def kg_ngo_response(demo_data):
    return Response.objects.get(organisation__name_en='Public Association "El Agartuu"')


@pytest.fixture
def question_in(demo_data):
    def get(response, code):
        return Question.objects.get(section__questionnaire=response.questionnaire, code=code)

    return get


@pytest.fixture
def portal_world(db):
    """A world of its own, built through the services on an empty database: an open round,
    a government and an NGO questionnaire (frozen), one evaluated country with its national
    government (contact person and an official) and one NGO, both questionnaires dispatched."""
    from types import SimpleNamespace

    from django.contrib.auth.models import Group

    from evaluation_rounds.models import EvaluationRound
    from evaluation_rounds.services import evaluation_create
    from monitoring import access
    from monitoring.services import (
        country_upsert,
        membership_grant,
        organisation_upsert,
        user_upsert,
    )
    from questionnaires import structure_services
    from questionnaires.models import Questionnaire, Section

    def person(username, first, last):
        return user_upsert(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@world.example",
            password="x",
        )

    secretariat = person("w-secretariat", "Sara", "Secretary")
    secretariat.groups.add(Group.objects.get_or_create(name=access.SECRETARIAT_GROUP)[0])
    country = country_upsert(
        iso_code="TM", name_en="Turkmenistan", name_ru="Туркменистан", is_evaluated=True
    )
    government = organisation_upsert(
        kind="government",
        country=country,
        name_en="Government of Turkmenistan",
        name_ru="Правительство Туркменистана",
        is_national_government=True,
    )
    ngo = organisation_upsert(kind="ngo", country=country, name_en="Yenme", name_ru="Енме")
    contact = person("w-contact", "Aman", "Contact")
    official = person("w-official", "Oguljan", "Official")
    ngo_user = person("w-ngo", "Nabat", "Respondent")
    membership_grant(user=contact, organisation=government, role="contact_person")
    membership_grant(user=official, organisation=government, role="government_respondent")
    membership_grant(user=ngo_user, organisation=ngo, role="ngo_respondent")

    round_ = EvaluationRound.objects.create(
        number=7, title_en="Round 7", title_ru="Раунд 7", status=EvaluationRound.Status.OPEN
    )

    def questionnaire(audience, title):
        made = Questionnaire.objects.create(
            round=round_, audience=audience, title_en=title, title_ru=title
        )
        for number, theme in (("1", "general"), ("2", "prosecution")):
            section = Section.objects.create(
                questionnaire=made,
                number=number,
                title_en=f"Section {number}",
                title_ru=f"Раздел {number}",
                theme=theme,
                sort_order=int(number),
            )
            for order, (code, kind) in enumerate(
                (
                    (f"{number}.1", "long_text"),
                    (f"{number}.2", "long_text"),
                    (f"{number}.3", "yes_no"),
                )
            ):
                Question.objects.create(
                    section=section,
                    code=code,
                    question_type=kind,
                    text_en=f"Question {code}",
                    text_ru=f"Вопрос {code}",
                    required=True,
                    sort_order=order,
                )
        return structure_services.questionnaire_freeze(questionnaire=made, actor=secretariat)

    government_q = questionnaire("government", "Government questionnaire")
    ngo_q = questionnaire("civil_society", "NGO questionnaire")
    evaluation = evaluation_create(round=round_, country=country, actor=secretariat)
    government_response, ngo_response = structure_services.questionnaire_dispatch(
        evaluation=evaluation,
        questionnaire=government_q,
        actor=secretariat,
        ngos=[ngo],
        civil_society_questionnaire=ngo_q,
        notify=False,
    )

    def question(response, code):
        return Question.objects.get(section__questionnaire=response.questionnaire, code=code)

    return SimpleNamespace(
        secretariat=secretariat,
        contact=contact,
        official=official,
        ngo_user=ngo_user,
        evaluation=evaluation,
        government=government_response,
        ngo=ngo_response,
        question=question,
    )
