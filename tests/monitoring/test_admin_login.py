"""The back office at /admin/ is for the secretariat and the experts only."""

import pytest
from django.urls import reverse

from demo.seed.accounts import demo_key
from demo.seeding import DEMO_PASSWORD
from tests.accounts.helpers import code_for


def admin_login(client, username):
    """Password, then (for staff) the authenticator's code, as the sign-in pages ask."""
    response = client.post(
        "/admin/login/", {"username": username, "password": DEMO_PASSWORD}, follow=True
    )
    if response.redirect_chain and response.redirect_chain[-1][0].startswith("/accounts/two"):
        response = client.post(
            response.redirect_chain[-1][0],
            {"code": code_for(demo_key(username))},
            follow=True,
        )
    return response


@pytest.mark.parametrize("username", ["secretariat", "expert-kg"])
def test_staff_reach_the_admin_dashboard(demo_data, client, username):
    response = admin_login(client, username)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("username", ["kz-contact", "kz-official", "ngo-kz"])
def test_respondents_are_refused(demo_data, client, username):
    admin_login(client, username)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_secretariat_manages_organisations_in_the_back_office(demo_data, client):
    admin_login(client, "secretariat")
    response = client.get(reverse("organisation:index"))
    assert response.status_code == 200
    assert "El Agartuu" in response.content.decode()


def test_expert_may_view_but_not_add_organisations(demo_data, client):
    admin_login(client, "expert-kg")
    assert client.get(reverse("organisation:index")).status_code == 200
    assert client.get(reverse("organisation:add")).status_code in (302, 403)


def test_organisation_listing_query_count_is_constant(
    demo_data, client, django_assert_max_num_queries
):
    from monitoring import services
    from monitoring.models import Country

    admin_login(client, "secretariat")
    kazakhstan = Country.objects.get(iso_code="KZ")
    with django_assert_max_num_queries(40) as small:
        client.get(reverse("organisation:index"))
    for number in range(60):
        services.organisation_upsert(
            kind="ngo", country=kazakhstan, name_en=f"NGO {number}", name_ru=f"НПО {number}"
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("organisation:index"))
