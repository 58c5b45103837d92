"""THE one place that answers "may this user see or do this?".

Every list, detail view, export, API endpoint and search index scopes its queryset through
`visible()` (or one of the named helpers below) before any template sees the rows. Rules are
written here, per model, so that a reviewer can read the whole confidentiality policy in one file.
Unknown models fail closed: asking for a model without a rule raises instead of leaking.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Q, QuerySet

SECRETARIAT_GROUP = "Secretariat"
EXPERTS_GROUP = "Experts"


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    NGO_RESPONDENT = "ngo_respondent"
    GOVERNMENT_RESPONDENT = "government_respondent"
    CONTACT_PERSON = "contact_person"
    EXPERT = "expert"
    SECRETARIAT = "secretariat"
    SUPERUSER = "superuser"


@dataclass(frozen=True)
class Principal:
    """What the access rules need to know about a user, computed once per request."""

    user_id: int | None
    roles: frozenset[Role]
    organisation_ids: frozenset[int]
    government_country_ids: frozenset[int]
    contact_organisation_ids: frozenset[int] = frozenset()

    @property
    def is_staff_reader(self) -> bool:
        """Secretariat, experts and superusers read every organisation's workspace."""
        return bool(self.roles & {Role.SECRETARIAT, Role.EXPERT, Role.SUPERUSER})

    @property
    def is_secretariat(self) -> bool:
        return bool(self.roles & {Role.SECRETARIAT, Role.SUPERUSER})

    def has(self, role: Role) -> bool:
        return role in self.roles


ANONYMOUS = Principal(None, frozenset({Role.ANONYMOUS}), frozenset(), frozenset())
_CACHE_ATTRIBUTE = "_monitoring_principal"


def principal_for(user) -> Principal:
    """Build (and cache on the user object) the principal: two queries at most."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return ANONYMOUS
    if not user.is_active:
        return ANONYMOUS
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached

    from .models import Membership, Organisation

    roles: set[Role] = set()
    if user.is_superuser:
        roles.add(Role.SUPERUSER)
    group_names = set(user.groups.values_list("name", flat=True))
    if SECRETARIAT_GROUP in group_names:
        roles.add(Role.SECRETARIAT)
    if EXPERTS_GROUP in group_names:
        roles.add(Role.EXPERT)

    organisation_ids: set[int] = set()
    government_country_ids: set[int] = set()
    contact_organisation_ids: set[int] = set()
    memberships = Membership.objects.filter(user=user, is_active=True).values_list(
        "role", "organisation_id", "organisation__kind", "organisation__country_id"
    )
    for role, organisation_id, kind, country_id in memberships:
        roles.add(Role(role))
        organisation_ids.add(organisation_id)
        if kind == Organisation.Kind.GOVERNMENT and country_id is not None:
            government_country_ids.add(country_id)
        if role == Membership.Role.CONTACT_PERSON:
            contact_organisation_ids.add(organisation_id)

    principal = Principal(
        user_id=user.pk,
        roles=frozenset(roles),
        organisation_ids=frozenset(organisation_ids),
        government_country_ids=frozenset(government_country_ids),
        contact_organisation_ids=frozenset(contact_organisation_ids),
    )
    setattr(user, _CACHE_ATTRIBUTE, principal)
    return principal


def forget_principal(user) -> None:
    """Drop the cached principal, after a membership or group change in the same request."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def can_use_back_office(user) -> bool:
    """The Wagtail admin is for the secretariat and the experts, never for respondents."""
    return principal_for(user).is_staff_reader


def can_use_portal(user) -> bool:
    principal = principal_for(user)
    return bool(
        principal.roles & {Role.CONTACT_PERSON, Role.GOVERNMENT_RESPONDENT, Role.NGO_RESPONDENT}
    )


# --- Scoping rules, one per model ---------------------------------------------------------

ScopeRule = Callable[[Principal, QuerySet], QuerySet]
_RULES: dict[str, ScopeRule] = {}


def _rule(label: str) -> Callable[[ScopeRule], ScopeRule]:
    def register(function: ScopeRule) -> ScopeRule:
        _RULES[label] = function
        return function

    return register


@_rule("monitoring.organisation")
def _organisation_workspaces(principal: Principal, queryset: QuerySet) -> QuerySet:
    """Organisations whose private workspace (answers, drafts, members) the user may open.

    A government official works with every government body of their own country (the contact
    person consolidates the ministries' answers); an NGO respondent only with their own NGO.
    """
    if principal.is_staff_reader:
        return queryset
    if not principal.organisation_ids:
        return queryset.none()
    return queryset.filter(
        Q(pk__in=principal.organisation_ids)
        | Q(kind="government", country_id__in=principal.government_country_ids)
    )


@_rule("monitoring.membership")
def _memberships(principal: Principal, queryset: QuerySet) -> QuerySet:
    """Who works where: the secretariat sees everyone; a contact person sees the officials of
    their government (to assign sections); everyone else sees only their own memberships."""
    if principal.is_staff_reader:
        return queryset
    if principal.user_id is None:
        return queryset.none()
    own = Q(user_id=principal.user_id)
    if principal.has(Role.CONTACT_PERSON):
        own |= Q(
            organisation__kind="government",
            organisation__country_id__in=principal.government_country_ids,
        )
    return queryset.filter(own)


@_rule("monitoring.expertmember")
def _expert_members(principal: Principal, queryset: QuerySet) -> QuerySet:
    """The expert group's composition is public (names, nationality, office)."""
    return queryset


