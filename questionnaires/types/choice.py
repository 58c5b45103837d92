"""Choices from a configured list: one (`single_choice`) or several (`multiple_choice`)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .base import AnswerType, Parsed, field_text, label, prefix


def _choice_config_errors(config: dict) -> list[str]:
    choices = config.get("choices") or []
    keys = [choice.get("key") for choice in choices]
    if len(choices) < 2:
        return [_("Give at least two choices.")]
    if None in keys or len(set(keys)) != len(keys):
        return [_("Every choice needs its own key.")]
    return []


class SingleChoiceType(AnswerType):
    key = "single_choice"

    def config_errors(self, config):
        return _choice_config_errors(config)

    def parse(self, question, data) -> Parsed:
        choice = field_text(data, prefix(question))
        keys = {c["key"] for c in question.config.get("choices", [])}
        if choice and choice not in keys:
            return Parsed({}, {"": _("Choose one of the options.")})
        return Parsed({"choice": choice})

    def is_answered(self, value):
        return bool(value.get("choice"))

    def as_text(self, question, value):
        labels = {c["key"]: label(c) for c in question.config.get("choices", [])}
        return labels.get(value.get("choice", ""), "")

    def hint(self, question) -> str:
        return self.required_hint(question, _("Choose one option from the list."))


class MultipleChoiceType(AnswerType):
    key = "multiple_choice"

    def config_errors(self, config):
        return _choice_config_errors(config)

    def parse(self, question, data) -> Parsed:
        name = prefix(question)
        chosen = data.getlist(name) if hasattr(data, "getlist") else data.get(name) or []
        if isinstance(chosen, str):
            chosen = [part.strip() for part in chosen.split(";") if part.strip()]
        keys = [c["key"] for c in question.config.get("choices", [])]
        unknown = [c for c in chosen if c not in keys]
        if unknown:
            return Parsed({}, {"": _("Choose among the listed options.")})
        return Parsed({"choices": [key for key in keys if key in chosen]})

    def is_answered(self, value):
        return bool(value.get("choices"))

    def as_text(self, question, value):
        labels = {c["key"]: label(c) for c in question.config.get("choices", [])}
        return "; ".join(labels[key] for key in value.get("choices", []) if key in labels)

    def hint(self, question) -> str:
        return self.required_hint(question, _("Mark each option that applies with x."))
