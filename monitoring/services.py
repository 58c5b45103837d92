"""Writes to the core records. Each service validates with full_clean() before it saves."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import reversion
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from .models import Country, ExpertMember, Membership, Organisation


def fields_assign(instance: models.Model, fields: Mapping[str, Any], *, editable: Iterable[str]):
    """Set the given fields on `instance`; a name outside `editable` is a programming error
    (a form or caller offering a field the service does not own), never silently written."""
    unknown = set(fields) - set(editable)
    if unknown:
        raise TypeError(f"{type(instance).__name__} does not edit {sorted(unknown)} here")
    for name, value in fields.items():
        setattr(instance, name, value)


def record_save[M: models.Model](instance: M, *, actor, comment: str) -> M:
    """Validate and save one record in a revision of its own, with who and why (a model not
    registered with django-reversion simply gets no version)."""
    instance.full_clean()
    with transaction.atomic(), reversion.create_revision():
        if actor is not None and getattr(actor, "is_authenticated", False):
            reversion.set_user(actor)
        reversion.set_comment(comment)
        instance.save()
    return instance


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


# --- The back office's create and edit screens (monitoring.viewsets) --------------------------

COUNTRY_FIELDS = ("iso_code", "name_en", "name_ru", "is_evaluated")
ORGANISATION_FIELDS = ("kind", "country", "name_en", "name_ru", "is_national_government", "website")
EXPERT_MEMBER_FIELDS = ("user", "nationality", "gender", "term_start", "term_end", "office")
MEMBERSHIP_FIELDS = ("user", "organisation", "role", "is_active")


def _saved[M: models.Model](instance: M, fields: Mapping[str, Any], editable: Iterable[str]) -> M:
    fields_assign(instance, fields, editable=editable)
    instance.full_clean()
    instance.save()
    return instance


def country_create(**fields: object) -> Country:
    """A new country; `fields` are among COUNTRY_FIELDS."""
    return _saved(Country(), fields, COUNTRY_FIELDS)


def country_update(*, country: Country, **fields: object) -> Country:
    return _saved(country, fields, COUNTRY_FIELDS)


def organisation_create(**fields: object) -> Organisation:
    """A new organisation; `fields` are among ORGANISATION_FIELDS."""
    return _saved(Organisation(), fields, ORGANISATION_FIELDS)


def organisation_update(*, organisation: Organisation, **fields: object) -> Organisation:
    return _saved(organisation, fields, ORGANISATION_FIELDS)


def expert_member_create(**fields: object) -> ExpertMember:
    """A new member of the expert group; `fields` are among EXPERT_MEMBER_FIELDS."""
    return _saved(ExpertMember(), fields, EXPERT_MEMBER_FIELDS)


def expert_member_update(*, expert: ExpertMember, **fields: object) -> ExpertMember:
    return _saved(expert, fields, EXPERT_MEMBER_FIELDS)


@transaction.atomic
def membership_create(**fields: object) -> Membership:
    """A new membership; `fields` are among MEMBERSHIP_FIELDS. The audit log records it (from
    the save signal, monitoring.audit), whichever path saved it."""
    return _saved(Membership(), fields, MEMBERSHIP_FIELDS)


@transaction.atomic
def membership_update(*, membership: Membership, **fields: object) -> Membership:
    """Change a membership's role or switch it on and off. Whose place in which organisation it
    is never changes: the audit log would tell a different person's history (end this
    membership and grant a new one)."""
    stored = Membership.objects.select_for_update().get(pk=membership.pk)
    fields_assign(membership, fields, editable=MEMBERSHIP_FIELDS)
    if (membership.user_id, membership.organisation_id) != (stored.user_id, stored.organisation_id):
        raise ValidationError(
            _("A membership stays with its person and organisation; end it and grant a new one.")
        )
    return _saved(membership, {}, MEMBERSHIP_FIELDS)
