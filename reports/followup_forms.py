"""Forms of the publication and follow-up screens; the services do the real checks."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


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
