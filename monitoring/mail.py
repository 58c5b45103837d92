"""E-mail to one person, in the language they chose.

Templates are plain text: the subject on the first line, then the body.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template import Context
from django.template.loader import get_template
from django.utils import translation
from wagtail.users.models import UserProfile


def preferred_language(user) -> str:
    language = UserProfile.get_for_user(user).get_preferred_language()
    available = {code for code, _name in settings.LANGUAGES}
    return language if language in available else settings.LANGUAGE_CODE


def send_templated(user, template: str, context: dict) -> None:
    """Render `template` for `user` (who is in the context as `user`) and send it."""
    with translation.override(preferred_language(user)):
        context = {"user": user, "base_url": settings.WAGTAILADMIN_BASE_URL, **context}
        # Plain text: no HTML escaping, or "O'Neil" would arrive as "O&#x27;Neil".
        rendered = get_template(template).template.render(Context(context, autoescape=False))
        rendered = rendered.strip()
    subject, _blank, body = rendered.partition("\n")
    send_mail(subject.strip(), body.strip() + "\n", None, [user.email])
