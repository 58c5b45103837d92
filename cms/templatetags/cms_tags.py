from django import template
from wagtail.models import Page

from monitoring.i18n import active_language

register = template.Library()


@register.inclusion_tag("cms/includes/public_nav.html", takes_context=True)
def public_nav(context):
    """The sections of the active language's site: the home page's children shown in menus
    (one query)."""
    request = context.get("request")
    language = active_language()
    pages = (
        Page.objects.live()
        .in_menu()
        .filter(depth=3, locale__language_code=language)
        .order_by("path")
    )
    current_path = request.path if request else ""
    items = []
    for page in pages:
        url = page.get_url(request)
        current = "page" if current_path == url else "true" if current_path.startswith(url) else ""
        items.append({"title": page.title, "url": url, "current": current})
    return {"items": items, "home_url": f"/{language}/", "is_home": current_path == f"/{language}/"}


@register.simple_tag
def page_numbers(page_obj):
    """Page numbers to link to, with the paginator's ellipsis where pages are left out."""
    return list(
        page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    )
