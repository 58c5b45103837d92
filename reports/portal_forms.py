from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from monitoring.models import Organisation


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the comment.")},
    )
    paragraph = forms.IntegerField(required=False, widget=forms.HiddenInput)
    recommendation = forms.IntegerField(required=False, widget=forms.HiddenInput)


class DateInput(forms.DateInput):
    input_type = "date"


class ProgressUpdateForm(forms.Form):
    text = forms.CharField(
        label=_("Measures taken"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Describe the measures taken.")},
    )
    reported_on = forms.DateField(label=_("Date"), widget=DateInput())
    links = forms.CharField(
        label=_("Links to evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One web address per line."),
    )
    responsible_body = forms.ModelChoiceField(
        Organisation.objects.none(),
        label=_("Responsible body"),
        required=False,
        empty_label=_("— not stated —"),
    )

    def __init__(self, *args, bodies, body_choices=None, **kwargs):
        kwargs.setdefault("initial", {"reported_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        field = self.fields["responsible_body"]
        field.queryset = bodies
        if body_choices is not None:  # one list for the forms of every recommendation
            field.choices = body_choices

    def add_service_error(self, error: ValidationError) -> None:
        """Show a service's refusal beside the field it concerns (or above the form)."""
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)
