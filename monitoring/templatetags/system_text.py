from django import template

from monitoring.system_text import render, render_html

register = template.Library()


@register.filter(name="system_text")
def system_text(stored, style=""):
    """A stored system sentence (a revision's comment, an audit detail) in the reader's
    language; text a person wrote, as written, marked with its language."""
    if not isinstance(stored, str):
        return stored
    # "plain" where no markup may go (an <option>'s label).
    return render(stored) if style == "plain" else render_html(stored)
