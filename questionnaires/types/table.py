"""Statistics tables: counts in a grid of rows (for example years) by columns (sex, age, form
of exploitation).

`total_row` / `total_column` name a row or column that must equal the sum of the others when
all of them are given. Rows may be years: `year_range` [first, last] builds them. Cells are the
fields `q<pk>-<row>-<col>`; each is a count (`values.parse_count`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl.styles import Font

from ..offline.cells import FIRST_ANSWER_COLUMN, HEADER_FILL, TOTAL_FILL, labels_lookup, norm
from .base import AnswerType, Parsed, field_text, label, prefix
from .values import parse_count


@dataclass
class TableRowDisplay:
    key: str
    label: str
    values: list[int | None]
    is_total: bool = False


@dataclass
class TableDisplay:
    """A statistics table as rows by columns; `total_column` is the index of the total column."""

    column_keys: list[str]
    columns: list[str]
    rows: list[TableRowDisplay]
    total_column: int | None = None
    row_heading: str = ""


def year_heading() -> str:
    return _("Year")


#: Further checks of a table's configuration, registered by the apps that give a table a
#: meaning (indicators: a table bound to an indicator). Each takes (config, column keys) and
#: returns messages. Register with `register_config_check`.
ConfigCheck = Callable[[Mapping, Collection[str]], list[str]]
CONFIG_CHECKS: list[ConfigCheck] = []


def register_config_check(check: ConfigCheck) -> ConfigCheck:
    """Add a check of every statistics table's configuration (idempotent)."""
    if check not in CONFIG_CHECKS:
        CONFIG_CHECKS.append(check)
    return check


class TableType(AnswerType):
    key = "table"
    statistics = True

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
        column_keys = {column.get("key") for column in columns}
        for check in CONFIG_CHECKS:
            errors += check(config, column_keys)
        return errors

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
                number, error = parse_count(field_text(data, name))
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

    # --- the portal's widget ------------------------------------------------------------

    def widget_layout(self, question, value, errors):
        cells = value.get("cells", {})
        columns = self.columns(question.config)
        return {
            "columns": [label(c) for c in columns],
            "rows": [
                {
                    "label": label(row),
                    "is_total": row["key"] == question.config.get("total_row"),
                    "cells": [
                        {
                            "name": self.cell(question, row["key"], column["key"]),
                            "value": cells.get(f"{row['key']}:{column['key']}", ""),
                            "error": errors.get(self.cell(question, row["key"], column["key"])),
                            "label": f"{label(row)}, {label(column)}",
                        }
                        for column in columns
                    ],
                }
                for row in self.rows(question.config)
            ],
        }

    # --- reading ------------------------------------------------------------------------

    def display(self, question, value):
        config = question.config
        columns = self.columns(config)
        cells = value.get("cells", {})
        total_column = config.get("total_column")
        column_keys = [c["key"] for c in columns]
        return {
            "table": TableDisplay(
                column_keys=column_keys,
                columns=[label(c) for c in columns],
                rows=[
                    TableRowDisplay(
                        key=row["key"],
                        label=label(row),
                        values=[cells.get(f"{row['key']}:{c['key']}") for c in columns],
                        is_total=row["key"] == config.get("total_row"),
                    )
                    for row in self.rows(config)
                ],
                total_column=column_keys.index(total_column)
                if total_column in column_keys
                else None,
                row_heading=year_heading() if config.get("year_range") else "",
            )
        }

    def hint(self, question) -> str:
        config = question.config
        hint = _("Whole numbers, zero or more; leave a cell empty when the figure is unknown.")
        if config.get("total_column") or config.get("total_row"):
            hint += " " + _("A total must equal the sum of its parts.")
        return self.required_hint(question, hint)

    # --- the offline workbook -----------------------------------------------------------

    def write_cells(self, writer, first, question, value):
        """A real grid: a header row of columns, one row per row (year), totals in bold."""
        config = question.config
        columns, rows = self.columns(config), self.rows(config)
        cells = value.get("cells", {})
        heading = year_heading() if config.get("year_range") else ""
        writer.label(first, 2, heading, bold=True, fill=HEADER_FILL)
        for offset, column in enumerate(columns):
            total = column["key"] == config.get("total_column")
            writer.label(
                first,
                FIRST_ANSWER_COLUMN + offset,
                label(column),
                bold=True,
                fill=TOTAL_FILL if total else HEADER_FILL,
            )
        for index, row_item in enumerate(rows, start=1):
            total_row = row_item["key"] == config.get("total_row")
            writer.label(
                first + index,
                2,
                label(row_item),
                bold=True,
                fill=TOTAL_FILL if total_row else HEADER_FILL,
            )
            for offset, column in enumerate(columns):
                cell = writer.answer_cell(
                    first + index,
                    FIRST_ANSWER_COLUMN + offset,
                    cells.get(f"{row_item['key']}:{column['key']}"),
                    number_format="#,##0",
                )
                if total_row or column["key"] == config.get("total_column"):
                    cell.font = Font(bold=True)
                writer.validate(
                    cell,
                    "count",
                    type="whole",
                    operator="greaterThanOrEqual",
                    formula1="0",
                    error=_("Enter a whole number, zero or more."),
                )
        return first + len(rows) + 2

    def read_cells(self, block, question):
        config = question.config
        columns, rows = self.columns(config), self.rows(config)
        first = block.first
        for offset, column in enumerate(columns):
            c = FIRST_ANSWER_COLUMN + offset
            if norm(block.text(first, c)) not in labels_lookup([column]):
                block.mismatch(first, c, label(column))
                return None
        for index, row_item in enumerate(rows, start=1):
            if norm(block.text(first + index, 2)) not in labels_lookup([row_item]):
                block.mismatch(first + index, 2, label(row_item))
                return None
            for offset, column in enumerate(columns):
                block.take(
                    self.cell(question, row_item["key"], column["key"]),
                    first + index,
                    FIRST_ANSWER_COLUMN + offset,
                )
        block.main = block.reader.ref(first + 1, FIRST_ANSWER_COLUMN)
        return block
