from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from . import home_panels
from .viewsets import CoreViewSetGroup, SecretariatViewSetGroup


@hooks.register("register_admin_viewset")
def register_core_viewsets():
    return CoreViewSetGroup()


@hooks.register("register_admin_viewset")
def register_secretariat_viewsets():
    return SecretariatViewSetGroup()


@hooks.register("insert_global_admin_js")
def start_choosers_without_inline_script():
    return format_html(
        '<script src="{}" defer></script>', static("monitoring/js/admin-choosers.js")
    )


@hooks.register("construct_homepage_summary_items")
def leave_the_page_count_to_superusers(request, summary_items):
    """The counts of pages, images and documents say nothing about the procedure's work,
    which the panels below show; the site's administrators keep them."""
    if not request.user.is_superuser:
        summary_items.clear()


@hooks.register("construct_main_menu")
def one_reports_menu(request, menu_items):
    """Wagtail's own reports (locked pages, workflows, site history) are for the site's
    administrators; the expert group's "Reports" are the evaluation reports."""
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "reports"]


@hooks.register("construct_homepage_panels")
def add_imports_waiting_for_confirmation(request, panels):
    panels.extend(home_panels.imports_panels(request))
