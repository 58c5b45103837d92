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

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

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
    nationality_country_ids: frozenset[int] = frozenset()

    @property
    def is_staff_reader(self) -> bool:
        """Secretariat, experts and superusers read every organisation's workspace."""
        return bool(self.roles & {Role.SECRETARIAT, Role.EXPERT, Role.SUPERUSER})

    @property
    def is_secretariat(self) -> bool:
        return bool(self.roles & {Role.SECRETARIAT, Role.SUPERUSER})

    def has(self, role: Role) -> bool:
        return role in self.roles

    @property
    def own_country_ids(self) -> frozenset[int]:
        """The countries whose confidential material this member of the expert group stands
        aside from: her nationality's (GRETA's rule). The secretariat reads everything."""
        if self.is_secretariat or not self.is_staff_reader:
            return frozenset()
        return self.nationality_country_ids


ANONYMOUS = Principal(None, frozenset({Role.ANONYMOUS}), frozenset(), frozenset())
_CACHE_ATTRIBUTE = "_monitoring_principal"


def principal_for(user) -> Principal:
    """Build (and cache on the user object) the principal: two queries at most (the groups
    and the expert's nationality together, then the memberships)."""
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
    rows = list(
        get_user_model()
        ._default_manager.filter(pk=user.pk)
        .values_list("groups__name", "expert_member__nationality_id")
    )
    group_names = {name for name, _nationality in rows if name}
    nationality_country_ids = {country for _name, country in rows if country}
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
        nationality_country_ids=frozenset(nationality_country_ids),
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


# --- Guards: a service or view calls one first; PermissionDenied is a 403 with its message ---


def require_secretariat(user) -> None:
    if not principal_for(user).is_secretariat:
        raise PermissionDenied(_("Only the secretariat may do this."))


def require_staff_reader(user) -> None:
    """The secretariat and the experts (the back office's readers): exports, dashboards."""
    if not principal_for(user).is_staff_reader:
        raise PermissionDenied(_("Only the secretariat and the experts may see this."))


def require_visit_insider(user, visit) -> None:
    if not is_visit_insider(user, visit):
        raise PermissionDenied(_("Only the visit's delegation and rapporteurs may do this."))


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


@_rule("monitoring.auditevent")
def _audit_events(principal: Principal, queryset: QuerySet) -> QuerySet:
    """The audit log is the secretariat's alone (experts included in no way)."""
    if principal.roles & {Role.SECRETARIAT, Role.SUPERUSER}:
        return queryset
    return queryset.none()


@_rule("monitoring.country")
def _countries(principal: Principal, queryset: QuerySet) -> QuerySet:
    return queryset


@_rule("evaluation_rounds.evaluationround")
def _rounds(principal: Principal, queryset: QuerySet) -> QuerySet:
    """Rounds, their themes and procedure settings are public (the site announces them)."""
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


def _stand_aside(principal: Principal, queryset: QuerySet, material: Q, country: str) -> QuerySet:
    """Leave out `material` about the expert's own country (`country`: the path to the
    evaluated country's id). GRETA's rule: a member never reads her own country's
    confidential material. Nothing is left out for the secretariat or a non-member."""
    if not principal.own_country_ids:
        return queryset
    return queryset.exclude(material & Q(**{f"{country}__in": principal.own_country_ids}))


def _visit_insiders(principal: Principal, queryset: QuerySet, visit_path: str) -> QuerySet:
    """The secretariat, the visit's delegation and the evaluation's rapporteurs; nobody else,
    and never a national of the visited country, even in the delegation."""
    if principal.is_secretariat:
        return queryset
    if principal.user_id is None or not principal.has(Role.EXPERT):
        return queryset.none()
    insiders = queryset.filter(
        Q(**{f"{visit_path}__delegation": principal.user_id})
        | Q(**{f"{visit_path}__evaluation__rapporteurs__expert__user_id": principal.user_id})
    ).distinct()
    return _stand_aside(principal, insiders, Q(), f"{visit_path}__evaluation__country_id")


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
    """A government sees its own official response, never an NGO's; an NGO sees only its own.
    An NGO's response it asked to keep confidential stays away from experts of the country."""
    if principal.is_staff_reader:
        return _stand_aside(principal, queryset, _confidential_ngo(""), "evaluation__country_id")
    return queryset.filter(
        Q(organisation_id__in=principal.organisation_ids, organisation__kind="ngo")
        | Q(
            organisation__kind="government",
            organisation__country_id__in=principal.government_country_ids,
        )
    )


