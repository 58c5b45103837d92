"""A country or round added in the back office gets its public page, once the site exists."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from evaluation_rounds.models import EvaluationRound
from monitoring.models import Country

from . import site_setup


@receiver(post_save, sender=Country, dispatch_uid="cms_country_page")
def _country_saved(sender, instance: Country, raw: bool = False, **kwargs) -> None:
    if not raw:
        site_setup.country_page_ensure(instance)


@receiver(post_save, sender=EvaluationRound, dispatch_uid="cms_round_page")
def _round_saved(sender, instance: EvaluationRound, raw: bool = False, **kwargs) -> None:
    if not raw:
        site_setup.round_page_ensure(instance)
