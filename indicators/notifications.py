"""The expert group's query on a figure, e-mailed to the country's contact person."""

from __future__ import annotations

from django.tasks import task

from evaluation_rounds.notifications import contact_persons_of
from monitoring.mail import send_templated

from .models import DIMENSIONS, Observation


@task()
def send_observation_query(*, observation_id: int) -> int:
    """E-mail the query on one questioned figure to each contact person of its country, in
    their language. Returns how many were sent."""
    observation = Observation.objects.select_related("country", "indicator").get(pk=observation_id)
    breakdown = [
        getattr(observation, f"get_{name}_display")()
        for name in DIMENSIONS
        if getattr(observation, name)
    ]
    recipients = [user for user in contact_persons_of(observation.country_id) if user.email]
    for user in recipients:
        send_templated(
            user,
            "indicators/email/observation_questioned.txt",
            {"observation": observation, "breakdown": breakdown},
        )
    return len(recipients)