def _confidential_ngo(response_path: str) -> Q:
    """An NGO's response (or, with `response_path`, an answer of one) marked confidential."""
    if not response_path:
        return Q(is_confidential=True, organisation__kind="ngo")
    return (Q(is_confidential=True) | Q(**{f"{response_path}__is_confidential": True})) & Q(
        **{f"{response_path}__organisation__kind": "ngo"}
    )


@_rule("questionnaires.answer")
def _answers(principal: Principal, queryset: QuerySet) -> QuerySet:
    """Confidential answers reach the expert group only, less its members of the country."""
    if principal.is_staff_reader:
        return _stand_aside(
            principal, queryset, _confidential_ngo("response"), "response__evaluation__country_id"
        )
    visible_responses = _responses(principal, _model("questionnaires.Response").objects.all())
    scoped = queryset.filter(response__in=visible_responses)
    if principal.government_country_ids:
        scoped = scoped.exclude(_confidential_ngo("response"))
    return scoped


@_rule("questionnaires.answerfile")
def _answer_files(principal: Principal, queryset: QuerySet) -> QuerySet:
    return queryset.filter(
        answer__in=_answers(principal, _model("questionnaires.Answer").objects.all())
    )


def publishable_answers(queryset: QuerySet) -> QuerySet:
    """Answers that may go into a published reply: never one marked confidential, nor any of
    a response kept confidential as a whole (the rule `visible` applies to governments)."""
    return queryset.exclude(_confidential_ngo("response")).exclude(is_confidential=True)


def publishable_answer_files(queryset: QuerySet) -> QuerySet:
    """Files of publishable answers that the respondent marked public; nothing else."""
    answers = publishable_answers(_model("questionnaires.Answer").objects.all())
    return queryset.filter(is_public=True, answer__in=answers)


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
    if visit.evaluation.country_id in principal.own_country_ids:
        return False
    return (
        visit.delegation.filter(pk=principal.user_id).exists()
        or visit.evaluation.rapporteurs.filter(expert__user_id=principal.user_id).exists()
    )


# --- Reports: drafts to the expert group, then the evaluated government; public once published.


def _government_reader_stages() -> list[str]:
    """The evaluated government reads a report from the stage "sent to the government" on:
    the report's own stage, whatever the evaluation's state says (a follow-up report)."""
    report = _model("reports.Report")
    return report.stages_from(report.Stage.SENT_FOR_COMMENTS)


def _report_scope(principal: Principal, report_path: str) -> Q:
    """Who reads a report's working text (not staff): the public once it is published (and not
    being corrected), the evaluated country's government users once the report reaches them."""
    prefix = f"{report_path}__" if report_path else ""
    published = Q(**{f"{prefix}published_at__isnull": False, f"{prefix}correction_open": False})
    if not principal.government_country_ids:
        return published
    return published | _own_government_reads(principal, prefix)


def _own_government_reads(principal: Principal, prefix: str) -> Q:
    """The reports (through `prefix`) of the user's government whose stage has reached it."""
    return Q(**{f"{prefix}evaluation__country_id__in": principal.government_country_ids}) & _model(
        "reports.Report"
    ).stage_query(_government_reader_stages(), prefix=prefix)


@_rule("reports.report")
def _reports(principal: Principal, queryset: QuerySet) -> QuerySet:
    """Drafts: the expert group, then the evaluated government; never NGOs, other countries or
    the public until published."""
    if principal.is_staff_reader:
        return queryset
    return queryset.filter(
        _report_scope(principal, "") | Q(published_at__isnull=False)  # a correction's old text
    )


@_rule("reports.reportpublication")
def _report_publications(principal: Principal, queryset: QuerySet) -> QuerySet:
    """A row exists only for a published version, and every published version was public."""
    return queryset


