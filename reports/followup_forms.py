"""Forms of the publication and follow-up screens; the services do the real checks."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recommendations.models import AssessmentStatus, Recommendation, Theme


class PublishForm(forms.Form):
    correction_note = forms.CharField(
        label=_("Correction note (published with the new version)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when publishing a correction: say what the new version changes."),
    )


class CorrectionForm(forms.Form):
    correction_note = forms.CharField(  # the service says why an empty note is refused
        label=_("What needs correcting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "The public keeps reading the published version until the correction is published "
            "as a new version."
        ),
    )


class AssessmentForm(forms.Form):
    cycle = forms.IntegerField(label=_("Follow-up cycle"), min_value=1, initial=1)
    status = forms.ChoiceField(label=_("Status"), choices=AssessmentStatus.choices)
    reasoning = forms.CharField(label=_("Reasoning"), widget=forms.Textarea(attrs={"rows": 5}))
    assessed_on = forms.DateField(
        label=_("Date of the assessment"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )


def _blank(label):
    return [("", label)]


class FollowUpFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_blank(_("All")) + AssessmentStatus.choices
    )
    theme = forms.ChoiceField(
        label=_("Theme"), required=False, choices=_blank(_("All")) + Theme.choices
    )
    strength = forms.ChoiceField(
        label=_("Strength"),
        required=False,
        choices=_blank(_("All")) + Recommendation.Strength.choices,
    )
    addressee = forms.TypedChoiceField(label=_("Addressee"), required=False, coerce=int)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("number", _("Number")),
            ("-number", _("Number, last first")),
            ("status", _("Status")),
            ("strength", _("Strength")),
            ("assessed", _("Latest assessment first")),
        ],
    )

    def __init__(self, *args, addressees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressee"].choices = _blank(_("All")) + [(o.pk, str(o)) for o in addressees]
        self.fields["addressee"].empty_value = None


DIMENSIONS = [
    ("country", _("Country")),
    ("round", _("Round")),
    ("theme", _("Theme")),
    ("strength", _("Strength")),
    ("addressee", _("Addressee")),
]


class StatusSummaryForm(forms.Form):
    by = forms.ChoiceField(label=_("Group by"), choices=DIMENSIONS, required=False)
    country = forms.TypedChoiceField(label=_("Country"), required=False, coerce=int)
    round = forms.TypedChoiceField(label=_("Round"), required=False, coerce=int)

    def __init__(self, *args, countries=(), rounds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _blank(_("All")) + [(c.pk, str(c)) for c in countries]
        self.fields["round"].choices = _blank(_("All")) + [(r.pk, str(r)) for r in rounds]
        for name in ("country", "round"):
            self.fields[name].empty_value = None
