"""The two staff groups and what each may do in the back office."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from .access import EXPERTS_GROUP, SECRETARIAT_GROUP

CORE_MODELS = ("country", "organisation", "expertmember", "membership")
PROCEDURE_MODELS = ("evaluationround", "countryevaluation", "plenary", "countryvisit")
QUESTIONNAIRE_MODELS = ("questionnaire", "section", "question", "response")

GROUP_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    SECRETARIAT_GROUP: [
        ("wagtailadmin", "access_admin"),
        *[
            ("monitoring", f"{action}_{model}")
            for model in CORE_MODELS
            for action in ("add", "change", "delete", "view")
        ],
        *[
            ("evaluation_rounds", f"{action}_{model}")
            for model in PROCEDURE_MODELS
            for action in ("add", "change", "view")
        ],
        *[
            ("questionnaires", f"{action}_{model}")
            for model in QUESTIONNAIRE_MODELS
            for action in ("add", "change", "delete", "view")
        ],
        ("monitoring", "view_auditevent"),
        *[("indicators", f"{action}_indicator") for action in ("add", "change", "view")],
        *[("indicators", f"{action}_observation") for action in ("change", "view")],
    ],
    EXPERTS_GROUP: [
        ("wagtailadmin", "access_admin"),
        *[("monitoring", f"view_{model}") for model in CORE_MODELS],
        *[("evaluation_rounds", f"view_{model}") for model in PROCEDURE_MODELS],
        *[("questionnaires", f"view_{model}") for model in QUESTIONNAIRE_MODELS],
        ("indicators", "view_indicator"),
        *[("indicators", f"{action}_observation") for action in ("change", "view")],
    ],
}


def ensure_staff_groups() -> dict[str, Group]:
    """Create the groups and (re)grant their permissions; safe to run any number of times."""
    groups = {}
    for name, permission_keys in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = Q()
        for app_label, codename in permission_keys:
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.add(*Permission.objects.filter(wanted))
        groups[name] = group
    return groups


def grant_after_migrate(sender, **kwargs) -> None:
    """post_migrate fires once per app; only the last one sees every permission created."""
    from django.apps import apps

    if sender is list(apps.get_app_configs())[-1]:
        ensure_staff_groups()
