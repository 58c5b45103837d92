"""A paragraph's table: edited with Wagtail's TypedTableBlock, stored as `<table>` after the text.

There is no table column: the table lives inside the paragraph's sanitised HTML, so the PDF, the
public page, search and the diff read it as they read the text. `table_html` writes it from the
block's value (cells escaped, the column headings as `<th scope="col">`) and `split_table` reads
it back when the paragraph is edited. A merged cell (colspan) of an imported table is edited as
one cell.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTable, TypedTableBlock

from .html import sanitise

MAX_COLUMNS = 20
MAX_ROWS = 300
COLUMN_TYPE = "text"


class _UnreadableTable:
    """What the widget returns for a table post it cannot read."""


UNREADABLE_TABLE = _UnreadableTable()


class ReportTableBlock(TypedTableBlock):
    """TypedTableBlock that treats a form without its table inputs as "no change" (None) and
    garbage as unreadable, instead of failing on a missing key."""

    def value_from_datadict(self, data, files, prefix):
        if f"{prefix}-column-count" not in data:
            return None
        try:
            columns = int(data[f"{prefix}-column-count"])
            rows = int(data[f"{prefix}-row-count"])
            if not (0 <= columns <= MAX_COLUMNS and 0 <= rows <= MAX_ROWS):
                return UNREADABLE_TABLE
            table = super().value_from_datadict(data, files, prefix)
        except (KeyError, ValueError, TypeError, IndexError):
            return UNREADABLE_TABLE
        if any(not isinstance(column["heading"], str) for column in table.columns):
            return UNREADABLE_TABLE
        return table

    def value_omitted_from_data(self, data, files, name):
        return f"{name}-column-count" not in data


def table_block() -> ReportTableBlock:
    return ReportTableBlock(
        [(COLUMN_TYPE, blocks.CharBlock(required=False, max_length=1000, label=_("Text")))],
        required=False,
    )


class ReportBlockWidget(blocks.BlockWidget):
    def render_with_errors(self, name, value, attrs=None, errors=None, renderer=None):
        if not isinstance(value, TypedTable):
            value = self.block_def.normalize(None)
        return super().render_with_errors(name, value, attrs, errors, renderer)


class ParagraphTableField(blocks.BlockField):
    """An optional table; cleans to a TypedTable with at least one column, or None."""

    def __init__(self, **kwargs):
        block = table_block()
        kwargs.setdefault("required", False)
        super().__init__(block=block, widget=ReportBlockWidget(block), **kwargs)

    def clean(self, value):
        if value is None:
            return None
        if value is UNREADABLE_TABLE:
            raise ValidationError(
                _("The table sent cannot be read. Reload the page and try again."),
                code="unreadable",
            )
        table = super().clean(value)
        return table if table.columns else None

    def bound_data(self, data, initial):
        # A form re-shown after an error keeps the table when none (or garbage) was sent.
        return initial if data is None or data is UNREADABLE_TABLE else data

    def has_changed(self, initial_value, data_value):
        return data_value is not None and initial_value != data_value


def table_html(table: TypedTable | None) -> str:
    """The table as sanitised HTML: caption, a header row when a column has a heading, rows."""
    if table is None or not table.columns:
        return ""
    parts = ["<table>"]
    if table.caption:
        parts.append(f"<caption>{escape(table.caption)}</caption>")
    if any(column["heading"] for column in table.columns):
        headings = "".join(
            f'<th scope="col">{escape(column["heading"])}</th>' for column in table.columns
        )
        parts.append(f"<thead><tr>{headings}</tr></thead>")
    parts.append("<tbody>")
    for row in table.row_data:
        cells = "".join(f"<td>{escape(value or '')}</td>" for value in row["values"])
        parts.append(f"<tr>{cells}</tr>")
    parts.append("</tbody></table>")
    return sanitise("".join(parts))


def _cell_text(cell) -> str:
    return " ".join(cell.get_text(" ").split())


def split_table(html: str) -> tuple[str, TypedTable | None]:
    """The paragraph's text without its (first top-level) table, and that table as the block's
    value; a paragraph without a table comes back unchanged with None."""
    if not html or "<table" not in html:
        return html or "", None
    soup = BeautifulSoup(html, "html.parser")
    element = soup.find("table", recursive=False)
    if element is None:
        return html, None
    element.extract()
    caption = element.find("caption")
    rows = element.find_all("tr")
    headings: list[str] = []
    if rows and (rows[0].find_parent("thead") or not rows[0].find("td")):
        headings = [_cell_text(cell) for cell in rows[0].find_all(["th", "td"])]
        rows = rows[1:]
    body = [[_cell_text(cell) for cell in row.find_all(["th", "td"])] for row in rows]
    width = max([len(headings), *(len(cells) for cells in body)], default=0)
    if width == 0:
        return str(soup).strip(), None
    headings += [""] * (width - len(headings))
    value = {
        "columns": [{"type": COLUMN_TYPE, "heading": heading} for heading in headings],
        "rows": [{"values": cells + [""] * (width - len(cells))} for cells in body],
        "caption": _cell_text(caption) if caption else "",
    }
    return str(soup).strip(), table_block().to_python(value)
