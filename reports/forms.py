"""Back-office forms of the report editor. They only shape the input: every rule is checked by
`reports.services`, whose refusals the views attach to these forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from evaluation_rounds.models import CountryEvaluation
from monitoring.form_fields import BoundedModelMultipleChoiceField
from monitoring.models import Organisation
from recommendations.models import Recommendation, Theme

from .models import Chapter, GovernmentComment, Paragraph, Report

ALLOWED_HTML_HELP = _(
    "Allowed HTML: headings <h3> and <h4>, paragraphs <p>, lists <ul>/<ol> with <li>, links "
    '<a href="https://…">, bold <b>, italics <i>, tables (<table>, <tr>, <th>, <td>) and '
    'footnotes written where their marker belongs: <span class="footnote">the note</span>. '
    "Anything else is removed when saved."
)


def attach_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on its field when the form has one."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class ReportCreateForm(forms.Form):
    evaluation = forms.ModelChoiceField(
        label=_("Evaluation"), queryset=CountryEvaluation.objects.none()
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Report.Kind.choices)
    language = forms.ChoiceField(label=_("Original language"), choices=Report.Language.choices)
    title_en = forms.CharField(label=_("Title (English)"), max_length=255)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=255, required=False)

    def __init__(self, *args, evaluations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluation"].queryset = evaluations


class ChapterForm(forms.Form):
    number = forms.CharField(label=_("Chapter number"), max_length=10)
    title_en = forms.CharField(label=_("Title (English)"), max_length=255)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=255, required=False)


class ParagraphForm(forms.Form):
    text_en = forms.CharField(
        label=_("Text (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=ALLOWED_HTML_HELP,
    )
    text_ru = forms.CharField(
        label=_("Text (Russian)"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )


class ParagraphInsertForm(ParagraphForm):
    chapter = forms.ModelChoiceField(label=_("Chapter"), queryset=Chapter.objects.none())
    position = forms.IntegerField(
        label=_("Position in the chapter"),
        min_value=1,
        required=False,
        help_text=_("1 is the first paragraph of the chapter; leave empty to add at the end."),
    )
    field_order = ["chapter", "position", "text_en", "text_ru"]

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chapter"].queryset = report.chapters.order_by("sort_order", "pk")


class MoveForm(forms.Form):
    chapter = forms.ModelChoiceField(label=_("Chapter"), queryset=Chapter.objects.none())
    position = forms.IntegerField(
        label=_("Position in the chapter"),
        min_value=1,
        help_text=_("1 is the first paragraph of the chapter."),
    )

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chapter"].queryset = report.chapters.order_by("sort_order", "pk")


class ReiteratesField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Recommendation) -> str:
        return _("Round %(round)s, recommendation %(number)s: %(text)s") % {
            "round": obj.report.evaluation.round.number,
            "number": obj.number,
            "text": obj.text[:80],
        }


class ParagraphField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Paragraph) -> str:
        return _("Paragraph %(number)s") % {"number": obj.number}


class RecommendationForm(forms.Form):
    paragraph = ParagraphField(
        label=_("Concludes paragraph"), queryset=Paragraph.objects.none(), empty_label=None
    )
    strength = forms.ChoiceField(
        label=_("Strength"),
        choices=[("", "—"), *Recommendation.Strength.choices],
        required=False,  # clean_strength gives the specific message
        help_text=_("The expert group urges, considers or invites the authorities to …"),
    )
    text_en = forms.CharField(
        label=_("Text (English)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    text_ru = forms.CharField(
        label=_("Text (Russian)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    convention_articles = forms.CharField(
        label=_("Convention articles"),
        max_length=200,
        required=False,
        help_text=_("For example: Articles 10, 12 and 15."),
    )
    addressees = BoundedModelMultipleChoiceField(
        label=_("Addressees"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sdg_target = forms.CharField(
        label=_("SDG target"),
        max_length=6,
        required=False,
        help_text=_("For example 5.2, 8.7 or 16.2."),
    )
    reiterates = ReiteratesField(
        label=_("Reiterates"),
        queryset=Recommendation.objects.none(),
        required=False,
        help_text=_("The same recommendation made in an earlier published report."),
    )

    def __init__(self, *args, report: Report, reiterable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paragraph"].queryset = Paragraph.objects.filter(
            chapter__report=report
        ).order_by("number")
        self.fields["addressees"].queryset = Organisation.objects.filter(
            country_id=report.evaluation.country_id
        ).order_by("name_en")
        self.fields["reiterates"].queryset = reiterable

    def clean_strength(self) -> str:
        strength = self.cleaned_data["strength"]
        if not strength:
            raise ValidationError(_("Choose the strength of the recommendation."))
        return strength


class CommentResponseForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Response"),
        choices=[c for c in GovernmentComment.Response.choices if c[0]],
        widget=forms.RadioSelect,
    )
    reply = forms.CharField(
        label=_("Reply"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required unless the comment was taken into account in full."),
    )
