"""Round 2's questionnaire asks each country about its open round-1 recommendations."""

from django.urls import reverse

from evaluation_rounds.models import EvaluationRound
from questionnaires import structure_services
from questionnaires.models import Question, Questionnaire, Section
from recommendations import services


def test_builder_generates_follow_up_questions_from_assessed_recommendations(
    kz_report, secretariat, login_as
):
    first, second = kz_report.recommendations.order_by("number")
    services.assessment_record(
        recommendation=first,
        cycle=1,
        status="partly_implemented",
        reasoning="Law drafted, not adopted.",
        actor=secretariat,
    )
    services.assessment_record(
        recommendation=second, cycle=1, status="implemented", reasoning="Done.", actor=secretariat
    )
    round_two = EvaluationRound.objects.get(number=2)
    questionnaire = structure_services.questionnaire_clone(
        source=Questionnaire.objects.get(round__number=1, audience="government"),
        round=round_two,
        actor=secretariat,
    )
    section = Section.objects.create(
        questionnaire=questionnaire,
        number="8",
        theme="general",
        title_en="Follow-up",
        title_ru="Последующие меры",
        sort_order=8,
    )
    client = login_as("secretariat")
    url = reverse("questionnaire_builder:follow_up", args=[questionnaire.pk])
    client.post(url, {"section": section.pk})
    client.post(url, {"section": section.pk})  # a second click adds nothing
    questions = Question.objects.filter(section=section)
    assert questions.count() == 1
    question = questions.get()
    assert question.country == kz_report.evaluation.country
    assert first.text_en in question.text_en and question.required
