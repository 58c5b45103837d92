"""System sentences stored as what happened (a code and its parameters), shown in the reader's
language.

A service stores `MESSAGE.encode(**params)` where it used to store a sentence translated in the
writer's language (a revision's comment, an audit event's detail); a page shows
`render(stored)` in the active language. Each app declares its own messages with `message()`
(imported from its AppConfig.ready), so this core renders them without importing the apps
above it. Text that is not encoded (written by a person, or an unknown code) is shown as stored.

A parameter is a plain value (a number, a person's note), a text in both languages
(`bilingual()`: a meeting's name), or a code its message resolves at render time (a state).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .i18n import in_its_language

MARKER = "sys:"
_registry: dict[str, Message] = {}


@dataclass(frozen=True)
class Message:
    code: str
    template: str | Promise
    resolvers: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)

    def encode(self, *, max_length: int | None = None, **params: Any) -> str:
        return encode(self.code, max_length=max_length, **params)

    def text(self, params: Mapping[str, Any]) -> str:
        values = {name: _value(value) for name, value in params.items()}
        for name, resolve in self.resolvers.items():
            if name in params:
                values[name] = resolve(params[name])
        if not values and "%(" not in str(self.template):
            return str(self.template)
        return str(self.template % values)

    def html(self, params: Mapping[str, Any]) -> SafeString:
        """`text`, escaped, each parameter a person typed (a meeting, a note) marked with the
        language it is written in where that is not the reader's."""
        values = {
            name: in_its_language(value) if isinstance(value, str) else value
            for name, value in ((name, _value(value)) for name, value in params.items())
        }
        for name, resolve in self.resolvers.items():
            if name in params:
                values[name] = conditional_escape(resolve(params[name]))
        template = conditional_escape(str(self.template))
        if not values and "%(" not in str(self.template):
            return template
        return mark_safe(template % values)  # noqa: S308 - the template and values are escaped


def message(code: str, template: str | Promise, **resolvers: Callable[[Any], Any]) -> Message:
    """Declare (once, at import) the message `code` with its lazy translatable template."""
    declared = Message(code, template, resolvers)
    if code in _registry and _registry[code].template != template:
        raise ValueError(f"system message {code!r} declared twice")
    _registry[code] = declared
    return declared


def bilingual(en: str, ru: str) -> dict[str, str]:
    return {"en": en or "", "ru": ru or ""}


def bilingual_of(instance: Any, name: str) -> dict[str, str]:
    """A translated field of `instance` (`<name>_en`, `<name>_ru`) as a parameter."""
    return bilingual(getattr(instance, f"{name}_en", ""), getattr(instance, f"{name}_ru", ""))


def _value(value: Any) -> Any:
    if isinstance(value, dict) and set(value) <= {"en", "ru"}:
        language = (get_language() or "en")[:2]
        return value.get(language) or next((text for text in value.values() if text), "")
    return value


def encode(code: str, *, max_length: int | None = None, **params: Any) -> str:
    """What is stored. Over `max_length` (a column's size), the longest text parameter is cut
    rather than the JSON, which would then no longer decode."""
    params = dict(params)
    while True:
        stored = MARKER + json.dumps(
            {"c": code, "p": params}, ensure_ascii=False, separators=(",", ":")
        )
        if max_length is None or len(stored) <= max_length:
            return stored
        texts = [name for name, value in params.items() if isinstance(value, str) and value]
        if not texts:
            return stored[:max_length]
        longest = max(texts, key=lambda name: len(params[name]))
        excess = len(stored) - max_length + 1
        params[longest] = params[longest][: max(0, len(params[longest]) - excess)] + "…"


def decode(stored: str) -> tuple[str, dict[str, Any]] | None:
    if not isinstance(stored, str) or not stored.startswith(MARKER):
        return None
    try:
        data = json.loads(stored[len(MARKER) :])
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("c"), str):
        return None
    params = data.get("p")
    return data["c"], params if isinstance(params, dict) else {}


def render_code(code: str, params: Mapping[str, Any] | None = None) -> str | None:
    """The message `code` in the active language; None for a code nobody declared."""
    declared = _registry.get(code)
    if declared is None:
        return None
    try:
        return declared.text(params or {})
    except (KeyError, TypeError, ValueError):
        return None


def render_html(stored: str) -> SafeString:
    """`render` for a page: escaped, a person's words marked with their language."""
    decoded = decode(stored)
    if decoded is None:
        return in_its_language(stored)
    declared = _registry.get(decoded[0])
    try:
        return conditional_escape(stored) if declared is None else declared.html(decoded[1])
    except (KeyError, TypeError, ValueError):
        return conditional_escape(stored)


