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
