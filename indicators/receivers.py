"""Observations from submitted questionnaire answers (statistics tables bound to indicators)."""

from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.utils.translation import gettext as _

from questionnaires.signals import response_submitted

from .services import TableInvalid, observations_from_response


@receiver(response_submitted, dispatch_uid="indicators.observations_on_submission")
def observations_on_submission(sender, response, actor, **kwargs) -> None:
    """Bound statistics tables land as observations with the submission, or it is refused."""
    try:
        observations_from_response(response=response, user=actor)
    except TableInvalid as invalid:
        summary = _("The statistics tables do not add up; correct them and submit again.")
        raise ValidationError([summary, *invalid.messages]) from invalid
