from django.utils.functional import SimpleLazyObject
from wagtail.models import Page

from monitoring.languages import language_versions


class PublicPage(Page):
    """A page of the public site. Its templates get the page in each language (one query),
    for hreflang and the language switcher alike; a page's own routes replace it."""

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: a route that gives its own languages (a report below a country) never runs it.
        context["languages"] = SimpleLazyObject(lambda: language_versions(request, page=self))
        return context
