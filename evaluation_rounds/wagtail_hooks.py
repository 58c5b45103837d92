from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .viewsets import ProcedureViewSetGroup


@hooks.register("register_admin_viewset")
def register_procedure_viewsets():
    return ProcedureViewSetGroup()


@hooks.register("insert_global_admin_css")
def procedure_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("evaluation_rounds/admin.css"))
