"""Forms of the recommendation screens: the recommendation in the report editor, the expert
group's assessment and the follow-up filters (back office), the government's progress update
(portal)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from monitoring.form_fields import BoundedModelMultipleChoiceField
from monitoring.models import Organisation
from reports.forms import BilingualTextsMixin, version_field
from reports.models import Paragraph, Report
from reports.rich_text import PlainTextField, use_editors

from . import articles, wording
from .models import AssessmentStatus, Recommendation, Theme

# The box holds the rest of the sentence its strength's lead-in begins.
TEXT_PROMPT = _("Continue the sentence …")


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


class RecommendationForm(BilingualTextsMixin, forms.Form):
    version = version_field()
    paragraph = ParagraphField(
        label=_("Concludes paragraph"), queryset=Paragraph.objects.none(), empty_label=None
    )
    strength = forms.ChoiceField(
        label=_("Strength"),
        choices=[("", "—"), *Recommendation.Strength.choices],
        required=False,  # clean_strength gives the specific message
        help_text=_("The expert group urges, considers or invites the authorities to …"),
    )
    # Shown (as a checkbox) only when the wording of a text says another strength.
    keep_strength = forms.BooleanField(
        label=_("Keep the strength I chose"),
        required=False,
        widget=forms.HiddenInput,
        help_text=_("Save with this strength although the wording says another."),
    )
    # Written in Draftail (placeholders highlighted), stored as plain text.
    text_en = PlainTextField(label=_("Text (English)"), required=False, placeholder=TEXT_PROMPT)
    text_ru = PlainTextField(label=_("Text (Russian)"), required=False, placeholder=TEXT_PROMPT)
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
        help_text=_("The article numbers, for example: 10, 12, 15 (“Art. 29 and 35” is read too)."),
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
        use_editors(self)
        self.order_texts(report.language)
        self.fields["paragraph"].queryset = Paragraph.objects.filter(
            chapter__report=report
        ).order_by("number")
        self.fields["addressees"].queryset = Organisation.objects.filter(
            country_id=report.evaluation.country_id
        ).order_by("name_en")
        self.fields["reiterates"].queryset = reiterable
        for language in wording.LANGUAGES:
            self.fields[f"text_{language}"].help_text = _lead_ins_help(language)

    def chosen_strength(self) -> str:
        """The strength the form shows selected (typed, or the recommendation's)."""
        if self.is_bound:
            return self.data.get(self.add_prefix("strength"), "")
        return self.initial.get("strength") or ""

    def lead_ins(self) -> dict[str, dict]:
        """Per text field: the lead-in of the chosen strength and every strength's, for the
        element in front of its box (and the script that switches it)."""
        chosen = self.chosen_strength()
        return {
            f"text_{language}": {
                "language": language,
                "current": wording.lead_in(chosen, language) if chosen in wording.LEAD_INS else "",
                "all": [(s, texts[language]) for s, texts in wording.LEAD_INS.items()],
            }
            for language in wording.LANGUAGES
        }

    def clean_convention_articles(self) -> str:
        return articles.parse(self.cleaned_data["convention_articles"])

    def clean(self) -> dict:
        data = super().clean()
        strength = data.get("strength")
        texts = {language: data.get(f"text_{language}") or "" for language in wording.LANGUAGES}
        if not strength:
            found = wording.suggestion(texts)
            if found is None:
                self.add_error("strength", _("Choose the strength of the recommendation."))
                return data
            suggested, words = found
            self.add_error(
                "strength",
                _("The wording says “%(words)s”: choose %(strength)s?")
                % {"words": words, "strength": Recommendation.Strength(suggested).label},
            )
            self.data = self.data.copy()  # shown selected: saving again confirms it
            self.data[self.add_prefix("strength")] = suggested
            return data
        warnings = [
            warning
            for language, text in texts.items()
            if (warning := wording.check(text, strength, language))
        ]
        if warnings and not data.get("keep_strength"):
            self.fields["keep_strength"].widget = forms.CheckboxInput()
            self.add_error("keep_strength", warnings)
        for language, text in texts.items():
            data[f"text_{language}"] = wording.compose(text, strength, language)
        return data


def _lead_ins_help(language: str) -> str:
    lead_ins = "; ".join(
        f"{strength.label}: “{wording.lead_in(strength, language)} …”"
        for strength in Recommendation.Strength
    )
    return _(
        "Type what follows the lead-in of the strength (%(lead_ins)s): it is added on saving. "
        "A text that begins with the expert group's own wording is kept as typed."
    ) % {"lead_ins": lead_ins}


class AssessmentForm(forms.Form):
    cycle = forms.IntegerField(label=_("Follow-up cycle"), min_value=1, initial=1)
    status = forms.ChoiceField(label=_("Status"), choices=AssessmentStatus.choices)
    reasoning_en = forms.CharField(
        label=_("Reasoning (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "lang": "en"}),
    )
    reasoning_ru = forms.CharField(
        label=_("Reasoning (Russian)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "lang": "ru"}),
    )
    assessed_on = forms.DateField(
        label=_("Date of the assessment"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )

    def clean(self):
        data = super().clean()
        if not (data.get("reasoning_en", "").strip() or data.get("reasoning_ru", "").strip()):
            self.add_error(
                "reasoning_ru" if get_language() == "ru" else "reasoning_en",
                _("Give the reasoning in at least one language."),
            )
        return data


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
