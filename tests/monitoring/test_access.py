"""monitoring.access: the scoping every later feature relies on, as a role matrix."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from wagtail.models import Page

from evaluation_rounds.models import CountryVisit
from monitoring import access
from monitoring.models import Country, Membership, Organisation

# For each demo account: which countries' government bodies it may open, and which NGOs.
WORKSPACE_MATRIX = {
    "secretariat": ("ALL", "ALL"),
    "expert-kg": ("ALL", "ALL"),
    "kz-contact": ({"KZ"}, set()),
    "kz-official": ({"KZ"}, set()),
    "kg-contact": ({"KG"}, set()),
    "ngo-kz": (set(), {'Legal Center for Women\'s Initiatives "Sana Sezim"'}),
    "ngo-kg": (set(), {'Public Association "El Agartuu"'}),
}


@pytest.mark.parametrize("username", sorted(WORKSPACE_MATRIX))
def test_private_workspaces_follow_the_matrix(user_named, username):
    government_countries, ngos = WORKSPACE_MATRIX[username]
    visible = list(access.private_workspaces(user_named(username)).select_related("country"))

    if government_countries == "ALL":
        assert len(visible) == Organisation.objects.count()
        return
    seen_governments = {o.country.iso_code for o in visible if o.kind == "government"}
    seen_ngos = {o.name_en for o in visible if o.kind == "ngo"}
    assert seen_governments == government_countries
    assert seen_ngos == ngos
    assert not [o for o in visible if o.kind in ("international", "expert_body")]


def test_kazakh_official_never_gets_kyrgyz_private_objects(user_named):
    official = user_named("kz-official")
    kyrgyzstan = Country.objects.get(iso_code="KG")

    assert not access.private_workspaces(official).filter(country=kyrgyzstan).exists()
    kyrgyz_memberships = Membership.objects.filter(organisation__country=kyrgyzstan)
    assert kyrgyz_memberships.exists()
    assert not access.visible(official, kyrgyz_memberships).exists()


def test_ngo_respondent_sees_neither_the_government_nor_another_ngo(user_named):
    ngo_user = user_named("ngo-kz")
    visible = access.private_workspaces(ngo_user)
    assert list(visible.values_list("name_en", flat=True)) == [
        'Legal Center for Women\'s Initiatives "Sana Sezim"'
    ]


def test_contact_person_sees_the_officials_of_their_government_only(user_named):
    contact = user_named("kz-contact")
    usernames = set(access.visible(contact, Membership).values_list("user__username", flat=True))
    assert usernames == {"kz-contact", "kz-official"}


def test_government_respondent_sees_only_their_own_membership(user_named):
    usernames = set(
        access.visible(user_named("kz-official"), Membership).values_list(
            "user__username", flat=True
        )
    )
    assert usernames == {"kz-official"}


def test_anonymous_and_inactive_users_see_no_private_workspace(user_named):
    assert not access.private_workspaces(AnonymousUser()).exists()
    official = user_named("kz-official")
    official.is_active = False
    official.save()
    assert not access.private_workspaces(official).exists()


def test_deactivated_membership_closes_the_workspace(user_named):
    official = user_named("kz-official")
    Membership.objects.filter(user=official).update(is_active=False)
    assert not access.private_workspaces(official).exists()


def test_a_model_without_a_rule_fails_closed(user_named):
    with pytest.raises(ImproperlyConfigured, match="no rule"):
        access.visible(user_named("secretariat"), Page)


@pytest.mark.parametrize(
    ("username", "back_office", "portal"),
    [
        ("secretariat", True, False),
        ("expert-kg", True, False),
        ("kz-contact", False, True),
        ("kz-official", False, True),
        ("ngo-kg", False, True),
    ],
)
def test_faces_per_role(user_named, username, back_office, portal):
    user = user_named(username)
    assert access.can_use_back_office(user) is back_office
    assert access.can_use_portal(user) is portal


def test_principal_is_computed_once_per_user_object(user_named, django_assert_num_queries):
    official = user_named("kz-official")
    with django_assert_num_queries(2):
        access.principal_for(official)
        access.principal_for(official)


# --- Guards: the one place services and views ask before they act ------------------------------


@pytest.mark.parametrize(
    ("username", "secretariat", "staff_reader"),
    [
        ("secretariat", True, True),
        ("expert-kg", False, True),
        ("kz-contact", False, False),
        ("ngo-kg", False, False),
        (None, False, False),
    ],
)
def test_guards_let_through_only_their_roles(user_named, username, secretariat, staff_reader):
    user = user_named(username) if username else AnonymousUser()
    for guard, allowed, message in (
        (access.require_secretariat, secretariat, "Only the secretariat may do this."),
        (
            access.require_staff_reader,
            staff_reader,
            "Only the secretariat and the experts may see this.",
        ),
    ):
        if allowed:
            guard(user)
        else:
            with pytest.raises(PermissionDenied) as refused:
                guard(user)
            assert str(refused.value) == message


def test_visit_guard_admits_the_secretariat_and_refuses_a_respondent(user_named):
    visit = CountryVisit.objects.select_related("evaluation").first()
    assert visit is not None, "the demo seeds visits"
    access.require_visit_insider(user_named("secretariat"), visit)
    with pytest.raises(PermissionDenied) as refused:
        access.require_visit_insider(user_named("kg-contact"), visit)
    assert str(refused.value) == "Only the visit's delegation and rapporteurs may do this."
