from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from monitoring.access import EXPERTS_GROUP, SECRETARIAT_GROUP
from monitoring.form_fields import BoundedModelMultipleChoiceField
from monitoring.models import Organisation

from .forms import DateInput
from .models import CountryEvaluation, VisitMeeting


class VisitForm(forms.Form):
    evaluation = forms.ModelChoiceField(
        CountryEvaluation.objects.select_related("country", "round"), label=_("Evaluation")
    )
    start_date = forms.DateField(label=_("First day"), widget=DateInput())
    end_date = forms.DateField(label=_("Last day"), widget=DateInput())
    delegation = BoundedModelMultipleChoiceField(
        get_user_model()
        .objects.filter(Q(groups__name=SECRETARIAT_GROUP) | Q(groups__name=EXPERTS_GROUP))
        .distinct()
        .order_by("last_name"),
        label=_("Delegation"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The rapporteurs and the secretariat staff who travel."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].label_from_instance = lambda user: user.get_full_name()

    def clean(self):
        data = super().clean()
        if (
            data.get("start_date")
            and data.get("end_date")
            and data["end_date"] < data["start_date"]
        ):
            self.add_error("end_date", _("A visit cannot end before it starts."))
        return data


class MeetingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    meeting_type = forms.ChoiceField(label=_("Type"), choices=VisitMeeting.Type.choices)
    organisation = forms.ModelChoiceField(
        Organisation.objects.none(), label=_("Organisation met"), required=False
    )
    counterpart = forms.CharField(
        label=_("Or: counterpart or place"), required=False, max_length=255
    )
    location = forms.CharField(label=_("Location"), required=False, max_length=255)

    def __init__(self, *args, country_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            Q(country_id=country_id) | Q(country__isnull=True)
        ).order_by("name_en")


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Confidential notes"), widget=forms.Textarea(attrs={"rows": 3}))


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    file = forms.FileField(label=_("File"))