@_rule("reports.replypublication")
def _reply_publications(principal: Principal, queryset: QuerySet) -> QuerySet:
    """The expert group reads every decision on the replies (held back, left out and why);
    everyone else only the replies published with a published report."""
    if principal.is_staff_reader:
        return queryset
    return queryset.filter(outcome="published", report__published_at__isnull=False)


@_rule("reports.chapter")
def _chapters(principal: Principal, queryset: QuerySet) -> QuerySet:
    if principal.is_staff_reader:
        return queryset
    return queryset.filter(_report_scope(principal, "report"))


@_rule("reports.section")
def _sections(principal: Principal, queryset: QuerySet) -> QuerySet:
    if principal.is_staff_reader:
        return queryset
    return queryset.filter(_report_scope(principal, "chapter__report"))


@_rule("reports.chapteradoption")
def _chapter_adoptions(principal: Principal, queryset: QuerySet) -> QuerySet:
    """The expert group's own record of its decisions, chapter by chapter."""
    return queryset if principal.is_staff_reader else queryset.none()


@_rule("reports.placeholderacceptance")
def _placeholder_acceptances(principal: Principal, queryset: QuerySet) -> QuerySet:
    """The reasons a draft's placeholders were let through stay with the expert group."""
    return queryset if principal.is_staff_reader else queryset.none()


@_rule("reports.paragraph")
def _paragraphs(principal: Principal, queryset: QuerySet) -> QuerySet:
    """While a published report is being corrected, the public reads the frozen snapshot
    (its latest `ReportPublication` row), not the paragraphs being edited."""
    if principal.is_staff_reader:
        return queryset
    return queryset.filter(_report_scope(principal, "chapter__report"))


@_rule("recommendations.recommendation")
def _recommendations(principal: Principal, queryset: QuerySet) -> QuerySet:
    """Recommendations of a published report stay public (the tracker) even during a
    correction, except those the correction adds; draft ones follow the draft report."""
    if principal.is_staff_reader:
        return queryset
    published = Q(report__published_at__isnull=False) & (
        Q(report__correction_open=False) | Q(public_since__isnull=False)
    )
    return queryset.filter(_report_scope(principal, "report") | published)


@_rule("recommendations.trackercount")
def _tracker_counts(principal: Principal, queryset: QuerySet) -> QuerySet:
    """Counts of what the public reads only (`recommendations.tracker_counts` counts
    `tracker.published()`): everyone's."""
    return queryset


_rule("recommendations.trackerentry")(_tracker_counts)  # written from the same public rows


@_rule("recommendations.recommendationtheme")
def _recommendation_themes(principal: Principal, queryset: QuerySet) -> QuerySet:
    return queryset.filter(
        recommendation__in=_recommendations(
            principal, _model("recommendations.Recommendation").objects.all()
        )
    )


@_rule("reports.governmentcomment")
def _government_comments(principal: Principal, queryset: QuerySet) -> QuerySet:
    """The government's comments: the expert group (comments on the draft: less its members
    of the country) and the commenting government; the final comments, once submitted, are
    published with the report. Comments on the draft never are."""
    if principal.is_staff_reader:
        return _stand_aside(principal, queryset, Q(kind="draft"), "report__evaluation__country_id")
    public = Q(kind="final", status="submitted", report__published_at__isnull=False)
    if not principal.government_country_ids:
        return queryset.filter(public)
    return queryset.filter(public | _own_government_reads(principal, "report__"))


@_rule("recommendations.progressupdate")
def _progress_updates(principal: Principal, queryset: QuerySet) -> QuerySet:
    """The government's follow-up reports: the expert group and that country's government."""
    if principal.is_staff_reader:
        return queryset
    return queryset.filter(
        recommendation__report__evaluation__country_id__in=principal.government_country_ids
    )


@_rule("recommendations.progressevidence")
def _progress_evidence(principal: Principal, queryset: QuerySet) -> QuerySet:
    """Evidence files follow their progress update: the expert group and that government."""
    return queryset.filter(
        update__in=_progress_updates(
            principal, _model("recommendations.ProgressUpdate").objects.all()
        )
    )