@_rule("monitoring.country")
def _countries(principal: Principal, queryset: QuerySet) -> QuerySet:
    return queryset


@_rule("evaluation_rounds.countryevaluation")
def _evaluations(principal: Principal, queryset: QuerySet) -> QuerySet:
    """The expert group sees every evaluation; a government sees its own country's."""
    if principal.is_staff_reader:
        return queryset
    return queryset.filter(country_id__in=principal.government_country_ids)


@_rule("evaluation_rounds.countryvisit")
def _visits(principal: Principal, queryset: QuerySet) -> QuerySet:
    """The programme of a visit goes to the visited government too (never the notes)."""
    if principal.is_staff_reader:
        return queryset
    return queryset.filter(evaluation__country_id__in=principal.government_country_ids)


@_rule("evaluation_rounds.visitmeeting")
def _visit_meetings(principal: Principal, queryset: QuerySet) -> QuerySet:
    if principal.is_staff_reader:
        return queryset
    return queryset.filter(visit__evaluation__country_id__in=principal.government_country_ids)


def _visit_insiders(principal: Principal, queryset: QuerySet, visit_path: str) -> QuerySet:
    """The secretariat, the visit's delegation and the evaluation's rapporteurs; nobody else."""
    if principal.is_secretariat:
        return queryset
    if principal.user_id is None or not principal.has(Role.EXPERT):
        return queryset.none()
    return queryset.filter(
        Q(**{f"{visit_path}__delegation": principal.user_id})
        | Q(**{f"{visit_path}__evaluation__rapporteurs__expert__user_id": principal.user_id})
    ).distinct()


@_rule("evaluation_rounds.meetingnote")
def _meeting_notes(principal: Principal, queryset: QuerySet) -> QuerySet:
    """Confidential visit notes: never the government, NGOs, other experts or the public."""
    return _visit_insiders(principal, queryset, "meeting__visit")


@_rule("evaluation_rounds.visitattachment")
def _visit_attachments(principal: Principal, queryset: QuerySet) -> QuerySet:
    return _visit_insiders(principal, queryset, "visit")


@_rule("questionnaires.questionnaire")
def _questionnaires(principal: Principal, queryset: QuerySet) -> QuerySet:
    """Drafts stay inside the expert group; a frozen questionnaire is public."""
    if principal.is_staff_reader:
        return queryset
    return queryset.filter(frozen_at__isnull=False)


@_rule("questionnaires.response")
def _responses(principal: Principal, queryset: QuerySet) -> QuerySet:
    """A government sees its own official response, never an NGO's; an NGO sees only its own."""
    if principal.is_staff_reader:
        return queryset
    return queryset.filter(
        Q(organisation_id__in=principal.organisation_ids, organisation__kind="ngo")
        | Q(
            organisation__kind="government",
            organisation__country_id__in=principal.government_country_ids,
        )
    )


@_rule("questionnaires.answer")
def _answers(principal: Principal, queryset: QuerySet) -> QuerySet:
    """Confidential answers reach the expert group only."""
    if principal.is_staff_reader:
        return queryset
    visible_responses = _responses(principal, _model("questionnaires.Response").objects.all())
    scoped = queryset.filter(response__in=visible_responses)
    if principal.government_country_ids:
        scoped = scoped.exclude(
            Q(is_confidential=True) | Q(response__is_confidential=True),
            response__organisation__kind="ngo",
        )
    return scoped


@_rule("questionnaires.answerfile")
def _answer_files(principal: Principal, queryset: QuerySet) -> QuerySet:
    return queryset.filter(
        answer__in=_answers(principal, _model("questionnaires.Answer").objects.all())
    )


def _model(label: str):
    from django.apps import apps

    return apps.get_model(label)


def can_edit_section(user, response, section) -> bool:
    """Who may write answers in a response's section (before it is submitted)."""
    principal = principal_for(user)
    organisation = response.organisation
    if organisation.kind == "ngo":
        return organisation.pk in principal.organisation_ids
    if organisation.country_id not in principal.government_country_ids:
        return False
    if principal.has(Role.CONTACT_PERSON):
        return True
    return response.assignments.filter(section=section, assignee_id=principal.user_id).exists()


def can_submit_response(user, response) -> bool:
    """The contact person submits the government's one official reply; an NGO its own."""
    principal = principal_for(user)
    organisation = response.organisation
    if organisation.kind == "ngo":
        return organisation.pk in principal.organisation_ids
    return organisation.pk in principal.contact_organisation_ids


def is_visit_insider(user, visit) -> bool:
    """May `user` read and write a visit's confidential notes and files?"""
    principal = principal_for(user)
    if principal.is_secretariat:
        return True
    if principal.user_id is None or not principal.has(Role.EXPERT):
        return False
    return (
        visit.delegation.filter(pk=principal.user_id).exists()
        or visit.evaluation.rapporteurs.filter(expert__user_id=principal.user_id).exists()
    )


def visible(user, queryset: QuerySet | type[Model]) -> QuerySet:
    """Scope a queryset (or a model's default manager) to what `user` may see."""
    if isinstance(queryset, type) and issubclass(queryset, Model):
        queryset = queryset._default_manager.all()
    label = queryset.model._meta.label_lower
    try:
        rule = _RULES[label]
    except KeyError:
        raise ImproperlyConfigured(
            f"monitoring.access has no rule for {label}; add one before exposing it."
        ) from None
    return rule(principal_for(user), queryset)


def private_workspaces(user) -> QuerySet:
    from .models import Organisation

    return visible(user, Organisation)
