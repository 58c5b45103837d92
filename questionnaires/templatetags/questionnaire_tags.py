from django import template

from monitoring.i18n import active_language
from questionnaires.types import label

register = template.Library()


@register.filter
def choice_label(item: dict) -> str:
    return label(item)


@register.filter
def unit(question) -> str:
    config = question.config or {}
    return config.get(f"unit_{active_language()}") or config.get("unit_en", "")
