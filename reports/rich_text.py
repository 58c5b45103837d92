"""The report's text editor: Wagtail's Draftail with a fixed set of features.

Draftail posts its content as Draft.js "contentstate" JSON in a hidden input; the widget turns it
into Wagtail's database HTML, which the field expands (page links become plain `<a href>`) and
sanitises, so what is stored stays the plain HTML of `reports.html` that the PDF, the public
page, search and the diff read. A footnote is the inline style FOOTNOTE, stored as
`<span class="footnote">…</span>` (registered in `reports.wagtail_hooks`); placeholders are only
highlighted in the editor, by a decorator fed with `reports.placeholders.PLACEHOLDER_PATTERN`.

Anything a browser would not send (not JSON, the wrong shape, too large) is a form error.
"""

from __future__ import annotations

import json
from html import escape, unescape

from django import forms
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.rich_text import expand_db_html

from .html import sanitise
from .placeholders import PLACEHOLDER_PATTERN

FOOTNOTE_FEATURE = "report-footnote"
PLACEHOLDER_FEATURE = "report-placeholder"
PARAGRAPH_FEATURES = [
    *("h3", "h4", "ol", "ul", "link", "bold", "italic"),
    FOOTNOTE_FEATURE,
    PLACEHOLDER_FEATURE,
]
PLAIN_TEXT_FEATURES = [PLACEHOLDER_FEATURE]

MAX_CONTENTSTATE_CHARS = 400_000  # a long paragraph is ~20 KB of contentstate


class _Unreadable(str):
    """What the widget returns for a post it cannot read; the field turns it into an error."""


UNREADABLE = _Unreadable()


