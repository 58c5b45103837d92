from django import forms
from django.utils.translation import gettext_lazy as _


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the comment.")},
    )
    paragraph = forms.IntegerField(required=False, widget=forms.HiddenInput)
    recommendation = forms.IntegerField(required=False, widget=forms.HiddenInput)
