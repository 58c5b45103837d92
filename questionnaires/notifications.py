"""E-mails about responses, through the procedure's bilingual mail task."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from evaluation_rounds.notifications import contact_persons, rapporteur_users, send_message
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
    """Tell whoever each new response waits for: the government's reply, the country's contact
    persons (whom the step "questionnaire sent" tells too); an NGO's, its respondents."""
    from monitoring.models import Membership

    from .models import Response

    sent = 0
    responses = Response.objects.filter(pk__in=response_ids).select_related("organisation")
    for response in responses:
        if response.organisation.kind == "ngo":
            template = "questionnaire_sent_ngo"
            users = get_user_model().objects.filter(
                memberships__organisation=response.organisation,
                memberships__role=Membership.Role.NGO_RESPONDENT,
                memberships__is_active=True,
                is_active=True,
            )
        else:
            template, users = "questionnaire_sent", contact_persons(response.evaluation)
        for user in users:
            if not user.email:
                continue
            send_message.enqueue(
                recipient_id=user.pk, template=template, evaluation_id=response.evaluation_id
            )
            sent += 1
    return sent
