"""Choices from a configured list: one (`single_choice`) or several (`multiple_choice`)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..offline.cells import (
    CHECK_MARK,
    CHECKED,
    FIRST_ANSWER_COLUMN,
    TEXT_SPAN,
    UNCHECKED,
    labels_lookup,
    norm,
)
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

    def write_cells(self, writer, first, question, value):
        choices = question.config.get("choices", [])
        labels = {c["key"]: label(c) for c in choices}
        writer.label(first, 2, _("Answer"))
        cell = writer.answer_cell(
            first, FIRST_ANSWER_COLUMN, labels.get(value.get("choice", ""), ""), span=TEXT_SPAN
        )
        writer.validate(
            cell,
            f"choice-{question.pk}",
            type="list",
            formula1=writer.lists.add([labels[c["key"]] for c in choices]),
            error=_("Choose one of the options in the list."),
        )
        return first + 2

    def read_cells(self, block, question):
        name = prefix(question)
        raw = block.take(name, block.first, FIRST_ANSWER_COLUMN)
        choices = question.config.get("choices", [])
        block.data[name] = labels_lookup(choices).get(norm(raw), raw) if raw else ""
        return block


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

    def write_cells(self, writer, first, question, value):
        """One row per option, marked with x: a drop-down list cannot hold several choices."""
        chosen = set(value.get("choices", []))
        choices = question.config.get("choices", [])
        for offset, choice in enumerate(choices):
            writer.label(first + offset, 2, label(choice))
            cell = writer.answer_cell(
                first + offset, FIRST_ANSWER_COLUMN, CHECK_MARK if choice["key"] in chosen else ""
            )
            writer.validate(
                cell,
                "check",
                type="list",
                formula1=writer.lists.check,
                error=_("Mark the option with x, or leave the cell empty."),
            )
        return first + len(choices) + 1

    def read_cells(self, block, question):
        chosen = []
        for offset, choice in enumerate(question.config.get("choices", [])):
            row = block.first + offset
            if norm(block.text(row, 2)) not in labels_lookup([choice]):
                block.mismatch(row, 2, label(choice))
                continue
            mark = norm(block.text(row, FIRST_ANSWER_COLUMN))
            if mark in CHECKED:
                chosen.append(choice["key"])
            elif mark not in UNCHECKED:
                block.error(
                    _("Mark the option with x, or leave the cell empty."),
                    row,
                    FIRST_ANSWER_COLUMN,
                )
        block.data[prefix(question)] = ";".join(chosen)
        return block
