from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationRoundsConfig(AppConfig):
    name = "evaluation_rounds"
    verbose_name = _("Evaluation rounds")
