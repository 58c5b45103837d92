"""Writes of the statistics: validating and saving a table of observations, verification marks.

A table is a list of rows, each a mapping with the keys of `COLUMNS` (a questionnaire's
statistics table, a workbook import or a test all give the same shape). Validation looks across
the whole table and the figures already stored: every problem is reported against its row and
column, and nothing is saved unless the whole table is valid.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from monitoring.models import Country
from monitoring.services import fields_assign, record_save
from monitoring.system_text import bilingual_of
from questionnaires import types as question_types
from questionnaires.types.values import parse_count

from . import notifications
from . import system_messages as messages
from .catalogue import seed_catalogue
from .models import DIMENSIONS, Indicator, LegalBasis, Observation

COLUMNS = (
    "indicator",
    "year",
    *DIMENSIONS,
    "value",
    "counted_under",
    "definition_note",
    "source",
    "note",
)
SOURCE_MAX_LENGTH = Observation._meta.get_field("source").max_length
FIRST_YEAR = 1990  # as the observation_year_in_range constraint
JUMP_FACTOR = 5  # a value more than five times the previous year's (or a fifth of it) is flagged


@dataclass(frozen=True)
class CellMessage:
    row: int  # 1-based, as a person reading the table counts
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)s, %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class TableCheck:
    errors: list[CellMessage] = field(default_factory=list)
    warnings: list[CellMessage] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # the cleaned rows, when there is no error
    stored: dict[tuple, int] = field(default_factory=dict)  # stored values by cell key

    @property
    def is_valid(self) -> bool:
        return not self.errors


class TableInvalid(ValidationError):
    """The table was refused; `.check` holds every per-cell message."""

    def __init__(self, check: TableCheck):
        super().__init__([str(error) for error in check.errors])
        self.check = check


def _parse_year(raw) -> tuple[int | None, str | None]:
    text = str(raw if raw is not None else "").strip()
    if not re.fullmatch(r"\d{4}", text):
        return None, _("“%(value)s” is not a year.") % {"value": text}
    if int(text) < FIRST_YEAR:
        return None, _("%(year)s is before %(first)s, the first year figures are kept for.") % {
            "year": text,
            "first": FIRST_YEAR,
        }
    return int(text), None


def cell_key(row: Mapping) -> tuple:
    """(country, indicator, year, *breakdown) of a cleaned row; `_stored` keys alike."""
    return (row["country"].pk, row["indicator"].pk, row["year"], *(row[n] for n in DIMENSIONS))


YEAR = 2  # the year's place in a cell key


def observations_validate(
    *,
    rows: Sequence[Mapping],
    country: Country | None = None,
    reference_years: range | None = None,
    today: datetime.date | None = None,
    row_numbers: Sequence[int] | None = None,
    lock: bool = False,
) -> TableCheck:
    """Check a table against every rule; return cleaned rows, errors and warnings per cell.

    The table is one country's (`country`), or each row names its own (`"country"`, a Country:
    an import of several countries is checked in the same few queries as one). Messages count
    rows from 1, or by `row_numbers` (a spreadsheet's own). `check.stored` gives the figures
    already stored for the cells, read once for the checks (and locked with `lock`)."""
    today = today or datetime.date.today()
    check = TableCheck()
    numbers = list(row_numbers) if row_numbers is not None else range(1, len(rows) + 1)
    codes = {str(row.get("indicator", "")).strip() for row in rows}
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes)}

    cleaned: list[tuple[int, dict]] = []
    for number, raw in zip(numbers, rows, strict=True):
        row_ok = True

        def error(column: str, message: str, number=number) -> None:
            nonlocal row_ok
            row_ok = False
            check.errors.append(CellMessage(number, column, message))

        code = str(raw.get("indicator", "")).strip()
        indicator = indicators.get(code)
        if indicator is None:
            error("indicator", _("Unknown indicator code “%(code)s”.") % {"code": code})
        year, problem = _parse_year(raw.get("year"))
        if problem:
            error("year", problem)
        elif year > today.year:
            error("year", _("%(year)s is in the future.") % {"year": year})
        elif reference_years is not None and year not in reference_years:
            error(
                "year",
                _("%(year)s is outside the round's reference period %(first)s–%(last)s.")
                % {"year": year, "first": reference_years[0], "last": reference_years[-1]},
            )
        breakdown: dict[str, str] = {}
        for name, (_flag, vocabulary) in DIMENSIONS.items():
            value = str(raw.get(name) or "").strip()
            if value and value not in vocabulary.values:
                error(name, _("“%(value)s” is not a known category.") % {"value": value})
            elif value and indicator is not None and not indicator.allows(name):
                error(name, _("This indicator is not broken down by this dimension."))
            breakdown[name] = value
        if sum(bool(v) for v in breakdown.values()) > 1:
            error("value", _("A cell may break the total down by one dimension only."))
        value, problem = parse_count(raw.get("value"), quote=True, required=True)
        if problem:
            error("value", problem)
        counted_under = str(raw.get("counted_under") or "").strip()
        if counted_under and counted_under not in LegalBasis.values:
            error(
                "counted_under",
                _("“%(value)s” is not a known legal basis (use %(choices)s).")
                % {"value": counted_under, "choices": ", ".join(LegalBasis.values)},
            )
        source = str(raw.get("source") or "").strip()
        if len(source) > SOURCE_MAX_LENGTH:
            error("source", _("At most %(limit)s characters.") % {"limit": SOURCE_MAX_LENGTH})
        if row_ok:
            cleaned.append(
                (
                    number,
                    {
                        "country": country or raw["country"],
                        "indicator": indicator,
                        "year": year,
                        **breakdown,
                        "value": value,
                        "counted_under": counted_under,
                        "definition_note": str(raw.get("definition_note") or "").strip(),
                        "source": source,
                        "note": str(raw.get("note") or "").strip(),
                    },
                )
            )

    _check_duplicates(check, cleaned)
    years = {row["year"] for _n, row in cleaned}
    check.stored = _stored(cleaned, years | {year - 1 for year in years}, lock=lock)
    _check_totals(check, cleaned)
    _check_jumps(check, cleaned)
    if check.is_valid:
        check.rows = [row for _number, row in cleaned]
    return check


def _check_duplicates(check: TableCheck, cleaned: list[tuple[int, dict]]) -> None:
    seen: dict[tuple, int] = {}
    for number, row in cleaned:
        key = cell_key(row)
        if key in seen:
            check.errors.append(
                CellMessage(
                    number, "value", _("Row %(row)s already gives this cell.") % {"row": seen[key]}
                )
            )
        seen.setdefault(key, number)


def _stored(cleaned: list[tuple[int, dict]], years: set[int], *, lock: bool) -> dict:
    """Stored values of the same countries, indicators and years (one query), by cell key."""
    if not cleaned:
        return {}
    stored = Observation.objects.filter(
        country_id__in={row["country"].pk for _n, row in cleaned},
        indicator_id__in={row["indicator"].pk for _n, row in cleaned},
        year__in=years,
    )
    if lock:
        stored = stored.select_for_update()
    return {
        (o["country_id"], o["indicator_id"], o["year"], *(o[n] for n in DIMENSIONS)): o["value"]
        for o in stored.values("country_id", "indicator_id", "year", *DIMENSIONS, "value")
    }


def _check_totals(check: TableCheck, cleaned: list[tuple[int, dict]]) -> None:
    """A breakdown cell never exceeds its total; the sexes add up to the total when all given.

    The total may come from this table or from what is already stored (a table that only adds
    the breakdown of an earlier total is checked against it)."""
    stored = check.stored
    given = {cell_key(row): (number, row["value"]) for number, row in cleaned}
    blank = ("",) * len(DIMENSIONS)
    sexes: dict[tuple, list[int]] = defaultdict(list)
    for number, row in cleaned:
        set_dimensions = [name for name in DIMENSIONS if row[name]]
        if not set_dimensions:
            continue
        total_key = (*cell_key(row)[: YEAR + 1], *blank)
        total = given.get(total_key, (None, stored.get(total_key)))[1]
        if total is not None and row["value"] > total:
            check.errors.append(
                CellMessage(
                    number,
                    "value",
                    _("%(value)s is larger than the total %(total)s.")
                    % {"value": row["value"], "total": total},
                )
            )
        if set_dimensions == ["sex"]:
            sexes[total_key].append(number)
    for total_key, numbers in sexes.items():
        values = {}
        for sex in ("F", "M"):
            key = (*total_key[: YEAR + 1], sex, *("",) * (len(DIMENSIONS) - 1))
            values[sex] = given.get(key, (None, stored.get(key)))[1]
        total = given.get(total_key, (None, stored.get(total_key)))[1]
        if total is not None and None not in values.values() and sum(values.values()) != total:
            check.errors.append(
                CellMessage(
                    numbers[-1],
                    "value",
                    _("Women and men add up to %(sum)s, but the total is %(total)s.")
                    % {"sum": sum(values.values()), "total": total},
                )
            )


def _check_jumps(check: TableCheck, cleaned: list[tuple[int, dict]]) -> None:
    """More than x5 (or less than a fifth) against the previous year: a warning, not an error."""
    given = {cell_key(row): row["value"] for _number, row in cleaned}
    for number, row in cleaned:
        key = list(cell_key(row))
        key[YEAR] -= 1
        before = given.get(tuple(key), check.stored.get(tuple(key)))
        if not before or not row["value"]:
            continue
        ratio = row["value"] / before
        if ratio > JUMP_FACTOR or ratio < 1 / JUMP_FACTOR:
            check.warnings.append(
                CellMessage(
                    number,
                    "value",
                    _("%(value)s against %(before)s the year before: please check the figure.")
                    % {"value": row["value"], "before": before},
                )
            )


def observations_save(
    *,
    country: Country,
    rows: Sequence[Mapping],
    response=None,
    reference_years: range | None = None,
    user=None,
    is_demonstration: bool = False,
) -> TableCheck:
    """Validate the table and, only if all of it is valid, store it in one transaction.

    An existing cell is updated (its verification mark goes back to unverified when the value
    changes). Raises `TableInvalid` with the per-cell messages; nothing is saved then."""
    check = observations_validate(country=country, rows=rows, reference_years=reference_years)
    if not check.is_valid:
        raise TableInvalid(check)
    with transaction.atomic(), reversion.create_revision():
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment(
            messages.FIGURES_SAVED.encode(
                count=len(check.rows), country=bilingual_of(country, "name")
            )
        )
        observations_store(check=check, response=response, is_demonstration=is_demonstration)
    return check


def observations_store(*, check: TableCheck, response=None, is_demonstration: bool = False) -> int:
    """Store the cleaned rows of a valid `check` (from `observations_validate`, in the same
    transaction): the existing cells are read and locked in one query, then each cell is saved
    (so that django-reversion records it). Returns how many cells were saved."""
    if not check.is_valid:
        raise TableInvalid(check)
    with transaction.atomic():
        existing = {
            _stored_key(o): o
            for o in Observation.objects.select_for_update().filter(
                country__in={row["country"] for row in check.rows},
                indicator__in={row["indicator"] for row in check.rows},
                year__in={row["year"] for row in check.rows},
            )
        }
        for row in check.rows:
            observation = existing.get(cell_key(row))
            if observation is None:
                observation = Observation(
                    country=row["country"],
                    indicator=row["indicator"],
                    year=row["year"],
                    **{name: row[name] for name in DIMENSIONS},
                )
            elif observation.value != row["value"]:
                observation.status = Observation.Status.UNVERIFIED
            observation.value = row["value"]
            observation.source = row["source"] or observation.source
            observation.note = row["note"] or observation.note
            observation.counted_under = row["counted_under"] or observation.counted_under
            observation.definition_note = row["definition_note"] or observation.definition_note
            observation.response = response or observation.response
            observation.is_demonstration = is_demonstration
            # The cell's uniqueness was settled by the lookup above, under lock.
            observation.full_clean(validate_unique=False, validate_constraints=False)
            observation.save()
    return len(check.rows)


def _stored_key(observation: Observation) -> tuple:
    return (
        observation.country_id,
        observation.indicator_id,
        observation.year,
        *(getattr(observation, n) for n in DIMENSIONS),
    )


def observation_mark(
    *, observation: Observation, status: str, user=None, query: str = ""
) -> Observation:
    """Verified, questioned (with the query back to the contact person) or estimated."""
    if status not in Observation.Status.values:
        raise ValidationError(_("Unknown verification status."))
    if status == Observation.Status.QUESTIONED and not query.strip():
        raise ValidationError({"query": _("Say what is questioned, for the contact person.")})
    with transaction.atomic(), reversion.create_revision():
        observation.status = status
        observation.query = query.strip() if status == Observation.Status.QUESTIONED else ""
        observation.status_changed_by = user
        observation.full_clean()
        observation.save()
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment(messages.MARKED.encode(status=observation.status))
        if status == Observation.Status.QUESTIONED:
            transaction.on_commit(
                lambda: notifications.send_observation_query.enqueue(observation_id=observation.pk)
            )
    return observation


INDICATOR_FIELDS = (
    "code",
    "name_en",
    "name_ru",
    "definition_en",
    "definition_ru",
    "unit",
    "legal_basis",
    "legal_basis_note",
    "source_type",
    "by_sex",
    "by_age_group",
    "by_exploitation_form",
    "by_citizenship",
    "by_proceedings_stage",
    "suppress_small_counts",
    "suppression_threshold",
    "position",
)


def indicator_create(*, actor, **fields: object) -> Indicator:
    """A new indicator of the catalogue; `fields` are among INDICATOR_FIELDS."""
    indicator = Indicator()
    fields_assign(indicator, fields, editable=INDICATOR_FIELDS)
    return record_save(indicator, actor=actor, comment=messages.INDICATOR_ADDED.encode())


def indicator_update(*, indicator: Indicator, actor, **fields: object) -> Indicator:
    """Change an indicator. Once figures are stored its unit stays: a count of persons would
    otherwise be read as a number of cases (and lose its small-count suppression)."""
    stored = Indicator.objects.get(pk=indicator.pk)
    fields_assign(indicator, fields, editable=INDICATOR_FIELDS)
    if indicator.unit != stored.unit and stored.observations.exists():
        raise ValidationError(
            {"unit": _("Figures are stored for this indicator: its unit can no longer change.")}
        )
    return record_save(indicator, actor=actor, comment=messages.INDICATOR_CHANGED.encode())


def catalogue_seed() -> int:
    """Create the missing core indicators (idempotent)."""
    return seed_catalogue(Indicator)


def rows_from(observations: Iterable[Observation]) -> list[dict]:
    """Stored observations back in the table shape (for tests and re-validation)."""
    return [
        {
            "indicator": o.indicator.code,
            "year": o.year,
            **{name: getattr(o, name) for name in DIMENSIONS},
            "value": o.value,
        }
        for o in observations
    ]


# --- From a questionnaire's statistics tables ---------------------------------------------------


def table_binding_rows(*, question, value: Mapping) -> tuple[list[dict], range | None]:
    """The observation rows a bound statistics-table answer gives, and its years.

    A table question is bound to an indicator in its settings (`Question.config`):
    `"indicator": "<code>"` and `"indicator_columns": {"<column key>": {<dimension>: <value>}}`.
    A column bound to `{}` is the total; a column may carry two dimensions (for example girls =
    `{"sex": "F", "age_group": "child"}`): each dimension's cells are then summed into one
    observation per value (all girls and women: sex F), but only for a year where every column
    of that value is given. Rows must be years (`year_range`)."""
    config = question.config or {}
    code = config.get("indicator")
    columns: dict[str, dict] = config.get("indicator_columns") or {}
    year_range = config.get("year_range")
    if not code or not columns or not year_range:
        return [], None
    years = range(year_range[0], year_range[1] + 1)
    cells: Mapping[str, int] = (value or {}).get("cells") or {}
    rows: list[dict] = []
    for year in years:
        sums: dict[tuple[str, str], int | None] = {}
        for column, breakdown in columns.items():
            cell = cells.get(f"{year}:{column}")
            targets = [("", "")] if not breakdown else list(breakdown.items())
            for target in targets:
                if cell is None:
                    sums[target] = None
                elif target not in sums or sums[target] is not None:
                    sums[target] = (sums.get(target) or 0) + cell
        for (dimension, category), number in sums.items():
            if number is None:
                continue
            row = {"indicator": code, "year": year, "value": number}
            if dimension:
                row[dimension] = category
            rows.append(row)
    return rows, years


def observations_from_response(*, response, user=None) -> TableCheck:
    """Turn a submitted response's bound statistics tables into observations, all or nothing.
    Confidential answers (or a confidential response) give none: observations can be published.

    Years outside the round's reference period are refused (outside the tables' own years when
    the round has none)."""
    from questionnaires.models import Response

    if response.status != Response.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted response gives observations."))
    rows: list[dict] = []
    years: list[int] = []
    if response.is_confidential:  # an NGO's confidential reply never becomes public figures
        return TableCheck()
    for answer in response.answers.select_related("question").filter(
        question__question_type__in=question_types.statistics_types(), is_confidential=False
    ):
        table_rows, table_years = table_binding_rows(question=answer.question, value=answer.value)
        rows += table_rows
        years += list(table_years or [])
    reference = response.evaluation.round.reference_years or (
        range(min(years), max(years) + 1) if years else None
    )
    return observations_save(
        country=response.evaluation.country,
        rows=rows,
        response=response,
        reference_years=reference,
        user=user,
    )
