"""E-mails about the procedure, sent through Django's Tasks framework in each recipient's language.

The task takes only ids, so a worker in production can run it later; it loads the records
and renders the template under the recipient's preferred language.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.tasks import task

from monitoring.mail import send_templated
from monitoring.models import Membership

from .procedure import State

CONTACTS, RAPPORTEURS = "contacts", "rapporteurs"

# Which step tells whom, with which template.
TRANSITION_MESSAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    State.QUESTIONNAIRE_SENT: ("questionnaire_sent", (CONTACTS,)),
    State.REPLIES_RECEIVED: ("replies_received", (RAPPORTEURS,)),
    State.DRAFT_WITH_GOVERNMENT: ("draft_sent", (CONTACTS,)),
    State.FINAL_ADOPTED: ("final_adopted", (CONTACTS, RAPPORTEURS)),
    State.PUBLISHED: ("published", (CONTACTS, RAPPORTEURS)),
    State.FOLLOW_UP_REQUESTED: ("follow_up_requested", (CONTACTS,)),
}


def contact_persons(evaluation) -> list:
    return contact_persons_of(evaluation.country_id)


def contact_persons_of(country_id: int) -> list:
    """The active contact persons of a country's organisations."""
    user_ids = Membership.objects.filter(
        role=Membership.Role.CONTACT_PERSON,
        is_active=True,
        organisation__country_id=country_id,
        user__is_active=True,
    ).values_list("user_id", flat=True)
    return list(get_user_model().objects.filter(pk__in=user_ids))


def rapporteur_users(evaluation) -> list:
    return list(
        get_user_model().objects.filter(
            expert_member__rapporteurships__evaluation=evaluation, is_active=True
        )
    )


def audience(evaluation, groups: tuple[str, ...]) -> list:
    users = []
    if CONTACTS in groups:
        users += contact_persons(evaluation)
    if RAPPORTEURS in groups:
        users += rapporteur_users(evaluation)
    return list({user.pk: user for user in users}.values())


def notify_transition(transition_id: int) -> int:
    from .models import Transition

    step = Transition.objects.select_related("evaluation").get(pk=transition_id)
    message = TRANSITION_MESSAGES.get(step.to_state)
    if message is None:
        return 0
    template, groups = message
    recipients = [user for user in audience(step.evaluation, groups) if user.email]
    for user in recipients:
        send_message.enqueue(
            recipient_id=user.pk, template=template, evaluation_id=step.evaluation_id
        )
    return len(recipients)


@task()
def send_message(
    *,
    recipient_id: int,
    template: str,
    evaluation_id: int,
    deadline_id: int | None = None,
    threshold: str = "",
) -> None:
    from .models import CountryEvaluation, Deadline

    user = get_user_model().objects.get(pk=recipient_id)
    evaluation = CountryEvaluation.objects.select_related("round", "country").get(pk=evaluation_id)
    deadline = Deadline.objects.get(pk=deadline_id) if deadline_id else None
    send_templated(
        user,
        f"evaluation_rounds/email/{template}.txt",
        {"evaluation": evaluation, "deadline": deadline, "threshold": threshold},
    )
