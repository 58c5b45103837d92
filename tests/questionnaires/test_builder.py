"""The questionnaire builder and the secretariat's response actions, through their URLs."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse

from evaluation_rounds.models import CountryEvaluation
from questionnaires import services
from questionnaires.models import ExtensionRequest, Question, Questionnaire, Response
from tests.rendered_forms import form_in, submit


@pytest.fixture
def government_questionnaire(demo_data):
    return Questionnaire.objects.get(round__number=1, audience="government")


@pytest.fixture
def secretariat_client(login_as):
    return login_as("secretariat")


def test_builder_page_shows_the_structure(
    secretariat_client, government_questionnaire, django_assert_max_num_queries
):
    with django_assert_max_num_queries(45):
        response = secretariat_client.get(
            reverse("questionnaire_builder:detail", args=[government_questionnaire.pk])
        )
    content = response.content.decode()
    assert "Victims identified, by year, sex and age." in content
    assert "frozen on" in content
    assert "Create a new version to edit" in content


def test_preview_renders_every_widget_read_only(secretariat_client, government_questionnaire):
    section = government_questionnaire.sections.get(number="3")
    content = secretariat_client.get(
        reverse("questionnaire_builder:preview", args=[government_questionnaire.pk, section.pk])
    ).content.decode()
    assert "Preview of" in content
    assert 'class="stat-table"' in content
    assert "data-autosave-url" not in content and "readonly" in content


def test_freeze_and_new_version_through_the_admin(secretariat_client, government_questionnaire):
    response = secretariat_client.post(
        reverse("questionnaire_builder:new_version", args=[government_questionnaire.pk])
    )
    draft = Questionnaire.objects.get(
        round=government_questionnaire.round, audience="government", version=2
    )
    assert response["Location"] == reverse("questionnaire_builder:detail", args=[draft.pk])
    question = Question.objects.filter(section__questionnaire=draft).first()
    edit = secretariat_client.post(
        reverse("question:edit", args=[question.pk]),
        {
            "section": question.section_id,
            "code": question.code,
            "question_type": question.question_type,
            "text_en": "Edited in the draft",
            "text_ru": question.text_ru,
            "help_en": "",
            "help_ru": "",
            "config": "{}",
            "country": "",
        },
    )
    assert edit.status_code == 302
    secretariat_client.post(reverse("questionnaire_builder:freeze", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.is_frozen
    refused = secretariat_client.post(
        reverse("question:edit", args=[question.pk]),
        {
            "section": question.section_id,
            "code": question.code,
            "question_type": question.question_type,
            "text_en": "Edited after freezing",
            "text_ru": question.text_ru,
            "config": "{}",
        },
    )
    assert refused.status_code == 200
    assert "frozen" in refused.content.decode()
    question.refresh_from_db()
    assert question.text_en == "Edited in the draft"


def test_deleting_a_frozen_question_is_refused(secretariat_client, government_questionnaire):
    question = Question.objects.filter(section__questionnaire=government_questionnaire).first()
    response = secretariat_client.post(reverse("question:delete", args=[question.pk]), follow=True)
    assert "frozen" in response.content.decode()
    assert Question.objects.filter(pk=question.pk).exists()


def test_bad_table_settings_get_a_clear_error(secretariat_client, government_questionnaire):
    draft_response = secretariat_client.post(
        reverse("questionnaire_builder:new_version", args=[government_questionnaire.pk])
    )
    assert draft_response.status_code == 302
    draft = Questionnaire.objects.get(version=2, audience="government")
    section = draft.sections.first()
    response = secretariat_client.post(
        reverse("question:add"),
        {
            "section": section.pk,
            "code": "1.99",
            "question_type": "table",
            "text_en": "Bad table",
            "text_ru": "Плохая таблица",
            "help_en": "",
            "help_ru": "",
            "config": '{"year_range": [2024, 2020]}',
            "country": "",
        },
    )
    assert response.status_code == 200
    assert "two whole years" in response.content.decode()
    assert not Question.objects.filter(code="1.99").exists()


@pytest.mark.parametrize(
    ("binding", "refused"),
    [
        ('"indicator": "no-such", "indicator_columns": {"t": {}}', "Unknown indicator code"),
        ('"indicator": "victims-identified", "indicator_columns": {"t": {"sex": "W"}}', "W is not"),
        ('"indicator": "victims-identified", "indicator_columns": {"t": {}}', None),
    ],
)
def test_a_statistics_table_bound_to_an_indicator_gets_the_indicators_check(
    secretariat_client, government_questionnaire, binding, refused
):
    """questionnaires imports nothing of indicators: the binding check reaches the builder
    because indicators registers it (IndicatorsConfig.ready → types.register_config_check)."""
    secretariat_client.post(
        reverse("questionnaire_builder:new_version", args=[government_questionnaire.pk])
    )
    draft = Questionnaire.objects.get(version=2, audience="government")
    response = secretariat_client.post(
        reverse("question:add"),
        {
            "section": draft.sections.first().pk,
            "code": "1.98",
            "question_type": "table",
            "text_en": "Victims identified",
            "text_ru": "Выявленные жертвы",
            "help_en": "",
            "help_ru": "",
            "config": '{"year_range": [2020, 2023], "columns": [{"key": "t", "en": "Total"}], '
            + binding
            + "}",
            "country": "",
        },
    )
    if refused:
        assert response.status_code == 200
        assert refused in response.content.decode()
        assert not Question.objects.filter(code="1.98").exists()
    else:
        assert response.status_code == 302
        assert Question.objects.filter(code="1.98", section__questionnaire=draft).exists()


def test_dispatch_from_the_back_office(secretariat_client, government_questionnaire):
    turkmenistan = CountryEvaluation.objects.get(round__number=1, country__iso_code="TM")
    response = secretariat_client.post(
        reverse("questionnaire_builder:dispatch"),
        {"evaluation": turkmenistan.pk, "questionnaire": government_questionnaire.pk},
    )
    assert response.status_code == 302
    turkmenistan.refresh_from_db()
    assert turkmenistan.state == "questionnaire_sent"
    assert Response.objects.filter(evaluation=turkmenistan).count() == 1


def test_reopen_and_extension_decisions(secretariat_client, login_as, demo_data):
    kz = Response.objects.get(
        organisation__is_national_government=True, evaluation__country__iso_code="KZ"
    )
    page = secretariat_client.get(reverse("questionnaire_builder:response", args=[kz.pk]))
    reopen = _action("questionnaire_builder:reopen", kz.pk)
    submit(secretariat_client, page, reopen, {"reason": ""})
    kz.refresh_from_db()
    assert kz.status == "submitted"
    submit(secretariat_client, page, reopen, {"reason": "Missing 2024 figures."})
    kz.refresh_from_db()
    assert kz.status == "reopened"

    kg = Response.objects.get(
        organisation__is_national_government=True, evaluation__country__iso_code="KG"
    )
    login_as("kg-contact").post(
        reverse("portal:extension", args=[kg.pk]),
        {"requested_due_on": (kg.due_on + timedelta(days=20)).isoformat(), "reason": "Floods"},
    )
    request = ExtensionRequest.objects.get(response=kg)
    secretariat = login_as("secretariat")
    page = secretariat.get(reverse("questionnaire_builder:response", args=[kg.pk]))
    form = form_in(page, _action("questionnaire_builder:extension_decide", request.pk))
    # Grant and Refuse share the name "decision": the helper presses the last, Refuse.
    payload = form.data({"note": "Not possible."}, press="decision")
    assert payload["decision"] == ["refuse"]
    secretariat.post(form.action, payload)
    request.refresh_from_db()
    assert request.status == "refused"


def test_an_extension_decision_without_a_button_decides_nothing(login_as, user_named):
    """The note sent without pressing Grant or Refuse (a forged or truncated post) is no
    refusal: the request stays pending and the secretariat is told to choose."""
    kg = Response.objects.get(
        organisation__is_national_government=True, evaluation__country__iso_code="KG"
    )
    request = services.extension_request(
        response=kg,
        requested_due_on=kg.due_on + timedelta(days=10),
        reason="Floods",
        actor=user_named("kg-contact"),
    )
    secretariat = login_as("secretariat")
    page = secretariat.get(reverse("questionnaire_builder:response", args=[kg.pk]))
    form = form_in(page, _action("questionnaire_builder:extension_decide", request.pk))
    response = secretariat.post(form.action, form.data({"note": "Hmm."}), follow=True)
    request.refresh_from_db()
    assert request.status == "pending"
    assert "Choose whether to grant or refuse the extension." in response.content.decode()


def _action(name: str, *args) -> str:
    return f"form[action='{reverse(name, args=args)}']"


@pytest.mark.parametrize("username", ["kz-contact", "ngo-kg"])
def test_respondents_never_reach_the_builder(login_as, government_questionnaire, username):
    response = login_as(username).get(
        reverse("questionnaire_builder:detail", args=[government_questionnaire.pk])
    )
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_expert_reads_but_cannot_freeze(login_as, government_questionnaire):
    client = login_as("expert-kg")
    draft = Questionnaire.objects.create(
        round=government_questionnaire.round,
        audience="government",
        version=9,
        title_en="D",
        title_ru="Д",
    )
    assert client.get(reverse("questionnaire_builder:detail", args=[draft.pk])).status_code == 200
    client.post(reverse("questionnaire_builder:freeze", args=[draft.pk]))
    draft.refresh_from_db()
    assert not draft.is_frozen


def test_binding_a_table_to_an_indicator_in_the_builder(
    secretariat_client, government_questionnaire
):
    """A wrong binding is refused on the edit form with its reason; a sound one is saved."""
    secretariat_client.post(
        reverse("questionnaire_builder:new_version", args=[government_questionnaire.pk])
    )
    draft = Questionnaire.objects.get(
        round=government_questionnaire.round, audience="government", version=2
    )
    question = Question.objects.filter(section__questionnaire=draft, question_type="table").first()
    columns = [column["key"] for column in question.config["columns"]]

    def save(binding: dict):
        config = {**question.config, "year_range": [2020, 2024], **binding}
        config.pop("rows", None)
        return secretariat_client.post(
            reverse("question:edit", args=[question.pk]),
            {
                "section": question.section_id,
                "code": question.code,
                "question_type": "table",
                "text_en": question.text_en,
                "text_ru": question.text_ru,
                "help_en": "",
                "help_ru": "",
                "config": json.dumps(config),
                "country": "",
            },
        )

    refused = save({"indicator": "victims-identified", "indicator_columns": {"nope": {}}})
    assert refused.status_code == 200
    assert "The table has no column nope." in refused.content.decode()
    question.refresh_from_db()
    assert "indicator" not in question.config
    saved = save({"indicator": "victims-identified", "indicator_columns": {columns[0]: {}}})
    assert saved.status_code == 302
    question.refresh_from_db()
    assert question.config["indicator_columns"] == {columns[0]: {}}


def test_a_draft_with_sections_shows_its_editing_links(
    secretariat_client, government_questionnaire
):
    """A new version is a draft holding the frozen one's sections: its page offers the section
    edit and the question reordering (which is Wagtail's question list in its drag order)."""
    secretariat_client.post(
        reverse("questionnaire_builder:new_version", args=[government_questionnaire.pk])
    )
    draft = Questionnaire.objects.get(
        round=government_questionnaire.round, audience="government", version=2
    )
    page = secretariat_client.get(reverse("questionnaire_builder:detail", args=[draft.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    section = draft.sections.first()
    assert reverse("section:edit", args=[section.pk]) in content
    reorder = f"{reverse('question:index')}?ordering=sort_order"
    assert reorder in content
    assert secretariat_client.get(reorder).status_code == 200
