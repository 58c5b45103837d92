"""Forms of adoption chapter by chapter and of accepted placeholders. They only shape the input:
`reports.adoption` and `reports.placeholder_review` decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from evaluation_rounds.forms import DateInput
from evaluation_rounds.models import Plenary

from .placeholder_review import LANGUAGES


class ChapterSubmitForm(forms.Form):
    plenary = forms.ModelChoiceField(Plenary.objects.order_by("-start_date"), label=_("Plenary"))


class ChapterAdoptForm(forms.Form):
    adopted_on = forms.DateField(
        label=_("Date of the adoption"),
        widget=DateInput(),
        help_text=_("Within the plenary's dates."),
    )


class PlaceholderAcceptForm(forms.Form):
    language = forms.ChoiceField(
        choices=[(code, code) for code in LANGUAGES], widget=forms.HiddenInput
    )
    text = forms.CharField(max_length=500, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Why this placeholder is intended text"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: a quotation's “[emphasis added]”."),
    )


class StageApprovalForm(forms.Form):
    """A follow-up report's approval: at which plenary, and whether as a whole."""

    plenary = forms.ModelChoiceField(
        Plenary.objects.order_by("-start_date"),
        label=_("Plenary"),
        required=False,
        help_text=_("The plenary that approved the report."),
    )
    whole_report = forms.BooleanField(
        label=_("Whole-report decision: adopt every chapter not yet adopted at this plenary"),
        required=False,
        initial=True,
    )
