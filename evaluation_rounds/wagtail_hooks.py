from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from monitoring.admin_menu import StaffReaderMenuItem

from . import home_panels
from .viewsets import ProcedureViewSetGroup


@hooks.register("register_admin_viewset")
def register_procedure_viewsets():
    return ProcedureViewSetGroup()


@hooks.register("insert_global_admin_css")
def procedure_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("evaluation_rounds/admin.css"))


@hooks.register("register_procedure_menu_item")
def register_visits_menu_item():
    return StaffReaderMenuItem(
        _("Country visits"), reverse("procedure:visits"), icon_name="site", order=5
    )


@hooks.register("construct_homepage_panels")
def add_procedure_panels(request, panels):
    panels.extend(home_panels.panels_for(request.user))


@hooks.register("construct_help_menu")
def help_is_the_procedure_guide(request, menu_items):
    """Help opens the platform's procedure guide (in the reader's language), not Wagtail's
    release notes and editor guide; the keyboard shortcuts stay."""
    menu_items[:] = [
        MenuItem(
            _("Procedure guide"),
            reverse("procedure:guide"),
            name="procedure-guide",
            icon_name="help",
            order=100,
        ),
        *(item for item in menu_items if item.name == "keyboard-shortcuts-trigger"),
    ]


@hooks.register("register_portal_dashboard_items")
def portal_dashboard_items(user):
    from .portal_dashboard import dashboard_items

    return dashboard_items(user)
