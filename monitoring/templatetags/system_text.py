from django import template

from monitoring.system_text import render

register = template.Library()


@register.filter(name="system_text")
def system_text(stored):
    """A stored system sentence (a revision's comment, an audit detail) in the reader's
    language; text a person wrote, as written."""
    return render(stored) if isinstance(stored, str) else stored
