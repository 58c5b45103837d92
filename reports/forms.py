"""Back-office forms of the report editor. They only shape the input: every rule is checked by
`reports.services`, whose refusals the views attach to these forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from evaluation_rounds.models import CountryEvaluation
from monitoring.i18n import active_language, text_language

from .models import GovernmentComment, Report, Section
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


class BilingualTextsMixin:
    """A form with `text_en` and `text_ru`: shown side by side, the report's original language
    first (`text_pair`), and carrying the version its editor read (`version`, hidden)."""

    TEXT_FIELDS = ("text_en", "text_ru")

    def order_texts(self, language: str) -> None:
        names = list(self.fields)
        at = min(names.index(name) for name in self.TEXT_FIELDS)
        rest = [name for name in names if name not in self.TEXT_FIELDS]
        pair = [f"text_{language}", "text_ru" if language == "en" else "text_en"]
        self.order_fields(rest[:at] + pair + rest[at:])

    def text_pair(self) -> list:
        return [self[name] for name in self.fields if name in self.TEXT_FIELDS]

    def clean(self):
        cleaned = super().clean()
        if "version" in self.fields and cleaned.get("version") is None:
            # Only a page saved before versions were kept, or a forged post, lacks it.
            raise ValidationError(
                _("This form is out of date: open the text again and redo your change.")
            )
        return cleaned


def version_field() -> forms.IntegerField:
    return forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)


class ParagraphForm(BilingualTextsMixin, forms.Form):
    """The paragraph's text in each language, written in Draftail, and an optional table per
    language; `clean` puts the table after the text, as the paragraph's stored HTML."""

    version = version_field()
    text_en = ParagraphTextField(label=_("Text (English)"), help_text=PARAGRAPH_TEXT_HELP)
    table_en = ParagraphTableField(label=_("Table (English)"), help_text=PARAGRAPH_TABLE_HELP)
    text_ru = ParagraphTextField(label=_("Text (Russian)"))
    table_ru = ParagraphTableField(label=_("Table (Russian)"))

    LANGUAGES = ("en", "ru")

    def __init__(self, *args, language: str = "en", **kwargs):
        super().__init__(*args, **kwargs)
        use_editors(self)
        for code in self.LANGUAGES:
            text, table = split_table(self.initial.get(f"text_{code}") or "")
            self.initial[f"text_{code}"] = text
            self.initial[f"table_{code}"] = table
        self.order_texts(language)

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


def place_value(chapter_id: int, section_id: int | None = None) -> str:
    """The value of a place in `PlaceFormMixin`'s select: the chapter's id for its opening
    paragraphs (so a plain chapter id still names a place), "chapter-section" for a section."""
    return str(chapter_id) if section_id is None else f"{chapter_id}-{section_id}"


class PlaceFormMixin:
    """One select, `chapter`, with a group per chapter: its opening paragraphs (before its
    first section) and each of its sections. `cleaned_data` gets the `chapter` and the
    `section` (None: the opening)."""

    def _set_places(self, report: Report) -> None:
        chapters = list(report.chapters.order_by("sort_order", "pk"))
        sections: dict[int, list[Section]] = {}
        for section in Section.objects.filter(chapter__report=report).order_by("sort_order", "pk"):
            sections.setdefault(section.chapter_id, []).append(section)
        self._places = {}
        choices = [("", "---------")]
        for chapter in chapters:
            options = [
                (
                    place_value(chapter.pk),
                    _("%(chapter)s — before the first section") % {"chapter": chapter}
                    if sections.get(chapter.pk)
                    else str(chapter),
                )
            ]
            self._places[place_value(chapter.pk)] = (chapter, None)
            for section in sections.get(chapter.pk, []):
                value = place_value(chapter.pk, section.pk)
                options.append((value, f"{chapter.number}.{section.letter}. {section.title}"))
                self._places[value] = (chapter, section)
            choices.append((str(chapter), options))
        self.fields["chapter"].choices = choices

    def clean_chapter(self):
        chapter, section = self._places.get(self.cleaned_data["chapter"], (None, None))
        if chapter is None:
            raise ValidationError(_("Choose a chapter or a section."))
        self.cleaned_section = section
        return chapter

    def clean(self):
        cleaned = super().clean()
        cleaned["section"] = getattr(self, "cleaned_section", None)
        return cleaned


class ParagraphInsertForm(PlaceFormMixin, ParagraphForm):
    version = None  # a new paragraph has no version to check
    chapter = forms.ChoiceField(label=_("Chapter or section"))
    position = forms.IntegerField(
        label=_("Position in the chapter or section"),
        min_value=1,
        required=False,
        help_text=_(
            "1 is the first paragraph of the chapter (before its first section) or of the "
            "section; leave empty to add at the end."
        ),
    )
    field_order = ["chapter", "position", "text_en", "table_en", "text_ru", "table_ru"]

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, language=report.language, **kwargs)
        self._set_places(report)


class MoveForm(PlaceFormMixin, forms.Form):
    chapter = forms.ChoiceField(label=_("Chapter or section"))
    position = forms.IntegerField(
        label=_("Position in the chapter or section"),
        min_value=1,
        help_text=_(
            "1 is the first paragraph of the chapter (before its first section) or of the section."
        ),
    )

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_places(report)


class PositionForm(forms.Form):
    """Where a chapter (or a section) goes: 1 is the first place."""

    position = forms.IntegerField(label=_("New position"), min_value=1, max_value=10_000)


class SectionForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=255)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=255, required=False)


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The comment as written, in its language, for the browser's spelling and speech.
        language = text_language(str(self["text"].value() or ""))
        if language and language != active_language():
            self.fields["text"].widget.attrs["lang"] = language


class PublishForm(forms.Form):
    """The publication's confirmation: a correction's note, or, at the first publication with
    the government's reply submitted, whether to hold that reply back and why (the service
    refuses a hold-back without a reason)."""

    correction_note = forms.CharField(
        label=_("Correction note (published with the new version)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when publishing a correction: say what the new version changes."),
    )
    hold_back_government_reply = forms.BooleanField(
        label=_("Hold back the government's reply to the questionnaire"),
        required=False,
        help_text=_("By default the government's reply is published with the report."),
    )
    hold_back_reason = forms.CharField(
        label=_("Why the government's reply is held back"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when holding the reply back; recorded with your name."),
    )

    def __init__(self, *args, correction: bool = False, government_reply: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not correction:
            del self.fields["correction_note"]
        if correction or not government_reply:
            del self.fields["hold_back_government_reply"]
            del self.fields["hold_back_reason"]


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
