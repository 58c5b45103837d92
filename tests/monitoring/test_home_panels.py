"""The back office's home page shows each role its work, each line linking to its screen."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation_rounds import services as procedure
from evaluation_rounds.models import CountryEvaluation, EvaluationRound, Plenary
from monitoring.models import Country, ExpertMember
from questionnaires import services as answering
from questionnaires.models import ExtensionRequest, Response
from tests import home_page

HOME = home_page.HOME
_panels = home_page.work_panels


@pytest.fixture
def new_evaluation(demo_data, user_named):
    """Tajikistan in a new round, with expert-uz as one of its two rapporteurs."""
    secretariat = user_named("secretariat")
    new_round = EvaluationRound.objects.create(
        number=14, title_en="Round 14", title_ru="Раунд 14", status=EvaluationRound.Status.OPEN
    )
    evaluation = procedure.evaluation_create(
        round=new_round, country=Country.objects.get(iso_code="TJ"), actor=secretariat
    )
    procedure.rapporteurs_assign(
        evaluation=evaluation,
        experts=list(ExpertMember.objects.filter(user__username__in=["expert-uz", "expert-kz-2"])),
        actor=secretariat,
    )
    return evaluation


def test_the_secretariat_sees_steps_deadlines_plenary_and_extension_requests(
    login_as, user_named, new_evaluation
):
    today = timezone.localdate()
    plenary = Plenary.objects.create(
        number=41,
        start_date=today + timedelta(days=20),
        end_date=today + timedelta(days=22),
        place_en="Bishkek",
        place_ru="Бишкек",
    )
    response = Response.objects.get(organisation__name_en='Public Association "El Agartuu"')
    procedure.evaluation_create(
        round=new_evaluation.round,
        country=Country.objects.get(iso_code="TM"),
        actor=user_named("secretariat"),
    )
    answering.extension_request(
        response=response,
        requested_due_on=response.due_on + timedelta(days=30),
        reason="The ministry's figures come late.",
        actor=user_named("ngo-kg"),
    )

    panels = _panels(login_as("secretariat"))

    steps = panels["Evaluations by step"]
    preparing = CountryEvaluation.objects.filter(state="preparing").count()
    assert preparing >= 2  # the fixture's and Turkmenistan's
    assert (f"Preparing: {preparing}", reverse("procedure:dashboard") + "?state=preparing") in (
        steps
    )
    assert reverse("procedure:dashboard") + "?state=preparing" in [link for _text, link in steps]
    assert "Deadlines" in panels
    next_plenary = next(lines for heading, lines in panels.items() if "Plenary 41" in heading)
    assert next_plenary[0][1] == reverse("procedure:agenda", args=[plenary.pk])
    requests = panels["Extension requests to decide"]
    assert requests == [
        (
            requests[0][0],
            reverse("questionnaire_builder:response", args=[response.pk]),
        )
    ]
    assert requests[0][0].startswith('Public Association "El Agartuu" · Kyrgyzstan')
    assert ExtensionRequest.objects.filter(status="pending").count() == 1


def test_a_rapporteur_sees_her_evaluations_and_another_expert_an_empty_state(
    login_as, new_evaluation
):
    mine = _panels(login_as("expert-uz"))["My rapporteurships"]
    link = reverse("procedure:evaluation", args=[new_evaluation.pk])
    line = next(text for text, href in mine if href == link)
    assert line.startswith("Tajikistan · ")
    assert "Preparing" in line
    assert "Evaluations by step" not in _panels(login_as("expert-uz"))

    others = _panels(login_as("expert-tm"))["My rapporteurships"]
    assert link not in [href for _text, href in others]


def test_an_expert_without_rapporteurships_is_told_so(client, new_evaluation):
    from evaluation_rounds.models import Rapporteur

    expert = ExpertMember.objects.get(user__username="expert-tm")
    Rapporteur.objects.filter(expert=expert).delete()
    client.force_login(expert.user)
    content = client.get(HOME).content.decode()
    assert "You are not a rapporteur of an open evaluation." in content


def test_the_home_page_costs_the_same_queries_whatever_the_number_of_evaluations(
    login_as, user_named, new_evaluation, django_assert_max_num_queries
):
    client = login_as("secretariat")
    client.get(HOME)
    with django_assert_max_num_queries(45) as few:
        client.get(HOME)
    secretariat_user = user_named("secretariat")
    for number in range(15, 19):
        extra_round = EvaluationRound.objects.create(
            number=number, title_en=f"R{number}", title_ru=f"Р{number}"
        )
        for country in Country.objects.filter(iso_code__in=["KZ", "KG", "UZ"]):
            procedure.evaluation_create(round=extra_round, country=country, actor=secretariat_user)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(HOME)


def test_comments_to_mark_reach_the_secretariat_and_the_rapporteurs_until_marked(
    login_as, user_named
):
    from reports import services as reporting
    from reports.models import GovernmentComment, Report

    report = Report.objects.get(evaluation__country__iso_code="KG", kind="evaluation")
    contact = user_named("kg-contact")
    reporting.comment_add(report=report, text="Please add the 2025 figures.", actor=contact)
    reporting.comments_submit(report=report, actor=contact)
    editor = reverse("reports:editor", args=[report.pk])

    lines = _panels(login_as("secretariat"))["Government comments not yet marked"]
    (line,) = [text for text, href in lines if href == editor]
    assert "to mark" in line
    mine = _panels(login_as("expert-kz-2"))["Government comments waiting for my mark"]
    assert editor in [href for _text, href in mine]
    assert editor not in [
        href
        for _text, href in _panels(login_as("expert-tm"))["Government comments waiting for my mark"]
    ]

    for comment in GovernmentComment.objects.filter(report=report, status="submitted"):
        reporting.comment_respond(
            comment=comment, response="taken_into_account", actor=user_named("expert-kz-2")
        )
    lines = _panels(login_as("secretariat"))["Government comments not yet marked"]
    assert editor not in [href for _text, href in lines]


def test_the_panels_read_in_russian_for_a_reader_who_chose_russian(
    login_as, user_named, new_evaluation
):
    from wagtail.users.models import UserProfile

    for username in ("secretariat", "expert-uz"):
        profile = UserProfile.get_for_user(user_named(username))
        profile.preferred_language = "ru"
        profile.save()

    secretariat = _panels(login_as("secretariat"))
    assert {"Оценки по этапам", "Сроки"} <= set(secretariat)
    steps = " ".join(text for text, _href in secretariat["Оценки по этапам"])
    assert "Preparing" not in steps

    expert = _panels(login_as("expert-uz"))
    mine = expert["Мои оценки в качестве докладчика"]
    link = reverse("procedure:evaluation", args=[new_evaluation.pk])
    line = next(text for text, href in mine if href == link)
    assert line.startswith("Таджикистан · ")
    assert "Preparing" not in line
    headings = set(secretariat) | set(expert)
    assert not {"Evaluations by step", "My rapporteurships"} & headings
    assert "Комментарии правительства, ожидающие моей отметки" in headings
