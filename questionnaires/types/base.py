"""What every question type offers: `AnswerType`, and the small helpers the types share."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from monitoring.i18n import active_language


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


def field_text(data, name: str) -> str:
    return (data.get(name) or "").strip()


class AnswerType:
    """One question type's behaviour. Answers arrive as flat string fields (an HTML form, an
    autosave request, or a workbook mapped to the same names): field names start with the
    question's prefix `q<pk>`."""

    key: str = ""
    #: saved through the answer form (False: the answer is made elsewhere, e.g. uploads)
    form_saved: bool = True
    #: answered by uploading files (monitoring.uploads), one at a time
    takes_files: bool = False
    #: a grid of counts: statistics, tidy exports, the reading room's aggregation
    statistics: bool = False

    # --- the answer ---------------------------------------------------------------------

    def config_errors(self, config: dict) -> list[str]:
        return []

    def parse(self, question, data) -> Parsed:
        raise NotImplementedError

    def is_answered(self, value: dict) -> bool:
        raise NotImplementedError

    def as_text(self, question, value: dict) -> str:
        raise NotImplementedError

    # --- the portal's widget ------------------------------------------------------------

    @property
    def widget_template(self) -> str:
        return f"questionnaires/portal/widgets/{self.key}.html"

    def widget_layout(self, question, value: dict, errors: dict) -> dict | None:
        """What the widget's template needs beyond the stored value (None: nothing)."""
        return None

    # --- reading (admin, PDF, exports) ---------------------------------------------------

    def display(self, question, value: dict) -> dict:
        """Extra fields of `reading.AnswerDisplay` (a table, entries) for this answer."""
        return {}

    # --- the offline workbook -----------------------------------------------------------

    def hint(self, question) -> str:
        """The workbook's one-line instruction above the answer cells."""
        return ""

    def write_cells(self, writer, first: int, question, value: dict) -> int:
        """Write the answer cells from row `first` (offline.cells.SheetWriter); return the
        first row after them."""
        raise NotImplementedError

    def read_cells(self, block, question):
        """Fill `block` (offline.cells.Block) with the form fields its cells hold; return it,
        or None when the question is not read back."""
        return None

    @staticmethod
    def required_hint(question, hint: str) -> str:
        return hint + " " + _("Required.") if question.required else hint