def _is_list_of_dicts(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _is_range(item: dict, key: str, kind: type) -> bool:
    offset, length = item.get("offset"), item.get("length")
    return (
        isinstance(offset, int)
        and isinstance(length, int)
        and offset >= 0
        and length >= 0
        and isinstance(item.get(key), kind)
    )


def _is_entity(entity) -> bool:
    return (
        isinstance(entity, dict)
        and isinstance(entity.get("type"), str)
        and isinstance(entity.get("data", {}), dict)
    )


def _well_formed(state) -> bool:
    """The shape Draftail posts: blocks with text, type and ranges; entities with a type."""
    if not isinstance(state, dict) or not _is_list_of_dicts(state.get("blocks", [])):
        return False
    entities = state.get("entityMap", {})
    if not isinstance(entities, dict) or not all(_is_entity(e) for e in entities.values()):
        return False
    for block in state.get("blocks", []):
        styles = block.get("inlineStyleRanges", [])
        links = block.get("entityRanges", [])
        if not (
            isinstance(block.get("text", ""), str)
            and isinstance(block.get("type", "unstyled"), str)
            and isinstance(block.get("depth", 0), int)
            and _is_list_of_dicts(styles)
            and _is_list_of_dicts(links)
            and all(_is_range(s, "style", str) for s in styles)
            and all(_is_range(e, "key", int | str) and str(e["key"]) in entities for e in links)
        ):
            return False
    return True


def read_contentstate(raw: str):
    """The posted contentstate as a dict (None for an empty editor), or UNREADABLE."""
    if len(raw) > MAX_CONTENTSTATE_CHARS:
        return UNREADABLE
    try:
        state = json.loads(raw) if raw.strip() else None
    except (ValueError, RecursionError):
        return UNREADABLE
    if state is None:
        return None
    return state if _well_formed(state) else UNREADABLE


def _editable_html(html: str) -> str:
    # Wagtail's HTML-to-contentstate parser wants void elements closed, as its own format does.
    return sanitise(html).replace("<br>", "<br/>")


def label_id(input_id: str) -> str:
    """The id the field templates give a field's `<label>`: the editor is named by it (the
    label's `for` points at Draftail's hidden input, which no one reads)."""
    return f"{input_id}-label"


class ReportDraftail(DraftailRichTextArea):
    """Draftail that never fails on what it is sent, and hands the placeholder pattern to the
    page (read by reports/js/rich_text.js) so the browser and the server highlight the same.

    The editable area is named by the field's label and described by its help and errors (the
    ids Django points the input to); `placeholder` replaces Draftail's prompt ("type '/' to
    insert a block"), "" for none."""

    def __init__(self, *, features: list[str], placeholder: str | None = None, **kwargs):
        attrs = {"data-placeholder-pattern": PLACEHOLDER_PATTERN, **kwargs.pop("attrs", {})}
        super().__init__(features=features, attrs=attrs, **kwargs)
        self.placeholder = placeholder

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        options = dict(self.options)
        if widget_attrs.get("id"):
            options["ariaLabelledBy"] = label_id(widget_attrs["id"])
        if widget_attrs.get("aria-describedby"):
            options["ariaDescribedBy"] = widget_attrs["aria-describedby"]
        if self.placeholder is not None:
            options["placeholder"] = str(self.placeholder)
        widget_attrs["data-w-init-detail-value"] = json.dumps(options, cls=DjangoJSONEncoder)
        return context

    def format_value(self, value):
        if value is None or isinstance(value, _Unreadable):
            value = ""
        try:
            return self.converter.from_database_format(_editable_html(value))
        except AssertionError:  # markup the parser cannot pair up: keep the words
            return self.converter.from_database_format(f"<p>{escape(strip_tags(value))}</p>")

    def value_from_datadict(self, data, files, name):
        raw = data.get(name)
        if raw is None:
            return None
        state = read_contentstate(raw)
        if state is None or state is UNREADABLE:
            return "" if state is None else UNREADABLE
        try:
            return self.converter.exporter.render(state)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
            return UNREADABLE


UNREADABLE_MESSAGE = _("The editor sent text that cannot be read. Reload the page and try again.")


class ParagraphTextField(forms.CharField):
    """A paragraph's text in one language: sanitised HTML with plain links."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(strip=True, **kwargs)

    def use_editor(self) -> None:
        # Made when a form is, not on import: the feature registry reads every app's hooks.
        self.widget = ReportDraftail(features=PARAGRAPH_FEATURES)
        self.widget.is_required = self.required

    def to_python(self, value):
        if isinstance(value, _Unreadable):
            raise ValidationError(UNREADABLE_MESSAGE, code="unreadable")
        html = sanitise(expand_db_html(super().to_python(value)))
        # Draftail writes an emptied editor as empty paragraphs: that is no text.
        return html if unescape(strip_tags(html)).strip() else ""


class PlainTextDraftail(ReportDraftail):
    """Draftail with no formatting, for text stored plain: blocks are joined with a space."""

    def __init__(self, **kwargs):
        kwargs.setdefault("placeholder", "")  # it has no blocks to insert
        super().__init__(features=PLAIN_TEXT_FEATURES, **kwargs)

    def format_value(self, value):
        text = "" if value is None or isinstance(value, _Unreadable) else str(value)
        return self.converter.from_database_format(f"<p>{escape(text)}</p>" if text else "")

    def value_from_datadict(self, data, files, name):
        raw = data.get(name)
        if raw is None:
            return None
        state = read_contentstate(raw)
        if state is None or state is UNREADABLE:
            return "" if state is None else UNREADABLE
        texts = (block.get("text", "") for block in state.get("blocks", []))
        return " ".join(" ".join(text.split()) for text in texts if text.strip())


class PlainTextField(forms.CharField):
    """Plain text typed in Draftail (placeholders highlighted, no formatting); `placeholder` is
    the prompt shown while it is empty."""

    def __init__(self, *, placeholder: str = "", **kwargs):
        super().__init__(**kwargs)
        self.placeholder = placeholder

    def use_editor(self) -> None:
        self.widget = PlainTextDraftail(placeholder=self.placeholder)
        self.widget.is_required = self.required

    def to_python(self, value):
        if isinstance(value, _Unreadable):
            raise ValidationError(UNREADABLE_MESSAGE, code="unreadable")
        return super().to_python(value)


def use_editors(form: forms.Form) -> None:
    """Give the form's rich and plain text fields their Draftail editors."""
    for field in form.fields.values():
        if isinstance(field, ParagraphTextField | PlainTextField):
            field.use_editor()
