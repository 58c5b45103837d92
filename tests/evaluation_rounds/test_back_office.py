"""The procedure's back-office screens, through their URLs."""

import pytest
from django.urls import reverse

from evaluation_rounds.models import CountryEvaluation, EvaluationRound, Plenary
from evaluation_rounds.procedure import State
from monitoring.models import Country, ExpertMember
from monitoring.system_text import render
from tests.rendered_forms import form_in, submit


def _evaluation_page(client, evaluation):
    return client.get(reverse("procedure:evaluation", args=[evaluation.pk]))


def _action(name: str, *args) -> str:
    return f"form[action='{reverse(name, args=args)}']"


DASHBOARD = "/admin/procedure/"


@pytest.fixture
def secretariat_client(login_as):
    return login_as("secretariat")


def test_dashboard_lists_every_evaluation_with_its_next_deadline(secretariat_client):
    content = secretariat_client.get(DASHBOARD).content.decode()
    for country in ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"):
        assert country in content
    assert "urgency-row--overdue" in content  # Uzbekistan's reply
    assert "urgency-row--due-soon" in content  # Kyrgyzstan's comments
    assert "1 overdue" in content and "1 due within 30 days" in content


def test_round_timeline_shows_each_evaluation(
    secretariat_client, round_one, django_assert_max_num_queries
):
    url = reverse("procedure:timeline", args=[round_one.pk])
    with django_assert_max_num_queries(30):
        content = secretariat_client.get(url).content.decode()
    assert content.count('class="gantt__segment') == 19  # every recorded step is a segment
    assert "Published" in content


def test_dashboard_paginates(secretariat_client, monkeypatch):
    from evaluation_rounds import views

    monkeypatch.setattr(views, "DASHBOARD_PAGE_SIZE", 2)
    first = secretariat_client.get(DASHBOARD).content.decode()
    assert first.count("urgency-row--") == 2 and "Page 1 of 3" in first
    last = secretariat_client.get(DASHBOARD + "?page=99").content.decode()
    assert "Page 3 of 3" in last and last.count("urgency-row--") == 1


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?urgency=overdue", ["Uzbekistan"], ["Kyrgyzstan", "Kazakhstan"]),
        ("?urgency=due-soon", ["Kyrgyzstan"], ["Uzbekistan"]),
        ("?state=published", ["Kazakhstan"], ["Kyrgyzstan"]),
    ],
)
def test_dashboard_filters(secretariat_client, query, shown, hidden):
    content = secretariat_client.get(DASHBOARD + query).content.decode()
    table = content.split("<tbody>")[1].split("</tbody>")[0]
    for country in shown:
        assert country in table
    for country in hidden:
        assert country not in table


def test_dashboard_filters_by_country_and_round(secretariat_client):
    kazakhstan = Country.objects.get(iso_code="KZ")
    round_two = EvaluationRound.objects.get(number=2)
    table = secretariat_client.get(f"{DASHBOARD}?country={kazakhstan.pk}").content.decode()
    assert table.count("urgency-row--") == 1
    empty = secretariat_client.get(f"{DASHBOARD}?round={round_two.pk}").content.decode()
    assert "No evaluation matches these filters." in empty


def test_dashboard_ignores_malformed_filters(secretariat_client):
    response = secretariat_client.get(DASHBOARD + "?round=abc&state=nonsense&urgency=%00")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("username", "redirected_to"),
    [
        ("kz-contact", "/admin/login/?next=/admin/procedure/"),
        ("ngo-kg", "/admin/login/?next=/admin/procedure/"),
    ],
)
def test_dashboard_is_for_the_expert_group(login_as, username, redirected_to):
    response = login_as(username).get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"] == redirected_to


def test_every_expert_reads_the_dashboard_and_a_new_evaluation_on_it(login_as, user_named):
    from evaluation_rounds import services as procedure

    secretariat = user_named("secretariat")
    new_round = EvaluationRound.objects.create(
        number=12, title_en="Round 12", title_ru="Раунд 12", status=EvaluationRound.Status.OPEN
    )
    evaluation = procedure.evaluation_create(
        round=new_round, country=Country.objects.get(iso_code="TJ"), actor=secretariat
    )
    expert = login_as("expert-kg")
    page = expert.get(f"{DASHBOARD}?round={new_round.pk}")
    assert page.status_code == 200
    table = page.content.decode().split("<tbody>")[1].split("</tbody>")[0]
    assert reverse("procedure:evaluation", args=[evaluation.pk]) in table
    assert "Tajikistan" in table
    timeline = expert.get(reverse("procedure:timeline", args=[new_round.pk]))
    assert timeline.status_code == 200
    menu = expert.get("/admin/").content.decode()
    assert DASHBOARD in menu  # the menu offers it


