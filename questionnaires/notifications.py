"""E-mails about responses, through the procedure's bilingual mail task."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from evaluation_rounds.notifications import rapporteur_users, send_message
from monitoring.access import SECRETARIAT_GROUP


def notify_submitted(response_id: int) -> int:
    from .models import Response

    response = Response.objects.select_related("evaluation").get(pk=response_id)
    secretariat = list(
        get_user_model().objects.filter(groups__name=SECRETARIAT_GROUP, is_active=True)
    )
    recipients = {u.pk: u for u in [*rapporteur_users(response.evaluation), *secretariat]}
    for user in recipients.values():
        if user.email:
            send_message.enqueue(
                recipient_id=user.pk,
                template="response_submitted",
                evaluation_id=response.evaluation_id,
            )
    return len(recipients)


def notify_dispatched(response_ids: list[int]) -> int:
    """Tell whoever each new response waits for: the government's contact persons, each
    NGO's respondents."""
    from monitoring.models import Membership

    from .models import Response

    sent = 0
    responses = Response.objects.filter(pk__in=response_ids).select_related("organisation")
    for response in responses:
        if response.organisation.kind == "ngo":
            template, role = "questionnaire_sent_ngo", Membership.Role.NGO_RESPONDENT
        else:
            template, role = "questionnaire_sent", Membership.Role.CONTACT_PERSON
        users = (
            get_user_model()
            .objects.filter(
                memberships__organisation=response.organisation,
                memberships__role=role,
                memberships__is_active=True,
                is_active=True,
            )
            .exclude(email="")
            .distinct()
        )
        for user in users:
            send_message.enqueue(
                recipient_id=user.pk, template=template, evaluation_id=response.evaluation_id
            )
            sent += 1
    return sent