@_rule("recommendations.assessment")
def _assessments(principal: Principal, queryset: QuerySet) -> QuerySet:
    """The expert group's assessments are public with the published report's recommendations."""
    if principal.is_staff_reader:
        return queryset
    return queryset.filter(recommendation__report__published_at__isnull=False)


@_rule("indicators.indicator")
def _indicators(principal: Principal, queryset: QuerySet) -> QuerySet:
    """The indicator catalogue (definitions, units, legal basis) is public."""
    return queryset


@_rule("indicators.observation")
def _observations(principal: Principal, queryset: QuerySet) -> QuerySet:
    """The expert group reads every figure; everyone else only published ones: from a submitted
    response whose evaluation has a published report or, for a figure entered without a response
    (the secretariat's own compilation), from a country with a published report of any round."""
    if principal.is_staff_reader:
        return queryset
    published = _model("reports.Report").objects.filter(published_at__isnull=False)
    return queryset.filter(
        Q(
            response__status="submitted",
            response__evaluation__in=published.values("evaluation"),
        )
        | Q(
            response__isnull=True,
            country__in=published.values("evaluation__country"),
        )
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


# --- The public site: what it may say about evaluations and institutions -------------------


def public_evaluation_stages() -> QuerySet:
    """How far each regular evaluation has gone is public (the country and round pages show
    it): the country, the round and the procedure state, as plain values and nothing else of
    the evaluation. An urgent procedure is not announced before its report is published."""
    evaluations = _model("evaluation_rounds.CountryEvaluation").objects.filter(kind="regular")
    return evaluations.order_by().values("round_id", "country_id", "state")


def public_government_bodies() -> QuerySet:
    """A country's government bodies are named on the public site; their workspaces (answers,
    members) stay behind `visible`."""
    return _model("monitoring.Organisation").objects.filter(kind="government")


# --- Reports: who may edit, comment on and submit comments on a report --------------------


def can_edit_report(user, report) -> bool:
    """The secretariat and the evaluation's two rapporteurs write the report."""
    principal = principal_for(user)
    if principal.is_secretariat:
        return True
    if principal.user_id is None or not principal.has(Role.EXPERT):
        return False
    return report.evaluation.rapporteurs.filter(expert__user_id=principal.user_id).exists()


def report_evaluations(user) -> QuerySet:
    """The evaluations whose reports `user` drafts (creates, marks the comments of, follows
    up): every one for the secretariat, those she is rapporteur of for an expert, none for
    anyone else. The home panels scope their work lists by it too."""
    principal = principal_for(user)
    evaluations = visible(user, _model("evaluation_rounds.CountryEvaluation"))
    if principal.is_secretariat:
        return evaluations
    if principal.user_id is None or not principal.has(Role.EXPERT):
        return evaluations.none()
    return evaluations.filter(rapporteurs__expert__user_id=principal.user_id)


def can_comment_on_report(user, report) -> bool:
    """Officials of the evaluated government, once the report (by its own stage) has reached
    it (the service adds the timing: the comment period and its deadline)."""
    principal = principal_for(user)
    return (
        report.evaluation.country_id in principal.government_country_ids
        and report.stage in _government_reader_stages()
    )


def can_submit_comments(user, report) -> bool:
    """Only the contact person submits the government's comments, as its one official voice."""
    principal = principal_for(user)
    if not principal.contact_organisation_ids or not can_comment_on_report(user, report):
        return False
    return (
        _model("monitoring.Organisation")
        .objects.filter(
            pk__in=principal.contact_organisation_ids,
            country_id=report.evaluation.country_id,
            is_national_government=True,
        )
        .exists()
    )


def can_submit_follow_up(user, report) -> bool:
    """The government's follow-up report, like its comments, goes in through the contact person
    (the service adds the timing: the follow-up must have been requested)."""
    return can_submit_comments(user, report)


def stands_aside_from(user, country_id: int) -> bool:
    """Does `user` stand aside from `country_id`'s confidential material (a member of the
    expert group who is a national of it)? For material read outside a queryset, such as an
    answer's earlier versions."""
    return country_id in principal_for(user).own_country_ids
