"""Exports for the expert group: one response (XLSX, CSV, PDF), a whole round (XLSX, one sheet
per question type) and every statistics-table answer as tidy CSV.

Only staff readers (secretariat, experts) export; every row comes through monitoring.access, so
confidential NGO answers reach the expert group and nobody else. Spreadsheets never receive a
formula from an answer, and CSV cells that a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation_rounds.models import EvaluationRound
from monitoring import access
from monitoring.i18n import active_language
from monitoring.spreadsheets import safe_row, workbook_bytes

from . import pdf, reading, selectors, types
from .models import Answer, Question, Questionnaire, QuestionType, Response

TIDY_COLUMNS = ["country", "organisation", "year", "indicator", "breakdown", "value"]
TIDY_TABLE_COLUMNS = [
    "country",
    "organisation",
    "year",
    "indicator",
    "question",
    "breakdown",
    "value",
]


def _csv(header: list[str], rows: Iterable[Iterable]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(safe_row(row))
    return buffer.getvalue()


def _naive(moment):
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


@lru_cache(maxsize=8)
def _labels(language: str) -> dict[str, dict[str, str]]:
    """Choice labels as plain strings, once per language: a lazy label per row is slow."""
    return {
        "type": {key: str(label) for key, label in QuestionType.choices},
        "audience": {key: str(label) for key, label in Questionnaire.Audience.choices},
    }


# --- rows -------------------------------------------------------------------------------------


@dataclass
class AnswerRow:
    country: str
    organisation: str
    audience: str
    section: str
    code: str
    question: str
    question_type: str
    answer: str
    confidential: bool
    late: bool
    saved: object


def _headers() -> list[str]:
    return [
        _("Country"),
        _("Organisation"),
        _("Audience"),
        _("Section"),
        _("Code"),
        _("Question"),
        _("Type"),
        _("Answer"),
        _("Confidential"),
        _("Saved late"),
        _("Saved"),
    ]


def _answer_row(response: Response, question: Question, answer: Answer | None) -> AnswerRow:
    labels = _labels(active_language())
    return AnswerRow(
        country=response.evaluation.country.iso_code,
        organisation=str(response.organisation.name),
        audience=labels["audience"][response.questionnaire.audience],
        section=question.section.number,
        code=question.code,
        question=str(question.text),
        question_type=labels["type"][question.question_type],
        answer=types.as_text(question, answer.value) if answer else "",
        confidential=bool(answer and answer.is_confidential) or response.is_confidential,
        late=bool(answer and answer.is_late),
        saved=_naive(answer.updated_at) if answer else None,
    )


def _row_values(row: AnswerRow, *, for_csv: bool = False) -> list:
    yes, no = (_("yes"), _("no")) if for_csv else (True, False)
    saved = row.saved
    if for_csv and saved is not None:
        saved = saved.strftime("%Y-%m-%d %H:%M")
    return [
        row.country,
        row.organisation,
        row.audience,
        row.section,
        row.code,
        row.question,
        row.question_type,
        row.answer,
        yes if row.confidential else no,
        yes if row.late else no,
        saved,
    ]


def tidy_rows(
    response: Response, question: Question, answer: Answer | None
) -> list[tuple[str, str, str, str, str, int]]:
    """(country, organisation, year/row, indicator = question code, breakdown = column, value)
    for every figure given in a statistics table."""
    if answer is None or not types.is_statistics(question):
        return []
    table = types.TABLE
    cells = (answer.value or {}).get("cells", {})
    rows = []
    for row in table.rows(question.config):
        for column in table.columns(question.config):
            value = cells.get(f"{row['key']}:{column['key']}")
            if value is not None:
                rows.append(
                    (
                        response.evaluation.country.iso_code,
                        str(response.organisation.name),
                        row["key"],
                        question.code,
                        column["key"],
                        value,
                    )
                )
    return rows


def _entries_rows(response: Response, question: Question, answer: Answer | None) -> list[list]:
    if answer is None:
        return []
    display = reading.answer_display(question, answer)
    if display.entries is None:
        return []
    return [
        [
            response.evaluation.country.iso_code,
            str(response.organisation.name),
            question.code,
            number,
            column,
            value,
        ]
        for number, entry in enumerate(display.entries.rows, start=1)
        for column, value in zip(display.entries.columns, entry, strict=True)
        if value
    ]


# --- one response -------------------------------------------------------------------------


def _response_items(user, response: Response) -> list[tuple[Question, Answer | None]]:
    answers = reading.visible_answers(user, response)
    return [(q, answers.get(q.pk)) for q in reading.ordered_questions(response)]


def response_csv(*, user, response: Response) -> str:
    access.require_staff_reader(user)
    items = _response_items(user, response)
    return _csv(
        _headers(),
        (_row_values(_answer_row(response, q, a), for_csv=True) for q, a in items),
    )


def response_xlsx(*, user, response: Response) -> bytes:
    access.require_staff_reader(user)
    items = _response_items(user, response)
    frames = {
        _("Answers"): pd.DataFrame(
            [_row_values(_answer_row(response, q, a)) for q, a in items], columns=_headers()
        ),
        _("Statistics"): pd.DataFrame(
            [row for q, a in items for row in tidy_rows(response, q, a)], columns=TIDY_COLUMNS
        ),
        _("Entries"): pd.DataFrame(
            [row for q, a in items for row in _entries_rows(response, q, a)],
            columns=[
                _("Country"),
                _("Organisation"),
                _("Code"),
                _("Entry"),
                _("Column"),
                _("Value"),
            ],
        ),
    }
    return workbook_bytes(frames)


def response_pdf(*, user, response: Response) -> bytes:
    access.require_staff_reader(user)
    return pdf.response_pdf(response=response, user=user)


# --- a whole round --------------------------------------------------------------------------


def _round_items(user, round_: EvaluationRound | None):
    """(response, question, answer) for every question of every visible response: 3 queries."""
    responses = list(
        selectors.responses_for(user)
        .filter(**({"questionnaire__round": round_} if round_ else {}))
        .order_by("evaluation__country__iso_code", "organisation__name_en", "pk")
    )
    questions: dict[int, list[Question]] = {}
    for question in (
        Question.objects.filter(
            section__questionnaire_id__in={r.questionnaire_id for r in responses}
        )
        .select_related("section")
        .order_by("section__sort_order", "section__pk", "sort_order", "pk")
    ):
        questions.setdefault(question.section.questionnaire_id, []).append(question)
    answers = {
        (a.response_id, a.question_id): a
        for a in access.visible(user, Answer).filter(response_id__in=[r.pk for r in responses])
    }
    for response in responses:
        country_id = response.evaluation.country_id
        for question in questions.get(response.questionnaire_id, []):
            if question.country_id is not None and question.country_id != country_id:
                continue
            yield response, question, answers.get((response.pk, question.pk))


def round_xlsx(*, user, round_: EvaluationRound) -> bytes:
    """One sheet per question type; one row per (country, organisation, question) with the
    answer as text; statistics tables in tidy form, one row per figure."""
    access.require_staff_reader(user)
    by_type: dict[str, list] = {}
    for response, question, answer in _round_items(user, round_):
        rows = by_type.setdefault(question.question_type, [])
        if types.is_statistics(question):
            rows += [
                [country, organisation, year, code, str(question.text), breakdown, value]
                for country, organisation, year, code, breakdown, value in tidy_rows(
                    response, question, answer
                )
            ]
        else:
            rows.append(_row_values(_answer_row(response, question, answer)))
    frames = {}
    for kind in QuestionType:
        if kind.value not in by_type:
            continue
        columns = TIDY_TABLE_COLUMNS if types.TYPES[kind.value].statistics else _headers()
        frames[str(kind.label)] = pd.DataFrame(by_type[kind.value], columns=columns)
    if not frames:
        frames[_("Answers")] = pd.DataFrame([], columns=_headers())
    return workbook_bytes(frames)


def statistics_rows(*, user, round_: EvaluationRound | None = None) -> list[tuple]:
    access.require_staff_reader(user)
    return [
        row
        for response, question, answer in _round_items(user, round_)
        if types.is_statistics(question)
        for row in tidy_rows(response, question, answer)
    ]


def statistics_csv(*, user, round_: EvaluationRound | None = None) -> str:
    """Every statistics-table figure: country, organisation, year, indicator, breakdown, value."""
    return _csv(TIDY_COLUMNS, statistics_rows(user=user, round_=round_))
