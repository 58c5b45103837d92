"""Every question type in one place: its settings, how its answer is read from submitted fields,
validated, judged answered, and shown as text.

Answers arrive as flat string fields (an HTML form, an autosave request, or a workbook mapped to
the same names), so one parser serves the portal, the JavaScript autosave and the XLSX import.
Field names start with the question's prefix `q<pk>`; table cells are `q<pk>-<row>-<col>`,
repeating rows `q<pk>-<index>-<column>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from monitoring.i18n import active_language

MAX_SHORT_TEXT = 500
MAX_LONG_TEXT = 50_000
MAX_REPEATING_ROWS = 200
URL_PATTERN = re.compile(r"^https?://[^\s]+$")
# Bounds on numbers, so that a typed "9" * 5000 or "1e999999999" is refused with a message
# instead of failing later (Python reads at most 4300 digits; the workbook writes numbers as
# Excel numbers, which hold 15 significant digits).
MAX_COUNT = 10**12 - 1
MAX_NUMBER = Decimal("1E15")
MAX_DECIMAL_PLACES = 10


@dataclass
class Parsed:
    value: dict
    errors: dict[str, str] = field(default_factory=dict)  # field name ("" = whole) → message

    @property
    def ok(self) -> bool:
        return not self.errors


def label(item: dict) -> str:
    """A configured choice, row or column label in the active language."""
    return item.get(active_language()) or item.get("en") or item.get("key", "")


def prefix(question) -> str:
    return f"q{question.pk}"


def _text(data, name: str) -> str:
    return (data.get(name) or "").strip()


def parse_count(raw: str) -> tuple[int | None, str | None]:
    """A count of persons or cases: a whole number, zero or more. Spaces are thousands."""
    cleaned = raw.replace("\u00a0", "").replace(" ", "")
    if cleaned == "":
        return None, None
    if not re.fullmatch(r"[+-]?\d+", cleaned):
        if re.fullmatch(r"[+-]?\d+[.,]\d*", cleaned):
            return None, _("Enter a whole number, without decimals.")
        return None, _("Enter a number, for example 12.")
    if len(cleaned.lstrip("+-").lstrip("0")) > len(str(MAX_COUNT)):
        return None, _("The number is too large.")
    number = int(cleaned)
    if number < 0:
        return None, _("A count cannot be negative.")
    return number, None


def parse_decimal(raw: str) -> tuple[Decimal | None, str | None]:
    cleaned = raw.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if cleaned == "":
        return None, None
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None, _("Enter a number, for example 12.5.")
    if not number.is_finite():
        return None, _("Enter a number, for example 12.5.")
    if number and number.adjusted() >= MAX_NUMBER.adjusted():  # no arithmetic: 1e999999999
        return None, _("The number is too large.")
    if number and number.as_tuple().exponent < -MAX_DECIMAL_PLACES:
        return None, _("Use at most %(count)s decimal places.") % {"count": MAX_DECIMAL_PLACES}
    return number, None


def parse_date(raw: str) -> tuple[date | None, str | None]:
    if not raw:
        return None, None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(raw, pattern).date(), None
        except ValueError:
            continue
    return None, _("Enter a date as DD.MM.YYYY.")


# --- the types -----------------------------------------------------------------------------


class AnswerType:
    def config_errors(self, config: dict) -> list[str]:
        return []

    def parse(self, question, data) -> Parsed:
        raise NotImplementedError

    def is_answered(self, value: dict) -> bool:
        raise NotImplementedError

    def as_text(self, question, value: dict) -> str:
        raise NotImplementedError


class TextType(AnswerType):
    def __init__(self, max_length: int):
        self.max_length = max_length

    def parse(self, question, data) -> Parsed:
        text = _text(data, prefix(question))
        if len(text) > self.max_length:
            return Parsed(
                {"text": text},
                {"": _("Keep the answer under %(max)s characters.") % {"max": self.max_length}},
            )
        return Parsed({"text": text})

    def is_answered(self, value):
        return bool(value.get("text"))

    def as_text(self, question, value):
        return value.get("text", "")


class YesNoType(AnswerType):
    def parse(self, question, data) -> Parsed:
        name = prefix(question)
        choice = _text(data, f"{name}-choice")
        explanation = _text(data, f"{name}-explanation")
        if choice not in ("", "yes", "no"):
            return Parsed({}, {f"{name}-choice": _("Choose yes or no.")})
        return Parsed({"choice": choice, "explanation": explanation[:MAX_LONG_TEXT]})

    def is_answered(self, value):
        return value.get("choice") in ("yes", "no")

    def as_text(self, question, value):
        answer = {"yes": _("Yes"), "no": _("No")}.get(value.get("choice", ""), "")
        explanation = value.get("explanation", "")
        return f"{answer}. {explanation}".strip(". ") if explanation else answer


def _choice_config_errors(config: dict) -> list[str]:
    choices = config.get("choices") or []
    keys = [choice.get("key") for choice in choices]
    if len(choices) < 2:
        return [_("Give at least two choices.")]
    if None in keys or len(set(keys)) != len(keys):
        return [_("Every choice needs its own key.")]
    return []


class SingleChoiceType(AnswerType):
    def config_errors(self, config):
        return _choice_config_errors(config)

    def parse(self, question, data) -> Parsed:
        choice = _text(data, prefix(question))
        keys = {c["key"] for c in question.config.get("choices", [])}
        if choice and choice not in keys:
            return Parsed({}, {"": _("Choose one of the options.")})
        return Parsed({"choice": choice})

    def is_answered(self, value):
        return bool(value.get("choice"))

    def as_text(self, question, value):
        labels = {c["key"]: label(c) for c in question.config.get("choices", [])}
        return labels.get(value.get("choice", ""), "")


class MultipleChoiceType(AnswerType):
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


class NumberType(AnswerType):
    def parse(self, question, data) -> Parsed:
        raw = _text(data, prefix(question))
        number, error = parse_decimal(raw)
        if error:
            return Parsed({}, {"": error})
        config = question.config
        if number is not None:
            if config.get("integer") and number != number.to_integral_value():
                return Parsed({}, {"": _("Enter a whole number, without decimals.")})
            if "min" in config and number < Decimal(str(config["min"])):
                return Parsed({}, {"": _("The number must be at least %(min)s.") % config})
            if "max" in config and number > Decimal(str(config["max"])):
                return Parsed({}, {"": _("The number must be at most %(max)s.") % config})
        return Parsed({"number": None if number is None else str(number)})

    def is_answered(self, value):
        return value.get("number") not in (None, "")

    def as_text(self, question, value):
        unit = question.config.get(f"unit_{active_language()}") or question.config.get(
            "unit_en", ""
        )
        number = value.get("number")
        return f"{number} {unit}".strip() if number not in (None, "") else ""


class DateType(AnswerType):
    def parse(self, question, data) -> Parsed:
        day, error = parse_date(_text(data, prefix(question)))
        if error:
            return Parsed({}, {"": error})
        if day and not 1900 <= day.year <= 2100:
            return Parsed({}, {"": _("Enter a date between 1900 and 2100.")})
        return Parsed({"date": day.isoformat() if day else ""})

    def is_answered(self, value):
        return bool(value.get("date"))

    def as_text(self, question, value):
        raw = value.get("date", "")
        return date.fromisoformat(raw).strftime("%d.%m.%Y") if raw else ""


class FileType(AnswerType):
    """Files are uploaded one by one (questionnaires.uploads); the value only counts them."""

    def parse(self, question, data) -> Parsed:
        return Parsed({})

    def is_answered(self, value):
        return bool(value.get("files"))

    def as_text(self, question, value):
        names = value.get("names") or []
        return "; ".join(names)


class TableType(AnswerType):
    """Counts in a grid: rows (for example years) by columns (sex, age, form of exploitation).

    `total_row` / `total_column` name a row or column that must equal the sum of the others
    when all of them are given. Rows may be years: `year_range` [first, last] builds them.
    """

    def rows(self, config) -> list[dict]:
        if config.get("year_range"):
            first, last = config["year_range"]
            return [
                {"key": str(year), "en": str(year), "ru": str(year)}
                for year in range(first, last + 1)
            ]
        return config.get("rows") or []

    def columns(self, config) -> list[dict]:
        return config.get("columns") or []

    def config_errors(self, config):
        errors = []
        year_range = config.get("year_range")
        if year_range and (
            len(year_range) != 2
            or not all(isinstance(y, int) for y in year_range)
            or not 1990 <= year_range[0] <= year_range[1] <= 2100
        ):
            errors.append(_("The years must be two whole years, first then last."))
        rows, columns = self.rows(config) if not errors else [], self.columns(config)
        if not errors and not rows:
            errors.append(_("A table needs rows (or a range of years)."))
        if not columns:
            errors.append(_("A table needs columns."))
        for axis, items in (("total_row", rows), ("total_column", columns)):
            if config.get(axis) and config[axis] not in {item.get("key") for item in items}:
                errors.append(_("The total must name one of the table's rows or columns."))
        # A table may be bound to a harmonised-statistics indicator (its answers then land as
        # observations on submission); the statistics app checks the binding.
        from indicators.binding import binding_errors

        return errors + binding_errors(config, {column.get("key") for column in columns})

    @staticmethod
    def cell(question, row: str, column: str) -> str:
        return f"{prefix(question)}-{row}-{column}"

    def parse(self, question, data) -> Parsed:
        config = question.config
        rows, columns = self.rows(config), self.columns(config)
        cells: dict[str, int] = {}
        errors: dict[str, str] = {}
        for row in rows:
            for column in columns:
                name = self.cell(question, row["key"], column["key"])
                number, error = parse_count(_text(data, name))
                if error:
                    errors[name] = error
                elif number is not None:
                    cells[f"{row['key']}:{column['key']}"] = number
        if errors:
            return Parsed({"cells": cells}, errors)
        errors.update(self._check_totals(question, rows, columns, cells))
        return Parsed({"cells": cells}, errors)

    def _check_totals(self, question, rows, columns, cells) -> dict[str, str]:
        errors = {}
        config = question.config
        total_column, total_row = config.get("total_column"), config.get("total_row")
        if total_column:
            parts = [c["key"] for c in columns if c["key"] != total_column]
            for row in rows:
                errors.update(
                    self._total_error(
                        question,
                        cells,
                        row["key"],
                        total_column,
                        [(row["key"], part) for part in parts],
                    )
                )
        if total_row:
            parts = [r["key"] for r in rows if r["key"] != total_row]
            for column in columns:
                errors.update(
                    self._total_error(
                        question,
                        cells,
                        total_row,
                        column["key"],
                        [(part, column["key"]) for part in parts],
                    )
                )
        return errors

    def _total_error(self, question, cells, row, column, parts) -> dict[str, str]:
        total = cells.get(f"{row}:{column}")
        values = [cells.get(f"{r}:{c}") for r, c in parts]
        if total is None or any(value is None for value in values):
            if total is not None and sum(v for v in values if v is not None) > total:
                return {self.cell(question, row, column): _("The total is smaller than its parts.")}
            return {}
        if sum(values) != total:
            return {
                self.cell(question, row, column): _(
                    "The total (%(total)s) does not match the sum of its parts (%(sum)s)."
                )
                % {"total": total, "sum": sum(values)}
            }
        return {}

    def is_answered(self, value):
        return bool(value.get("cells"))

    def as_text(self, question, value):
        cells = value.get("cells", {})
        return "; ".join(f"{key}={number}" for key, number in cells.items())


class RepeatingType(AnswerType):
    COLUMN_TYPES = ("text", "number", "date", "url")

    def config_errors(self, config):
        columns = config.get("columns") or []
        if not columns:
            return [_("A repeating group needs columns.")]
        if any(column.get("type", "text") not in self.COLUMN_TYPES for column in columns):
            return [_("A column's type is text, number, date or url.")]
        return []

    def parse(self, question, data) -> Parsed:
        name = prefix(question)
        columns = question.config.get("columns", [])
        rows, errors = [], {}
        for index in range(MAX_REPEATING_ROWS):
            fields = {c["key"]: _text(data, f"{name}-{index}-{c['key']}") for c in columns}
            if not any(fields.values()):
                if not any(f"{name}-{index}-" in key for key in data):
                    break
                continue
            row = {}
            for column in columns:
                raw, cell = fields[column["key"]], f"{name}-{index}-{column['key']}"
                kind = column.get("type", "text")
                if kind == "number" and raw:
                    number, error = parse_decimal(raw)
                    raw = str(number) if number is not None else raw
                elif kind == "date" and raw:
                    day, error = parse_date(raw)
                    raw = day.isoformat() if day else raw
                elif kind == "url" and raw and not URL_PATTERN.match(raw):
                    error = _("Enter a full link starting with http:// or https://.")
                else:
                    error = None
                if error:
                    errors[cell] = error
                if column.get("required") and not raw:
                    errors[cell] = _("This column is required.")
                row[column["key"]] = raw
            rows.append(row)
        return Parsed({"rows": rows}, errors)

    def is_answered(self, value):
        return bool(value.get("rows"))

    def as_text(self, question, value):
        return " | ".join(", ".join(v for v in row.values() if v) for row in value.get("rows", []))


TYPES: dict[str, AnswerType] = {
    "short_text": TextType(MAX_SHORT_TEXT),
    "long_text": TextType(MAX_LONG_TEXT),
    "yes_no": YesNoType(),
    "single_choice": SingleChoiceType(),
    "multiple_choice": MultipleChoiceType(),
    "number": NumberType(),
    "date": DateType(),
    "file": FileType(),
    "table": TableType(),
    "repeating": RepeatingType(),
}


def answer_type(question) -> AnswerType:
    return TYPES[question.question_type]


def config_errors(question_type: str, config: dict) -> list[str]:
    kind = TYPES.get(question_type)
    return kind.config_errors(config) if kind else [_("Unknown question type.")]


def parse(question, data) -> Parsed:
    return answer_type(question).parse(question, data)


def is_answered(question, value: dict) -> bool:
    return answer_type(question).is_answered(value or {})


def as_text(question, value: dict) -> str:
    return answer_type(question).as_text(question, value or {})
