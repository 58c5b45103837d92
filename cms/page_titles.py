"""The root of Wagtail's page tree named in the reader's language.

Wagtail shows the root (the explorer's first level, its window title, breadcrumbs, the move
and copy choosers) by its title, "Root", which Wagtail's own migration wrote in English. Its
documented way to change how a page is named in the admin is overriding
`get_admin_display_title` on the page's model, but the root is a plain `Page`, so the
override has to wrap `Page`'s own. Every other page keeps Wagtail's title: a page's title is
content, in its locale's language (Wagtail's listings label each with its locale).
"""

from __future__ import annotations

from django.utils.translation import gettext
from wagtail.models import Page

_wagtail_title = Page.get_admin_display_title


def admin_display_title(page: Page) -> str:
    if page.depth == 1:
        return gettext("Page tree")
    return _wagtail_title(page)


def connect() -> None:
    Page.get_admin_display_title = admin_display_title
