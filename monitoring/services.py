"""Writes to the core records. Each service validates with full_clean() before it saves."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Country, ExpertMember, Membership, Organisation


def country_upsert(*, iso_code: str, name_en: str, name_ru: str, is_evaluated: bool) -> Country:
    country = Country.objects.filter(iso_code=iso_code).first() or Country(iso_code=iso_code)
    country.name_en, country.name_ru, country.is_evaluated = name_en, name_ru, is_evaluated
    country.full_clean()
    country.save()
    return country


def organisation_upsert(
    *,
    kind: str,
    country: Country | None,
    name_en: str,
    name_ru: str,
    is_national_government: bool = False,
    website: str = "",
) -> Organisation:
    organisation = Organisation.objects.filter(country=country, name_en=name_en).first()
    organisation = organisation or Organisation(country=country, name_en=name_en)
    organisation.kind = kind
    organisation.name_ru = name_ru
    organisation.is_national_government = is_national_government
    organisation.website = website
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def membership_grant(*, user, organisation: Organisation, role: str) -> Membership:
    """Give `user` a role in `organisation`; re-activates a previous membership."""
    membership = Membership.objects.filter(user=user, organisation=organisation, role=role).first()
    membership = membership or Membership(user=user, organisation=organisation, role=role)
    membership.is_active = True
    membership.full_clean()
    membership.save()
    return membership


def expert_member_upsert(
    *,
    user,
    nationality: Country,
    gender: str,
    term_start: date,
    term_end: date,
    office: str = ExpertMember.Office.MEMBER,
) -> ExpertMember:
    expert = ExpertMember.objects.filter(user=user).first() or ExpertMember(user=user)
    expert.nationality, expert.gender, expert.office = nationality, gender, office
    expert.term_start, expert.term_end = term_start, term_end
    expert.full_clean()
    expert.save()
    return expert


def user_upsert(
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str | None = None,
    password_hash: str | None = None,
):
    """Create or refresh a user account; the password is only set when given.

    `password_hash` lets a bulk caller hash one password once instead of once per account.
    """
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first() or user_model(username=username)
    user.first_name, user.last_name, user.email = first_name, last_name, email
    user.is_active = True
    if password is not None:
        user.set_password(password)
    elif password_hash is not None:
        user.password = password_hash
    user.save()
    return user
