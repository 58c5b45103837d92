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
