"""Validation of the core records: bad input gets a clear message and nothing is saved."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from monitoring import services
from monitoring.models import Country, ExpertMember, Membership, Organisation


@pytest.fixture
def kazakhstan(db):
    return services.country_upsert(
        iso_code="KZ", name_en="Kazakhstan", name_ru="Казахстан", is_evaluated=True
    )


def test_country_name_follows_the_active_language(kazakhstan):
    from django.utils import translation

    with translation.override("ru"):
        assert kazakhstan.name == "Казахстан"
    with translation.override("en"):
        assert str(kazakhstan) == "Kazakhstan"


def test_country_iso_code_must_be_two_capitals(db):
    with pytest.raises(ValidationError) as error:
        services.country_upsert(iso_code="kz", name_en="X", name_ru="X", is_evaluated=True)
    assert "iso_code" in str(error.value) or "two_capitals" in str(error.value)
    assert not Country.objects.exists()


def test_government_body_needs_a_country(db):
    with pytest.raises(ValidationError, match="needs a country"):
        services.organisation_upsert(
            kind=Organisation.Kind.GOVERNMENT, country=None, name_en="Ministry", name_ru="Мин"
        )
    assert not Organisation.objects.exists()


def test_only_one_national_government_per_country(kazakhstan):
    services.organisation_upsert(
        kind="government",
        country=kazakhstan,
        name_en="Gov",
        name_ru="Прав",
        is_national_government=True,
    )
    with pytest.raises(ValidationError):
        services.organisation_upsert(
            kind="government",
            country=kazakhstan,
            name_en="Gov 2",
            name_ru="Прав 2",
            is_national_government=True,
        )
    assert Organisation.objects.count() == 1


def test_membership_role_must_fit_the_organisation(kazakhstan, django_user_model):
    ngo = services.organisation_upsert(kind="ngo", country=kazakhstan, name_en="NGO", name_ru="НПО")
    user = django_user_model.objects.create_user("someone")
    with pytest.raises(ValidationError, match="must belong to a government body"):
        services.membership_grant(
            user=user, organisation=ngo, role=Membership.Role.GOVERNMENT_RESPONDENT
        )
    assert not Membership.objects.exists()


def test_contact_person_represents_the_national_government(kazakhstan, django_user_model):
    ministry = services.organisation_upsert(
        kind="government", country=kazakhstan, name_en="Ministry", name_ru="Министерство"
    )
    user = django_user_model.objects.create_user("contact")
    with pytest.raises(ValidationError, match="represents the national government"):
        services.membership_grant(
            user=user, organisation=ministry, role=Membership.Role.CONTACT_PERSON
        )


def test_one_active_contact_person_per_government(kazakhstan, django_user_model):
    government = services.organisation_upsert(
        kind="government",
        country=kazakhstan,
        name_en="Gov",
        name_ru="Прав",
        is_national_government=True,
    )
    first = django_user_model.objects.create_user("first")
    second = django_user_model.objects.create_user("second")
    services.membership_grant(user=first, organisation=government, role="contact_person")
    with pytest.raises(ValidationError, match="already has a contact person"):
        services.membership_grant(user=second, organisation=government, role="contact_person")
    assert Membership.objects.filter(role="contact_person").count() == 1


def test_expert_term_must_end_after_it_starts(kazakhstan, django_user_model):
    user = django_user_model.objects.create_user("expert")
    with pytest.raises(ValidationError, match="must end after it starts"):
        services.expert_member_upsert(
            user=user,
            nationality=kazakhstan,
            gender="female",
            term_start=date(2025, 1, 1),
            term_end=date(2024, 1, 1),
        )
    assert not ExpertMember.objects.exists()


def test_only_one_president(kazakhstan, django_user_model):
    term = {"term_start": date(2025, 1, 1), "term_end": date(2028, 12, 31)}
    services.expert_member_upsert(
        user=django_user_model.objects.create_user("a"),
        nationality=kazakhstan,
        gender="male",
        office="president",
        **term,
    )
    with pytest.raises(ValidationError, match="already holds this office"):
        services.expert_member_upsert(
            user=django_user_model.objects.create_user("b"),
            nationality=kazakhstan,
            gender="female",
            office="president",
            **term,
        )
