"""Repeating groups: a list of entries with typed columns (text, number, date, url). Fields are
`q<pk>-<index>-<column>`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from monitoring import display

from ..offline.cells import EMPTY_REPEATING_ROWS, FIRST_ANSWER_COLUMN, HEADER_FILL, date_or_text
from .base import AnswerType, Parsed, field_text, label, prefix
from .values import MAX_REPEATING_ROWS, URL_PATTERN, parse_date, parse_decimal


@dataclass
class EntriesDisplay:
    """A repeating group: one row per entry."""

    columns: list[str]
    rows: list[list[str]]


def entry_text(column: dict, raw: str) -> str:
    if column.get("type") == "date" and raw:
        try:
            return display.day(date.fromisoformat(raw))
        except ValueError:
            return raw
    return raw


def _number_cell(raw: str):
    number, error = parse_decimal(raw)
    return (str(number) if number is not None else raw), error


def _date_cell(raw: str):
    day, error = parse_date(raw)
    return (day.isoformat() if day else raw), error


def _url_cell(raw: str):
    if URL_PATTERN.match(raw):
        return raw, None
    return raw, _("Enter a full link starting with http:// or https://.")


#: a column's type → (raw → (stored text, error)), and its input type in the portal
COLUMN_PARSERS = {"number": _number_cell, "date": _date_cell, "url": _url_cell}
INPUT_TYPES = {"text": "text", "number": "text", "date": "date", "url": "url"}


class RepeatingType(AnswerType):
    key = "repeating"
    COLUMN_TYPES = tuple(INPUT_TYPES)

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
            fields = {c["key"]: field_text(data, f"{name}-{index}-{c['key']}") for c in columns}
            if not any(fields.values()):
                if not any(f"{name}-{index}-" in key for key in data):
                    break
                continue
            row = {}
            for column in columns:
                raw, cell = fields[column["key"]], f"{name}-{index}-{column['key']}"
                column_parser = COLUMN_PARSERS.get(column.get("type", "text"))
                error = None
                if column_parser and raw:
                    raw, error = column_parser(raw)
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

    def widget_layout(self, question, value, errors):
        columns = question.config.get("columns", [])
        stored = value.get("rows", [])
        name = prefix(question)
        return {
            "columns": [label(c) for c in columns],
            "rows": [
                [
                    {
                        "name": f"{name}-{index}-{c['key']}",
                        "value": (stored[index] if index < len(stored) else {}).get(c["key"], ""),
                        "type": INPUT_TYPES.get(c.get("type", "text"), "text"),
                        "error": errors.get(f"{name}-{index}-{c['key']}"),
                        "label": label(c),
                    }
                    for c in columns
                ]
                for index in range(len(stored) + 2)  # two blank rows to add entries without JS
            ],
        }

    def display(self, question, value):
        columns = question.config.get("columns", [])
        return {
            "entries": EntriesDisplay(
                columns=[label(c) for c in columns],
                rows=[
                    [entry_text(c, str(row.get(c["key"], "") or "")) for c in columns]
                    for row in value.get("rows", [])
                ],
            )
        }

    def hint(self, question) -> str:
        return self.required_hint(question, _("One entry per row; leave unused rows empty."))

    def write_cells(self, writer, first, question, value):
        """The stored entries, then a few empty rows to add more."""
        columns = question.config.get("columns", [])
        stored = value.get("rows", [])
        writer.label(first, 2, "#", bold=True, fill=HEADER_FILL)
        for offset, column in enumerate(columns):
            writer.label(
                first, FIRST_ANSWER_COLUMN + offset, label(column), bold=True, fill=HEADER_FILL
            )
        count = max(len(stored) + (EMPTY_REPEATING_ROWS if writer.editable else 0), 1)
        for index in range(count):
            entry = stored[index] if index < len(stored) else {}
            writer.label(first + 1 + index, 2, str(index + 1))
            for offset, column in enumerate(columns):
                raw = entry.get(column["key"], "")
                is_date = column.get("type", "text") == "date"
                writer.answer_cell(
                    first + 1 + index,
                    FIRST_ANSWER_COLUMN + offset,
                    date_or_text(raw) if is_date else raw,
                    number_format="DD.MM.YYYY" if is_date else None,
                )
        return first + 1 + count + 1

    def read_cells(self, block, question):
        name = prefix(question)
        columns = question.config.get("columns", [])
        index = 0
        for r in range(block.first + 1, block.end + 1):
            texts = [block.text(r, FIRST_ANSWER_COLUMN + o) for o in range(len(columns))]
            if not any(texts):
                continue
            if index >= MAX_REPEATING_ROWS:
                block.error(
                    _("At most %(max)s rows are read; move the rest to the portal.")
                    % {"max": MAX_REPEATING_ROWS},
                    r,
                    FIRST_ANSWER_COLUMN,
                )
                break
            for offset, column in enumerate(columns):
                field_name = f"{name}-{index}-{column['key']}"
                block.data[field_name] = texts[offset]
                block.cells[field_name] = block.reader.ref(r, FIRST_ANSWER_COLUMN + offset)
            index += 1
        block.main = block.reader.ref(block.first + 1, FIRST_ANSWER_COLUMN)
        return block
