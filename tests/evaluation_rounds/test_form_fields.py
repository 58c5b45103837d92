"""The back-office forms' shared field template: every id a field's aria-describedby names is
on the page, so a screen reader reads the help and the error with the field."""

from html.parser import HTMLParser

from django import forms
from django.template.loader import render_to_string

TEMPLATE = "evaluation_rounds/includes/form_fields.html"


class ExampleForm(forms.Form):
    position = forms.IntegerField(label="Position", help_text="1 is the first.")
    themes = forms.MultipleChoiceField(
        label="Themes",
        choices=[("a", "A"), ("b", "B")],
        widget=forms.CheckboxSelectMultiple,
        help_text="One or more.",
    )


class Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.described_by = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if "aria-describedby" in attrs:
            self.described_by += attrs["aria-describedby"].split()


def _references(form) -> Ids:
    parser = Ids()
    parser.feed(render_to_string(TEMPLATE, {"form": form}))
    return parser


def test_the_help_a_field_points_to_is_there():
    parser = _references(ExampleForm())
    assert set(parser.described_by) == {"id_position_helptext", "id_themes_helptext"}
    assert set(parser.described_by) <= parser.ids


def test_the_errors_a_field_points_to_are_there():
    form = ExampleForm(data={"position": "first", "themes": ["z"]})
    assert not form.is_valid()
    parser = _references(form)
    assert {"id_position_error", "id_themes_error"} <= set(parser.described_by)
    assert set(parser.described_by) <= parser.ids
