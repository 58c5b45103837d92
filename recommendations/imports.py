"""Import recommendations kept elsewhere (CSV or XLSX) into existing reports (columns:
docs/api.md).

Every row is checked before anything is written, and every error is reported with its row and
column. Only a file without errors is imported, in one transaction and one revision, through
`services.recommendation_create` and `services.assessment_record`, so permissions, numbering,
the frozen state of published reports and versioning are the same as in the editor.

Decisions: the target report must be editable (a draft, or a published report with a correction
open); a status (which records an assessment) needs a published report, since follow-up starts
at publication; a number, when given, must be free in the report, and a blank number takes the
next one, fixed at preview time so that confirming twice cannot create anything twice.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from monitoring import access, table_upload
from monitoring.models import Country, Organisation
from recommendations.models.recommendations import sdg_target_validator
from reports.models import Paragraph, Report

from . import articles, exports, services, system_messages, wording
from .models import AssessmentStatus, Recommendation, Theme

COLUMNS = [  # (name, required)
    ("country_iso", True),
    ("round", True),
    ("report_kind", False),
    ("number", False),
    ("paragraph_number", True),
    ("strength", True),
    ("text_en", False),
    ("text_ru", False),
    ("themes", False),
    ("convention_articles", False),
    ("addressees", False),
    ("sdg_target", False),
    ("status", False),
    ("status_assessed_on", False),
    ("status_reasoning", False),
]
KNOWN = {name for name, _required in COLUMNS}
IGNORED = set(exports.COLUMNS) - KNOWN  # an export can be edited and imported back
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
SEPARATOR = re.compile(r"\s*;\s*")


@dataclass(frozen=True)
class RowError:
    row: int | None  # the spreadsheet's row number (the header is row 1)
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return f"{self.column}: {self.message}" if self.column else self.message
        return _("Row %(row)s, %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class PlannedRecommendation:
    row: int
    report: Report
    paragraph: Paragraph
    number: int
    strength: str
    text_en: str
    text_ru: str
    themes: list[str]
    convention_articles: str
    addressees: list[Organisation]
    sdg_target: str
    status: str = ""
    assessed_on: date | None = None
    reasoning: str = ""
    raw: dict = field(default_factory=dict)
    lead_ins_added: list[str] = field(default_factory=list)  # "The expert group urges …"

    @property
    def notes(self) -> list[str]:
        return [
            _("Lead-in added: “%(lead_in)s …”") % {"lead_in": text} for text in self.lead_ins_added
        ]


@dataclass
class ImportPlan:
    items: list[PlannedRecommendation] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def by_report(self) -> list[tuple[Report, list[PlannedRecommendation]]]:
        grouped: dict[int, list[PlannedRecommendation]] = defaultdict(list)
        for item in self.items:
            grouped[item.report.pk].append(item)
        return [(items[0].report, items) for items in grouped.values()]

    def confirmed_rows(self) -> list[dict]:
        """The rows with their numbers fixed, to keep (JSON) until the import is confirmed."""
        return [{**item.raw, "number": str(item.number)} for item in self.items]


def too_large() -> str:
    return table_upload.too_large(MAX_BYTES)


def read_file(uploaded) -> list[dict]:
    """The rows of an uploaded CSV or XLSX file (see monitoring.table_upload.read_table)."""
    return table_upload.read_table(
        uploaded, columns=COLUMNS, ignored=IGNORED, max_bytes=MAX_BYTES, max_rows=MAX_ROWS
    )


# --- checking -----------------------------------------------------------------------------------


MAX_NUMBER = 2_147_483_647  # the largest number the database's integer columns hold


def _whole_number(value: str) -> int | None:
    """ "12", and "12.0" as spreadsheets write it; None for anything else, and for a number
    too large to be a round, a paragraph or a recommendation."""
    if re.fullmatch(r"[0-9]{1,10}(\.0+)?", value):
        number = int(value.split(".")[0])
        return number if 0 < number <= MAX_NUMBER else None
    return None


def _date(value: str) -> date | None:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(value[:10], pattern).date()
        except ValueError:
            continue
    return None


class _Context:
    """Everything the rows refer to, loaded in a few queries for the whole file."""

    def __init__(self, rows: list[dict], *, lock: bool):
        isos = {row["country_iso"].upper() for row in rows}
        self.countries = {c.iso_code: c for c in Country.objects.filter(iso_code__in=isos)}
        reports = Report.objects.filter(evaluation__country__iso_code__in=isos).select_related(
            "evaluation__country", "evaluation__round"
        )
        if lock:  # numbers are checked again under the lock the services take
            reports = reports.select_for_update(of=("self",))
        self.reports: dict[tuple, list[Report]] = defaultdict(list)
        for report in reports:
            key = (report.evaluation.country.iso_code, report.evaluation.round.number, report.kind)
            self.reports[key].append(report)
        report_ids = [r.pk for group in self.reports.values() for r in group]
        self.paragraphs: dict[tuple[int, int], Paragraph] = {}
        for paragraph in Paragraph.objects.filter(chapter__report_id__in=report_ids).select_related(
            "chapter__report__evaluation"
        ):
            self.paragraphs[paragraph.chapter.report_id, paragraph.number] = paragraph
        self.numbers: dict[int, set[int]] = defaultdict(set)
        for report_id, number in Recommendation.objects.filter(
            report_id__in=report_ids
        ).values_list("report_id", "number"):
            self.numbers[report_id].add(number)
        self.organisations: dict[int, dict[str, Organisation]] = defaultdict(dict)
        for organisation in Organisation.objects.filter(country__iso_code__in=isos):
            names = self.organisations[organisation.country_id]
            for key in (str(organisation.pk), organisation.name_en, organisation.name_ru):
                if key:
                    names[key.casefold()] = organisation


def _check_row(row: dict, context: _Context, errors: list[RowError]):
    """A planned recommendation for the row (number still None if blank), or None."""
    n = row["row"]
    found: list[RowError] = []

    def error(column: str, message: str) -> None:
        found.append(RowError(n, column, message))

    iso = row["country_iso"].upper()
    country = context.countries.get(iso)
    if not iso:
        error("country_iso", _("Give the country's ISO code, for example KZ."))
    elif country is None:
        error("country_iso", _("Unknown country: %(value)s") % {"value": row["country_iso"]})
    round_number = _whole_number(row["round"])
    if round_number is None:
        error("round", _("Give the round as a whole number, for example 1."))
    kind = (row["report_kind"] or Report.Kind.EVALUATION).lower()
    if kind not in Report.Kind.values:
        error(
            "report_kind",
            _("Unknown report kind: %(value)s (use %(choices)s)")
            % {"value": row["report_kind"], "choices": ", ".join(Report.Kind.values)},
        )
    report = None
    if country and round_number and kind in Report.Kind.values:
        matches = context.reports.get((iso, round_number, kind), [])
        if not matches:
            error(
                "round",
                _("%(country)s has no %(kind)s report in round %(round)s.")
                % {"country": iso, "kind": kind, "round": round_number},
            )
        elif len(matches) > 1:
            error(
                "report_kind",
                _("Several %(kind)s reports match; this import cannot tell them apart.")
                % {"kind": kind},
            )
        elif matches[0].is_published and not matches[0].correction_open:
            error(
                "round",
                _("The report is published and frozen. Open a correction before importing."),
            )
        else:
            report = matches[0]

    number = None
    if row["number"]:
        number = _whole_number(row["number"])
        if number is None:
            error("number", _("Give the number as a whole number, or leave it blank."))
        elif report and number in context.numbers[report.pk]:
            error(
                "number",
                _("Recommendation %(number)s already exists in this report.") % {"number": number},
            )
    paragraph = None
    paragraph_number = _whole_number(row["paragraph_number"])
    if paragraph_number is None:
        error("paragraph_number", _("Give the paragraph's number as a whole number."))
    elif report:
        paragraph = context.paragraphs.get((report.pk, paragraph_number))
        if paragraph is None:
            error(
                "paragraph_number",
                _("The report has no paragraph %(number)s.") % {"number": paragraph_number},
            )
    strength = row["strength"].lower()
    if not strength:
        error("strength", _("Give the strength: urges, considers or invites."))
    elif strength not in Recommendation.Strength.values:
        error(
            "strength",
            _("Unknown strength: %(value)s (use urges, considers or invites)")
            % {"value": row["strength"]},
        )
    if not (row["text_en"] or row["text_ru"]):
        error("text_en", _("Write the recommendation in at least one language."))
    themes = [t.lower() for t in SEPARATOR.split(row["themes"]) if t] if row["themes"] else []
    for theme in themes:
        if theme not in Theme.values:
            error(
                "themes",
                _("Unknown theme: %(value)s (use %(choices)s)")
                % {"value": theme, "choices": ", ".join(Theme.values)},
            )
    if len(row["convention_articles"]) > 200:
        error("convention_articles", _("At most 200 characters."))
    else:
        try:
            row["convention_articles"] = articles.parse(row["convention_articles"])
        except ValidationError as refused:
            error("convention_articles", " ".join(refused.messages))
    addressees = []
    if row["addressees"] and country:
        names = context.organisations[country.pk]
        for name in SEPARATOR.split(row["addressees"]):
            if not name:
                continue
            organisation = names.get(name.casefold())
            if organisation is None:
                error(
                    "addressees",
                    _("Unknown addressee for %(country)s: %(value)s")
                    % {"country": country.name, "value": name},
                )
            else:
                addressees.append(organisation)
    if row["sdg_target"]:
        try:
            sdg_target_validator(row["sdg_target"])
        except ValidationError:
            error("sdg_target", _("Give an SDG target such as 5.2, 8.7 or 16.2."))
    status = row["status"].lower()
    if status == AssessmentStatus.NOT_ASSESSED:
        status = ""
    assessed_on = None
    if status:
        if status not in AssessmentStatus.values:
            error(
                "status",
                _("Unknown status: %(value)s (use %(choices)s)")
                % {"value": row["status"], "choices": ", ".join(AssessmentStatus.values)},
            )
        if report and not report.is_published:
            error(
                "status",
                _("A status is recorded only for a published report; leave it blank for a draft."),
            )
        assessed_on = _date(row["status_assessed_on"])
        if assessed_on is None:
            error("status_assessed_on", _("Give the date of the assessment as YYYY-MM-DD."))
    elif row["status_assessed_on"]:
        error("status", _("Give the status assessed on this date, or leave the date blank."))
    errors.extend(found)
    if found:
        return None
    # A fragment becomes a sentence, as in the editor; the preview says where.
    lead_ins_added = [
        added
        for language in wording.LANGUAGES
        if (added := wording.lead_in_to_add(row[f"text_{language}"], strength, language))
    ]
    return PlannedRecommendation(
        row=n,
        report=report,
        paragraph=paragraph,
        number=number,
        strength=strength,
        text_en=wording.compose(row["text_en"], strength, "en"),
        text_ru=wording.compose(row["text_ru"], strength, "ru"),
        themes=sorted(set(themes)),
        convention_articles=row["convention_articles"],
        addressees=addressees,
        sdg_target=row["sdg_target"],
        status=status,
        assessed_on=assessed_on,
        reasoning=row["status_reasoning"],
        raw={key: row.get(key, "") for key in ("row", *KNOWN)},
        lead_ins_added=lead_ins_added,
    )


def _reasoning(text: str, source: str) -> dict[str, str]:
    """The file's reasoning (one column, stored in the language its script says), else
    "Imported from …" in every language."""
    if text:
        return {"reasoning": text}
    default = {}
    for language in ("en", "ru"):
        with translation.override(language):
            default[f"reasoning_{language}"] = _("Imported from %(source)s.") % {"source": source}
    return default


def plan_import(rows: list[dict], *, lock: bool = False) -> ImportPlan:
    """Check every row; the plan lists all errors, or what will be created (with numbers)."""
    # NUL is no text (PostgreSQL refuses to store or even compare it): it is dropped first.
    rows = [
        {name: str(row.get(name) or "").replace("\x00", "").strip() for name in KNOWN}
        | {"row": int(row["row"])}
        for row in rows
    ]
    context = _Context(rows, lock=lock)
    plan = ImportPlan()
    for row in rows:
        item = _check_row(row, context, plan.errors)
        if item is not None:
            plan.items.append(item)
    seen: dict[tuple[int, int], int] = {}
    for item in plan.items:
        if item.number is None:
            continue
        first = seen.setdefault((item.report.pk, item.number), item.row)
        if first != item.row:
            plan.errors.append(
                RowError(
                    item.row,
                    "number",
                    _("Number %(number)s is already given to row %(first)s for this report.")
                    % {"number": item.number, "first": first},
                )
            )
    next_number = {
        report.pk: max(context.numbers[report.pk] | {n for (r, n) in seen if r == report.pk} | {0})
        for report, _items in plan.by_report()
    }
    for item in plan.items:
        if item.number is None:
            next_number[item.report.pk] += 1
            item.number = next_number[item.report.pk]
    plan.errors.sort(key=lambda e: e.row or 0)
    if plan.errors:
        plan.items = []
    return plan


def import_recommendations(*, rows: list[dict], actor, source: str = "") -> list[Recommendation]:
    """Create the rows' recommendations (and assessments), all or nothing. The rows are
    checked again under lock, so a stale preview or a second confirmation creates nothing."""
    access.require_secretariat(actor)
    with transaction.atomic(), reversion.create_revision():
        plan = plan_import(rows, lock=True)
        if plan.errors:
            raise ValidationError([str(error) for error in plan.errors])
        created = []
        for item in sorted(plan.items, key=lambda i: (i.report.pk, i.number)):
            recommendation = services.recommendation_create(
                paragraph=item.paragraph,
                strength=item.strength,
                text_en=item.text_en,
                text_ru=item.text_ru,
                themes=item.themes,
                convention_articles=item.convention_articles,
                addressees=item.addressees,
                sdg_target=item.sdg_target,
                actor=actor,
                in_report_order=False,  # the file's numbers, or the next ones as previewed
            )
            if recommendation.number != item.number:  # a gap in the imported numbering
                Recommendation.objects.filter(pk=recommendation.pk).update(number=item.number)
                recommendation.number = item.number
                reversion.add_to_revision(recommendation)
            if item.status:
                services.assessment_record(
                    recommendation=recommendation,
                    status=item.status,
                    **_reasoning(item.reasoning, source),
                    assessed_on=item.assessed_on,
                    actor=actor,
                )
            created.append(recommendation)
        reversion.set_user(actor)
        reversion.set_comment(
            system_messages.IMPORTED.encode(count=len(created), source=source or "")
        )
    return created
