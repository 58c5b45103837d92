from django import template
from django.utils.html import format_html

from monitoring.submission_tokens import FIELD, new_token

register = template.Library()


@register.simple_tag
def submission_token():
    """The hidden one-time token of a form whose view is `once_per_token` (a new one each time
    the form is rendered, so two tabs are two submissions)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
