"""Reads for the expert group's reading room: one response with every answer, one question
compared across countries, and a statistics table aggregated across countries.

Every query is scoped through monitoring.access; the same displays feed the admin pages, the
read-only PDF and the exports, so what is read, printed and downloaded is the same data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from monitoring import access

from . import selectors, types
from .models import Answer, Question, Response, Section
from .types.repeating import EntriesDisplay
from .types.table import TableDisplay, TableRowDisplay, year_heading  # noqa: F401

# --- one answer, ready to show ---------------------------------------------------------------


@dataclass
class AnswerDisplay:
    question: Question
    answer: Answer | None
    text: str
    table: TableDisplay | None = None
    entries: EntriesDisplay | None = None

    @property
    def answered(self) -> bool:
        return self.answer is not None and types.is_answered(self.question, self.answer.value)

    @property
    def confidential(self) -> bool:
        return bool(self.answer and self.answer.is_confidential)


def table_cell_value(question: Question, cells: dict, row_key: str, column_key: str) -> int | None:
    """A stored cell; a missing total is the sum of its parts when every part is given (the
    parser guarantees that a given total equals that sum)."""
    value = cells.get(f"{row_key}:{column_key}")
    if value is not None:
        return value
    config = question.config
    kind = types.TABLE
    if column_key == config.get("total_column"):
        parts = [
            cells.get(f"{row_key}:{c['key']}")
            for c in kind.columns(config)
            if c["key"] != column_key
        ]
        if parts and all(part is not None for part in parts):
            return sum(parts)
    if row_key == config.get("total_row"):
        parts = [
            cells.get(f"{r['key']}:{column_key}") for r in kind.rows(config) if r["key"] != row_key
        ]
        if parts and all(part is not None for part in parts):
            return sum(parts)
    return None


def answer_display(question: Question, answer: Answer | None) -> AnswerDisplay:
    value = answer.value if answer else {}
    kind = types.answer_type(question)
    return AnswerDisplay(
        question,
        answer,
        types.as_text(question, value),
        **kind.display(question, value or {}),
    )


# --- one response ---------------------------------------------------------------------------


@dataclass
class SectionReading:
    section: Section
    items: list[AnswerDisplay] = field(default_factory=list)


def ordered_questions(response: Response) -> QuerySet[Question]:
    return (
        selectors.questions_for(response)
        .select_related("section")
        .order_by("section__sort_order", "section__pk", "sort_order", "pk")
    )


def visible_answers(user, response: Response) -> dict[int, Answer]:
    answers = access.visible(user, Answer).filter(response=response).select_related("updated_by")
    return {answer.question_id: answer for answer in answers}


def response_reading(user, response: Response) -> list[SectionReading]:
    """Every question of the response, section by section, with the answers `user` may read."""
    answers = visible_answers(user, response)
    sections: dict[int, SectionReading] = {}
    for question in ordered_questions(response):
        reading = sections.setdefault(question.section_id, SectionReading(question.section))
        reading.items.append(answer_display(question, answers.get(question.pk)))
    return list(sections.values())


# --- one question across countries ----------------------------------------------------------


def comparable_questions(question: Question) -> QuerySet[Question]:
    """The same question (same code and type) in every version of the questionnaire of the
    question's round and audience; a country's follow-up question only matches itself."""
    if question.country_id is not None:
        return Question.objects.filter(pk=question.pk).select_related("section")
    questionnaire = question.section.questionnaire
    return Question.objects.filter(
        Q(country__isnull=True),
        code=question.code,
        question_type=question.question_type,
        section__questionnaire__round_id=questionnaire.round_id,
        section__questionnaire__audience=questionnaire.audience,
    ).select_related("section")


@dataclass
class ComparisonColumn:
    response: Response
    display: AnswerDisplay

    @property
    def confidential(self) -> bool:
        return self.display.confidential or self.response.is_confidential


def _country_name(response: Response) -> str:
    return str(response.evaluation.country.name)


def question_comparison(user, question: Question) -> list[ComparisonColumn]:
    """One column per visible response (country, then organisation): three queries whatever
    the number of countries."""
    by_questionnaire = {q.section.questionnaire_id: q for q in comparable_questions(question)}
    responses = sorted(
        selectors.responses_for(user).filter(questionnaire_id__in=by_questionnaire),
        key=lambda r: (
            _country_name(r),
            not r.organisation.is_national_government,
            str(r.organisation.name),
        ),
    )
    answers = {
        (a.response_id, a.question_id): a
        for a in access.visible(user, Answer).filter(
            question_id__in=[q.pk for q in by_questionnaire.values()],
            response_id__in=[r.pk for r in responses],
        )
    }
    columns = []
    for response in responses:
        sibling = by_questionnaire[response.questionnaire_id]
        columns.append(
            ComparisonColumn(
                response, answer_display(sibling, answers.get((response.pk, sibling.pk)))
            )
        )
    return columns


# --- statistics across countries ------------------------------------------------------------


@dataclass
class Series:
    key: str  # the country's ISO code
    label: str


@dataclass
class StatisticsRow:
    key: str
    label: str
    values: list[int | None]

    @property
    def total(self) -> int | None:
        known = [value for value in self.values if value is not None]
        return sum(known) if known else None

    @property
    def complete(self) -> bool:
        return all(value is not None for value in self.values)


@dataclass
class StatisticsTable:
    question: Question
    column: dict
    columns: list[dict]
    series: list[Series]
    rows: list[StatisticsRow]
    row_heading: str = ""

    @property
    def column_label(self) -> str:
        return types.label(self.column)

    @property
    def column_choices(self) -> list[tuple[str, str]]:
        return [(c["key"], types.label(c)) for c in self.columns]

    @property
    def has_values(self) -> bool:
        return any(value is not None for row in self.rows for value in row.values)


def table_statistics(user, question: Question, column_key: str | None = None) -> StatisticsTable:
    """A statistics-table question per row (year) and country, for one breakdown column (by
    default the total). A country's figure is the sum over its responses; a missing figure stays
    missing (None), never zero."""
    kind = types.TABLE
    config = question.config
    columns = kind.columns(config)
    keys = [c["key"] for c in columns]
    if column_key not in keys:
        column_key = config.get("total_column") or keys[0]
    column = columns[keys.index(column_key)]
    rows = kind.rows(config)
    by_questionnaire = {q.section.questionnaire_id: q for q in comparable_questions(question)}
    responses = list(selectors.responses_for(user).filter(questionnaire_id__in=by_questionnaire))
    answers = {
        a.response_id: a
        for a in access.visible(user, Answer).filter(
            question_id__in=[q.pk for q in by_questionnaire.values()],
            response_id__in=[r.pk for r in responses],
        )
    }
    countries: dict[str, Series] = {}
    figures: dict[tuple[str, str], list[int]] = defaultdict(list)
    for response in responses:
        country = response.evaluation.country
        countries.setdefault(country.iso_code, Series(country.iso_code, str(country.name)))
        answer = answers.get(response.pk)
        if answer is None:
            continue
        sibling = by_questionnaire[response.questionnaire_id]
        cells = (answer.value or {}).get("cells", {})
        for row in rows:
            value = table_cell_value(sibling, cells, row["key"], column_key)
            if value is not None:
                figures[(row["key"], country.iso_code)].append(value)
    series = sorted(countries.values(), key=lambda s: s.label)
    return StatisticsTable(
        question=question,
        column=column,
        columns=columns,
        series=series,
        rows=[
            StatisticsRow(
                key=row["key"],
                label=types.label(row),
                values=[
                    sum(figures[(row["key"], s.key)]) if figures.get((row["key"], s.key)) else None
                    for s in series
                ],
            )
            for row in rows
        ],
        row_heading=year_heading() if config.get("year_range") else "",
    )
