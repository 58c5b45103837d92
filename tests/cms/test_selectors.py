"""Reads of the public site: key figures, evaluation stages and the procedure steps."""

from django.utils import translation

from cms import selectors
from evaluation_rounds.procedure import State
from evaluation_rounds.selectors import procedure_steps
from recommendations.models import AssessmentStatus, Recommendation


def test_key_figures_in_two_queries(kz_report, django_assert_num_queries):
    with django_assert_num_queries(2):
        figures = selectors.key_figures()
    statuses = list(
        Recommendation.objects.filter(report=kz_report).values_list("current_status", flat=True)
    )
    implemented = statuses.count(AssessmentStatus.IMPLEMENTED)
    assert figures.countries_evaluated == 1
    assert figures.reports_published == 1
    assert figures.recommendations_published == len(statuses)
    assert figures.recommendations_implemented == implemented
    assert figures.share_implemented == round(100 * implemented / len(statuses))


def test_key_figures_before_anything_is_published(db):
    figures = selectors.key_figures()
    assert figures.recommendations_published == 0
    assert figures.share_implemented is None


def test_evaluation_stages_say_only_the_step(demo_data, django_assert_num_queries):
    with django_assert_num_queries(1):
        stages = selectors.evaluation_stages()
    states = {stage.state for stage in stages.values()}
    assert State.PUBLISHED in states and State.DRAFT_WITH_GOVERNMENT in states
    assert len(stages) == 5


def test_procedure_steps_follow_the_usual_path():
    with translation.override("en"):
        steps = procedure_steps()
    assert [step.state for step in steps][:3] == [
        State.PREPARING,
        State.QUESTIONNAIRE_SENT,
        State.REPLIES_RECEIVED,
    ]
    assert steps[-1].state == State.CLOSED
    assert {step.state for step in steps if step.plenary} == {
        State.DRAFT_APPROVED,
        State.FINAL_ADOPTED,
    }
    sent = next(step for step in steps if step.state == State.QUESTIONNAIRE_SENT)
    assert sent.deadlines == ("Reply to the questionnaire: 4 months by default",)
    assert procedure_steps(follow_up=False)[-1].state == State.PUBLISHED
