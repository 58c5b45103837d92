from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse

from monitoring import access

from .selectors import dashboard_for


@login_required
def dashboard(request):
    return TemplateResponse(
        request,
        "portal/dashboard.html",
        {
            "dashboard": dashboard_for(request.user),
            "can_use_back_office": access.can_use_back_office(request.user),
        },
    )
