from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from monitoring.models import Membership


class DateInput(forms.DateInput):
    input_type = "date"


class AssignmentForm(forms.Form):
    """Who answers one section; the section is in the form's address, the prefix `s<pk>` keeps
    the ids of the page's many forms apart."""

    assignee = forms.ModelChoiceField(
        get_user_model().objects.none(),
        required=False,
        label=_("Shared with"),
        empty_label=_("Nobody (the contact person answers)"),
    )

    def __init__(self, *args, country_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        colleagues = Membership.objects.filter(
            organisation__country_id=country_id,
            organisation__kind="government",
            is_active=True,
        ).values("user_id")
        self.fields["assignee"].queryset = (
            get_user_model().objects.filter(pk__in=colleagues, is_active=True).order_by("last_name")
        )
        self.fields["assignee"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )


class ExtensionRequestForm(forms.Form):
    requested_due_on = forms.DateField(label=_("New date you ask for"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the response reopened?"), widget=forms.Textarea(attrs={"rows": 2})
    )
