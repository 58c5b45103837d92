from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from monitoring.form_fields import BoundedModelMultipleChoiceField
from monitoring.models import Country, ExpertMember

from .models import EvaluationRound, Plenary
from .procedure import NEXT_STATES, PLENARY_DECISIONS, State
from .selectors import DUE_SOON_DAYS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _due_soon_label() -> str:
    return ngettext("Due within %(days)s day", "Due within %(days)s days", DUE_SOON_DAYS) % {
        "days": DUE_SOON_DAYS
    }


class DashboardFilterForm(forms.Form):
    URGENCY_CHOICES = [
        ("", _("Any")),
        ("overdue", _("Overdue")),
        # Lazy to the end: `ngettext_lazy(...) % {...}` translates at once, at import, in English.
        ("due-soon", lazy(_due_soon_label, str)()),
        ("on-track", _("On track")),
    ]
    round = forms.ModelChoiceField(
        EvaluationRound.objects.all(), required=False, label=_("Round"), empty_label=_("All")
    )
    country = forms.ModelChoiceField(
        Country.objects.evaluated(), required=False, label=_("Country"), empty_label=_("All")
    )
    state = forms.ChoiceField(
        choices=[("", _("Any")), *State.choices], required=False, label=_("Step")
    )
    urgency = forms.ChoiceField(choices=URGENCY_CHOICES, required=False, label=_("Deadline"))


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(label=_("Next step"))
    occurred_on = forms.DateField(label=_("Date of the step"), widget=DateInput())
    plenary = forms.ModelChoiceField(
        Plenary.objects.all(),
        required=False,
        label=_("Plenary"),
        help_text=_("Required when the expert group approves a draft or adopts a final report."),
    )
    whole_report = forms.BooleanField(
        label=_("Whole-report decision: adopt every chapter not yet adopted at this plenary"),
        required=False,
        initial=True,
        help_text=_(
            "Uncheck when the plenary adopts the report chapter by chapter: then every chapter "
            "must already be adopted for this decision."
        ),
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    waiver_reason = forms.CharField(
        label=_("Why a precondition is waived"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only when approving a draft before replies or a visit exist, or adopting the "
            "final report while the government may still comment on the draft."
        ),
    )
    expected_state = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, evaluation, **kwargs):
        kwargs.setdefault(
            "initial", {"occurred_on": timezone.localdate(), "expected_state": evaluation.state}
        )
        super().__init__(*args, **kwargs)
        self.fields["to_state"].choices = [
            (state, State(state).label) for state in NEXT_STATES[evaluation.state]
        ]
        if not set(NEXT_STATES[evaluation.state]) & PLENARY_DECISIONS:
            del self.fields["plenary"]
            del self.fields["whole_report"]


class DeadlineExtensionForm(forms.Form):
    new_due_on = forms.DateField(label=_("New due date"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class RapporteursForm(forms.Form):
    experts = BoundedModelMultipleChoiceField(
        ExpertMember.objects.select_related("user", "nationality"),
        label=_("Rapporteurs"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Exactly two, never nationals of the evaluated country."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].label_from_instance = lambda expert: (
            f"{expert} ({expert.nationality}, {expert.get_gender_display().lower()})"
        )