def test_dashboard_query_count_is_constant(secretariat_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(60) as small:
        secretariat_client.get(DASHBOARD)
    secretariat = ExpertMember.objects.first()  # any expert, to make rapporteurs
    rounds = [
        EvaluationRound.objects.create(number=10 + n, title_en=f"R{n}", title_ru=f"Р{n}")
        for n in range(4)
    ]
    countries = Country.objects.bulk_create(
        Country(iso_code=f"Q{chr(65 + n)}", name_en=f"Country {n}", name_ru=f"Страна {n}")
        for n in range(26)
    ) + Country.objects.bulk_create(
        Country(iso_code=f"X{chr(65 + n)}", name_en=f"Land {n}", name_ru=f"Земля {n}")
        for n in range(24)
    )
    evaluations = CountryEvaluation.objects.bulk_create(
        CountryEvaluation(round=r, country=c, state=State.QUESTIONNAIRE_SENT)
        for r in rounds
        for c in countries
    )
    assert CountryEvaluation.objects.count() >= 200
    from django.utils import timezone

    from evaluation_rounds.models import Deadline, Rapporteur

    Deadline.objects.bulk_create(
        Deadline(
            evaluation=e,
            kind="questionnaire_reply",
            starts_on=timezone.localdate(),
            original_due_on=timezone.localdate(),
            due_on=timezone.localdate(),
        )
        for e in evaluations
    )
    Rapporteur.objects.bulk_create(
        Rapporteur(evaluation=e, expert=secretariat) for e in evaluations
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = secretariat_client.get(DASHBOARD)
    assert "Page 1 of 5" in response.content.decode()


def test_secretariat_moves_an_evaluation_forward(secretariat_client, evaluation_of):
    tajikistan = evaluation_of("TJ")
    page = _evaluation_page(secretariat_client, tajikistan)
    transition = _action("procedure:transition", tajikistan.pk)
    form = form_in(page, transition)
    assert form.fields["expected_state"] == [State.VISIT_DONE]  # hidden, as rendered
    response = submit(
        secretariat_client,
        page,
        transition,
        {"to_state": State.DRAFT_IN_PREPARATION, "occurred_on": ""},
    )
    assert response.status_code == 400  # the date is required
    assert "This field is required" in response.content.decode()
    tajikistan.refresh_from_db()
    assert tajikistan.state == State.VISIT_DONE
    from django.utils import timezone

    response = submit(
        secretariat_client,
        page,
        transition,
        {
            "to_state": State.DRAFT_IN_PREPARATION,
            "occurred_on": timezone.localdate().isoformat(),
            "comment": "Rapporteurs start writing.",
        },
        follow=True,
    )
    tajikistan.refresh_from_db()
    assert tajikistan.state == State.DRAFT_IN_PREPARATION
    assert "Rapporteurs start writing." in response.content.decode()


def test_stale_form_gets_a_conflict_message(secretariat_client, evaluation_of):
    uzbekistan = evaluation_of("UZ")
    # The page as it was while the evaluation was still being prepared: its hidden expected
    # state says so, and someone has moved the evaluation since.
    form = form_in(
        _evaluation_page(secretariat_client, uzbekistan),
        _action("procedure:transition", uzbekistan.pk),
    )
    assert form.fields["expected_state"] != [State.PREPARING]
    payload = form.data({"to_state": State.REPLIES_RECEIVED, "occurred_on": "2026-01-01"})
    payload["expected_state"] = [State.PREPARING]
    response = secretariat_client.post(form.action, payload)
    assert response.status_code == 400
    assert "Someone else has just moved" in response.content.decode()


def test_expert_reads_the_evaluation_but_cannot_act(login_as, evaluation_of):
    client = login_as("expert-kg")
    kyrgyzstan = evaluation_of("KG")
    content = client.get(reverse("procedure:evaluation", args=[kyrgyzstan.pk])).content.decode()
    assert "Draft with the government for comments" in content
    assert "Only the secretariat moves an evaluation forward." in content
    assert "Record this step" not in content  # no form: a forged post is refused
    response = client.post(
        reverse("procedure:transition", args=[kyrgyzstan.pk]), {"to_state": State.FINAL_ADOPTED}
    )
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    kyrgyzstan.refresh_from_db()
    assert kyrgyzstan.state == State.DRAFT_WITH_GOVERNMENT


def test_national_rapporteur_is_refused_in_the_form(secretariat_client, evaluation_of):
    kyrgyzstan = evaluation_of("KG")
    kyrgyz_expert = ExpertMember.objects.get(user__username="expert-kg")
    other = ExpertMember.objects.get(user__username="expert-uz")
    response = submit(
        secretariat_client,
        _evaluation_page(secretariat_client, kyrgyzstan),
        _action("procedure:rapporteurs", kyrgyzstan.pk),
        {"experts": [str(kyrgyz_expert.pk), str(other.pk)]},
    )
    assert response.status_code == 400
    assert "never evaluates their own country" in response.content.decode()
    assert set(kyrgyzstan.rapporteurs.values_list("expert__user__username", flat=True)) == {
        "expert-kz-2",
        "expert-uz",
    }


def test_same_gender_rapporteurs_get_a_warning(secretariat_client, evaluation_of):
    turkmenistan = evaluation_of("TM")
    women = ExpertMember.objects.filter(user__username__in=["expert-kz", "expert-uz"])
    response = submit(
        secretariat_client,
        _evaluation_page(secretariat_client, turkmenistan),
        _action("procedure:rapporteurs", turkmenistan.pk),
        {"experts": [str(e.pk) for e in women]},
        follow=True,
    )
    content = response.content.decode()
    assert "Both rapporteurs are of the same gender." in content
    assert "fair share" in content  # expert-kz already reports on Uzbekistan


def test_extension_into_the_past_is_refused(secretariat_client, evaluation_of):
    kyrgyzstan = evaluation_of("KG")
    deadline = kyrgyzstan.deadlines.get(kind="government_comments")
    response = submit(
        secretariat_client,
        _evaluation_page(secretariat_client, kyrgyzstan),
        _action("procedure:extend", kyrgyzstan.pk, deadline.pk),
        {f"d{deadline.pk}-new_due_on": "2020-01-01", f"d{deadline.pk}-reason": "late"},
    )
    assert response.status_code == 400
    assert "cannot be extended into the past" in response.content.decode()


def test_plenary_agenda(login_as):
    client = login_as("expert-kg")
    upcoming = Plenary.objects.get(number=4)
    content = client.get(reverse("procedure:agenda", args=[upcoming.pk])).content.decode()
    assert "Kyrgyzstan" in content and "Final report adopted" in content
    assert "Tajikistan" not in content
    past = Plenary.objects.get(number=3)
    content = client.get(reverse("procedure:agenda", args=[past.pk])).content.decode()
    assert "Kyrgyzstan" in content and "decided on" in content


def _add_evaluation(client, round_, country):
    """Wagtail's add form for an evaluation, as rendered, with the round and the country."""
    url = reverse("countryevaluation:add")
    changes = {"round": str(round_.pk), "country": str(country.pk), "kind": "regular"}
    return submit(client, client.get(url), f"form[action='{url}']", changes)


def test_second_evaluation_in_the_same_round_gets_a_form_error(secretariat_client, round_one):
    kazakhstan = Country.objects.get(iso_code="KZ")
    response = _add_evaluation(secretariat_client, round_one, kazakhstan)
    assert response.status_code == 200
    assert "already has an evaluation in this round" in response.content.decode()
    assert CountryEvaluation.objects.filter(country=kazakhstan, round=round_one).count() == 1


def test_evaluation_created_in_the_back_office_goes_through_the_service(secretariat_client):
    round_two = EvaluationRound.objects.get(number=2)
    kazakhstan = Country.objects.get(iso_code="KZ")
    _add_evaluation(secretariat_client, round_two, kazakhstan)
    created = CountryEvaluation.objects.get(round=round_two, country=kazakhstan)
    from reversion.models import Version

    assert render(Version.objects.get_for_object(created).first().revision.get_comment()) == (
        "Evaluation opened"
    )
