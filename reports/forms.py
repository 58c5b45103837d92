"""Back-office forms of the report editor. They only shape the input: every rule is checked by
`reports.services`, whose refusals the views attach to these forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from evaluation_rounds.models import CountryEvaluation

from .models import Chapter, GovernmentComment, Report
from .rich_text import ParagraphTextField, use_editors
from .tables import ParagraphTableField, split_table, table_html

PARAGRAPH_TEXT_HELP = _(
    "The toolbar gives headings, lists, links, bold and italics. To add a footnote, select its "
    "text and press Fn: footnotes are numbered through the report automatically. Placeholders "
    "such as [to be agreed] or “to be completed” are highlighted."
)
PARAGRAPH_TABLE_HELP = _(
    "Optional: a table shown after the text. Column headings form the header row."
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
    """The paragraph's text in each language, written in Draftail, and an optional table per
    language; `clean` puts the table after the text, as the paragraph's stored HTML."""

    text_en = ParagraphTextField(label=_("Text (English)"), help_text=PARAGRAPH_TEXT_HELP)
    table_en = ParagraphTableField(label=_("Table (English)"), help_text=PARAGRAPH_TABLE_HELP)
    text_ru = ParagraphTextField(label=_("Text (Russian)"))
    table_ru = ParagraphTableField(label=_("Table (Russian)"))

    LANGUAGES = ("en", "ru")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_editors(self)
        for language in self.LANGUAGES:
            text, table = split_table(self.initial.get(f"text_{language}") or "")
            self.initial[f"text_{language}"] = text
            self.initial[f"table_{language}"] = table

    def clean(self):
        data = super().clean()
        for language in self.LANGUAGES:
            name = f"table_{language}"
            table = data.pop(name, None)
            if self[name].data is None:  # no table inputs sent (no script): keep the table
                table = self.initial.get(name)
            if f"text_{language}" in data:
                data[f"text_{language}"] = data[f"text_{language}"] + table_html(table)
        return data


class ParagraphInsertForm(ParagraphForm):
    chapter = forms.ModelChoiceField(label=_("Chapter"), queryset=Chapter.objects.none())
    position = forms.IntegerField(
        label=_("Position in the chapter"),
        min_value=1,
        required=False,
        help_text=_("1 is the first paragraph of the chapter; leave empty to add at the end."),
    )
    field_order = ["chapter", "position", "text_en", "table_en", "text_ru", "table_ru"]

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


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the comment.")},
    )
    paragraph = forms.IntegerField(required=False, widget=forms.HiddenInput)
    recommendation = forms.IntegerField(required=False, widget=forms.HiddenInput)


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