def render(stored: str) -> str:
    """A stored comment or detail in the active language; anything else as stored."""
    decoded = decode(stored)
    if decoded is None:
        return stored
    rendered = render_code(*decoded)
    return stored if rendered is None else rendered


# --- Turning stored sentences into codes (the data migrations) --------------------------------

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def sentence_pattern(template: str) -> re.Pattern:
    """A template ("Meeting added: %(meeting)s") as a regular expression that gives its
    parameters back from a sentence rendered from it."""
    parts, position = [], 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[position : match.start()]))
        parts.append(f"(?P<{match.group(1)}>.+?)")
        position = match.end()
    parts.append(re.escape(template[position:]))
    return re.compile("".join(parts), re.DOTALL)


def parse_sentence(text: str, known: list[tuple]) -> tuple[str, dict[str, Any]] | None:
    """The code and parameters of `text` if it is exactly one of the `known` messages, given as
    (code, [its templates: English, Russian...]) or (code, [templates], fixed parameters) for a
    sentence whose parameter is not in its words (a state's label); None otherwise."""
    for code, templates, *fixed in known:
        for template in templates:
            match = sentence_pattern(template).fullmatch(text)
            if match:
                return code, {**match.groupdict(), **(fixed[0] if fixed else {})}
    return None


def encode_sentences(rows, field: str, known: list[tuple], max_length: int | None = None) -> list:
    """For the data migrations: set `field` of each row whose text is a known sentence to its
    encoded form; returns the rows changed (to save with `bulk_update`)."""
    changed = []
    for row in rows:
        parsed = parse_sentence(getattr(row, field), known)
        if parsed:
            setattr(row, field, encode(parsed[0], max_length=max_length, **parsed[1]))
            changed.append(row)
    return changed


def migrate_sentences(apps, *, revisions: list[tuple] = (), audit: list[tuple] = ()) -> None:
    """A data migration's body: the known sentences of revision comments and audit details
    become codes. The audit log is append-only (`AuditEvent.save` refuses a change): the
    migration writes through the historical model, whose manager is a plain one, because this
    rewrites how an event is stored, not what it says."""
    for model, name, known in (
        (apps.get_model("reversion", "Revision"), "comment", revisions),
        (apps.get_model("monitoring", "AuditEvent"), "detail", audit),
    ):
        if not known:
            continue
        rows = model._base_manager.exclude(**{name: ""}).exclude(**{f"{name}__startswith": MARKER})
        size = model._meta.get_field(name).max_length
        changed = encode_sentences(rows.only("pk", name).iterator(), name, known, size)
        model._base_manager.bulk_update(changed, [name], batch_size=500)


def _english_sentence(code: str, params: dict[str, Any], known: list[tuple]) -> str | None:
    """The sentence the code replaced: the first (English) template of the `known` entry for
    `code` whose fixed parameters `params` carry, its placeholders filled from `params`."""
    for entry_code, templates, *fixed in known:
        fixed_params = fixed[0] if fixed else {}
        if entry_code != code or any(params.get(k) != v for k, v in fixed_params.items()):
            continue

        def fill(match: re.Match) -> str:
            value = params.get(match.group(1), "")
            if isinstance(value, dict):
                value = value.get("en") or next((text for text in value.values() if text), "")
            return str(value)

        return _PLACEHOLDER.sub(fill, templates[0])
    return None


def restore_sentences(apps, *, revisions: list[tuple] = (), audit: list[tuple] = ()) -> None:
    """`migrate_sentences` reversed: the codes it wrote become the English sentences again, so
    that the code of before (and its migrations) read what it wrote."""
    for model, name, known in (
        (apps.get_model("reversion", "Revision"), "comment", revisions),
        (apps.get_model("monitoring", "AuditEvent"), "detail", audit),
    ):
        if not known:
            continue
        changed = []
        rows = model._base_manager.filter(**{f"{name}__startswith": MARKER}).only("pk", name)
        for row in rows.iterator():
            decoded = decode(getattr(row, name))
            sentence = decoded and _english_sentence(decoded[0], decoded[1], known)
            if sentence is not None:
                setattr(row, name, sentence[: model._meta.get_field(name).max_length])
                changed.append(row)
        model._base_manager.bulk_update(changed, [name], batch_size=500)


def sentence_migration(*, revisions: list[tuple] = (), audit: list[tuple] = ()) -> Any:
    """The operation of an app's `*_system_sentences_to_codes` migration: `migrate_sentences`
    forwards, `restore_sentences` backwards, over the sentences the migration froze."""
    from django.db.migrations import RunPython

    def forwards(apps, schema_editor) -> None:
        migrate_sentences(apps, revisions=revisions, audit=audit)

    def backwards(apps, schema_editor) -> None:
        restore_sentences(apps, revisions=revisions, audit=audit)

    return RunPython(forwards, backwards)
