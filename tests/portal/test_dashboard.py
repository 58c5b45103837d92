import pytest

from demo.seeding import DEMO_PASSWORD
from monitoring import display, services
from monitoring.models import Country


def main_content(response) -> str:
    """The page's <main> element, unescaped: header and meta text say nothing about scoping."""
    html = response.content.decode().replace("&quot;", '"')
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def test_portal_requires_login(db, client):
    response = client.get("/portal/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/portal/"


def test_login_page_renders_and_signs_in(demo_data, client):
    assert client.get("/accounts/login/").status_code == 200
    response = client.post(
        "/accounts/login/?next=/portal/",
        {"username": "kz-official", "password": DEMO_PASSWORD, "next": "/portal/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/portal/"


def test_wrong_password_gets_a_clear_message(demo_data, client):
    response = client.post("/accounts/login/", {"username": "kz-official", "password": "nope"})
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()


@pytest.mark.parametrize(
    ("username", "own", "foreign"),
    [
        ("kz-contact", "Government of the Republic of Kazakhstan", "Kyrgyz"),
        ("kz-official", "Ministry of Internal Affairs of the Republic of Kazakhstan", "Kyrgyz"),
        ("kg-contact", "Cabinet of Ministers of the Kyrgyz Republic", "Kazakhstan"),
        ("ngo-kg", "El Agartuu", "Sana Sezim"),
    ],
)
def test_respondent_sees_their_own_organisation_only(login_as, username, own, foreign):
    content = main_content(login_as(username).get("/portal/"))
    assert own in content
    assert foreign not in content


def test_dashboard_in_russian_shows_russian_names(login_as):
    client = login_as("kz-official")
    client.cookies["django_language"] = "ru"
    content = client.get("/portal/").content.decode()
    assert "Министерство внутренних дел Республики Казахстан" in content
    assert "Ваши организации" in content


def test_empty_state_when_nothing_is_waiting(demo_data, client, django_user_model):
    from monitoring.models import Organisation

    rodnik = Organisation.objects.get(name_en='Public Foundation "Rodnik"')
    user = django_user_model.objects.create_user("rodnik")
    services.membership_grant(user=user, organisation=rodnik, role="ngo_respondent")
    client.force_login(user)
    content = client.get("/portal/").content.decode()
    assert "Nothing is waiting for you right now" in content


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("kg-official", "Cabinet of Ministers of the Kyrgyz Republic · Kyrgyzstan"),
        ("ngo-kg", 'Public Association "El Agartuu" · Kyrgyzstan'),
    ],
)
def test_dashboard_lists_the_questionnaires_waiting(login_as, username, expected):
    content = main_content(login_as(username).get("/portal/"))
    assert "Questionnaire for" in content
    assert expected in content


def test_staff_without_organisation_is_pointed_to_the_back_office(login_as):
    content = login_as("secretariat").get("/portal/").content.decode()
    assert "not linked to a government body" in content
    assert 'href="/admin/"' in content


def test_dashboard_query_count_does_not_grow_with_memberships(
    login_as, user_named, django_assert_max_num_queries
):
    client = login_as("kz-official")
    with django_assert_max_num_queries(20) as baseline:
        client.get("/portal/")
    official = user_named("kz-official")
    kazakhstan = Country.objects.get(iso_code="KZ")
    for number in range(25):
        ministry = services.organisation_upsert(
            kind="government",
            country=kazakhstan,
            name_en=f"Agency {number}",
            name_ru=f"Агентство {number}",
        )
        services.membership_grant(
            user=official, organisation=ministry, role="government_respondent"
        )
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        content = client.get("/portal/").content.decode()
    assert "Agency 24" in content


def test_sign_out_is_a_post(login_as):
    client = login_as("kz-official")
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/portal/").status_code == 302


def _sections(response) -> tuple[str, str]:
    """(the "Waiting for your organisation" section, the "Done" section) of the dashboard."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.content.decode(), "html.parser")
    waiting = soup.select_one("section[aria-labelledby=waiting-heading]")
    done = soup.select_one("section[aria-labelledby=done-heading]")
    return waiting.get_text(" ", strip=True), done.get_text(" ", strip=True) if done else ""


def test_finished_work_moves_to_the_history_and_a_coming_visit_waits(login_as, user_named):
    """Kazakhstan's evaluation is published: its reply was submitted and its visit is over.
    A new visit to come is the one thing of those that waits."""
    from datetime import timedelta

    from django.utils import timezone

    from evaluation_rounds import visit_services
    from evaluation_rounds.models import CountryEvaluation
    from questionnaires.models import Response

    evaluation = CountryEvaluation.objects.filter(country__iso_code="KZ").first()
    start = timezone.localdate() + timedelta(days=40)
    visit_services.visit_create(
        evaluation=evaluation,
        start_date=start,
        end_date=start + timedelta(days=3),
        delegation=[user_named("expert-tm")],  # the delegation are users
        actor=user_named("secretariat"),
    )
    reply = Response.objects.get(evaluation=evaluation, organisation__is_national_government=True)
    assert reply.is_locked

    waiting, done = _sections(login_as("kz-contact").get("/portal/"))

    assert reply.questionnaire.title not in waiting
    assert reply.questionnaire.title in done
    assert f"on {display.day(timezone.localtime(reply.submitted_at))}" in done
    assert waiting.count("Programme of the country visit") == 1
    assert f"due {display.day(start)}" in waiting
    assert "Programme of the country visit" in done  # the visit of the first round, past
