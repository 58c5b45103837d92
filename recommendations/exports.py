"""Recommendations with their current status as CSV, XLSX and JSON (columns: docs/api.md).

Only recommendations of PUBLISHED reports are exported, whoever asks, and as published: every
column a correction can change (text, strength, themes, articles, addressees, SDG target,
reiterated recommendation, paragraph number) is read from the recommendation's published copy
(`published_*`, written by the publication). Drafts never leave the expert group this way, and
recommendations a correction adds stay out until it is published.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import batched
from operator import itemgetter

from django.core.exceptions import ValidationError
from django.db.models import F, Q, QuerySet
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.translation import gettext as _

from monitoring import access
from monitoring.i18n import languages_of
from monitoring.models import Country
from monitoring.spreadsheets import FILE_CHUNK_BYTES, safe_row, workbook_file

from . import selectors
from .models import (
    OPEN_STATUSES,
    THEME_BITS,
    AssessmentStatus,
    Recommendation,
    Theme,
    themes_of_mask,
)

COLUMNS = [
    "id",
    "country_iso",
    "country",
    "round",
    "report_id",
    "report_kind",
    "report_published_on",
    "number",
    "paragraph_number",
    "strength",
    "text_en",
    "text_ru",
    "text_languages",
    "themes",
    "convention_articles",
    "addressees",
    "sdg_target",
    "current_status",
    "status_assessed_on",
    "reiterates_id",
    "days_open",
]
LIST_SEPARATOR = ";"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JSON_CONTENT_TYPE = "application/json"


def published_recommendations(
    *, user=None, country=None, round=None, status: str = "", theme: str = ""
) -> QuerySet[Recommendation]:
    """The published recommendations `user` may read (`user=None`: the public, for the public
    site and the open-data API), filtered. `country` is a Country or an ISO code, `round` a
    round number, `status` (current status) and `theme` codes."""
    if status and status not in AssessmentStatus.values:
        raise ValidationError(_("Unknown status: %(value)s") % {"value": status})
    if theme and theme not in Theme.values:
        raise ValidationError(_("Unknown theme: %(value)s") % {"value": theme})
    recommendations = access.visible(
        user, Recommendation.objects.filter(report__published_at__isnull=False)
    )
    if country is not None:
        iso = country.iso_code if isinstance(country, Country) else str(country).upper()
        recommendations = recommendations.filter(report__evaluation__country__iso_code=iso)
    if round is not None:
        recommendations = recommendations.filter(report__evaluation__round__number=round)
    if status:
        recommendations = recommendations.filter(current_status=status)
    if theme:
        recommendations = recommendations.filter(
            GreaterThan(F("published_theme_mask").bitand(THEME_BITS[theme]), 0)
        )
    # Added by a correction still in progress: not published yet, whoever asks.
    return recommendations.filter(Q(report__correction_open=False) | Q(public_since__isnull=False))


ROW_FIELDS = {  # the name in the row: the path it is read from
    "id": "id",
    "country_iso": "report__evaluation__country__iso_code",
    "country": "report__evaluation__country__name_en",
    "round": "report__evaluation__round__number",
    "report_id": "report_id",
    "report_kind": "report__kind",
    "published_at": "report__published_at",
    "number": "number",
    "paragraph_number": "published_paragraph_number",
    "strength": "published_strength",
    "text_en": "published_text_en",
    "text_ru": "published_text_ru",
    "themes": "published_theme_mask",
    "convention_articles": "published_convention_articles",
    "sdg_target": "published_sdg_target",
    "reiterates_id": "published_reiterates_id",
}


SORTED_BY = ("round", "country_iso", "report_id", "number", "id")  # row names, in ROW_FIELDS
EXPORT_ORDER = tuple(ROW_FIELDS[name] for name in SORTED_BY)
CHUNK_ROWS = 2000  # rows fetched from a cursor and written at a time: a download's memory is flat
_sort_key = itemgetter(*SORTED_BY)
_KEY = len(SORTED_BY)  # a row of `_alongside` starts with its recommendation's sort key


class _Alongside:
    """Rows of another query read in the recommendations' own order, each `(*sort key,
    *values)`: for each recommendation in turn, `take(its sort key)` gives its rows and moves
    on. A merge join over sorted cursors, so no query names the recommendations one by one. The
    three queries are three statements: a row for a recommendation the main query did not see
    (published in between) is passed over, not taken for the next one's. The keys are numbers
    and ISO codes (A-Z), which sort in Python as in any collation."""

    def __init__(self, rows: Iterator[tuple]):
        self._rows = rows
        self._next = next(rows, None)

    def take(self, key: tuple) -> list[tuple]:
        found = []
        while self._next is not None:
            if self._next[_KEY - 1] == key[-1]:  # the same id (last in the key): this one's
                found.append(self._next[_KEY:])
            elif self._next[:_KEY] > key:  # a later recommendation's: stop here
                break
            self._next = next(self._rows, None)
        return found


def _alongside(rows: QuerySet, *fields: str, then: tuple[str, ...] = ()) -> _Alongside:
    """`rows` (each with a `recommendation`) sorted as the export sorts the recommendations,
    each led by the recommendation's sort key."""
    key = [f"recommendation__{path}" for path in EXPORT_ORDER[:-1]] + ["recommendation_id"]
    ordered = rows.order_by(*key, *then).values_list(*key, *fields)
    return _Alongside(ordered.iterator(CHUNK_ROWS))


def iter_export_rows(
    *,
    user=None,
    today: date | None = None,
    recommendations: QuerySet[Recommendation] | None = None,
    **filters,
) -> Iterator[dict]:
    """The export's rows, each a dict with exactly COLUMNS as keys, in that order, read as
    they are written, in three queries whatever the number of rows: the recommendations (joins
    only, themes read off the published mask), their latest assessments and their published
    addressees, each through its own cursor in the same order, `CHUNK_ROWS` fetched at a time.
    `recommendations`, if given, is the selection already made (the public tracker's filter);
    it must hold only published recommendations."""
    today = today or timezone.localdate()
    if recommendations is None:
        recommendations = published_recommendations(user=user, **filters)
    values = (
        recommendations.order_by(*EXPORT_ORDER)
        .values_list(*ROW_FIELDS.values())
        .iterator(chunk_size=CHUNK_ROWS)
    )
    chosen = recommendations.values("pk")
    assessments = _alongside(
        selectors.latest_assessments().filter(recommendation__in=chosen),
        "status",
        "assessed_on",
    )
    addressees = _alongside(
        Recommendation.published_addressees.through.objects.filter(recommendation__in=chosen),
        "organisation__name_en",
        then=("organisation__name_en",),
    )
    published_on: dict[int, date] = {}
    for values_row in values:
        row = dict(zip(ROW_FIELDS, values_row, strict=True))
        key = _sort_key(row)
        latest = assessments.take(key)
        status, assessed_on = latest[0] if latest else (AssessmentStatus.NOT_ASSESSED.value, None)
        names = [name for (name,) in addressees.take(key)]
        day = published_on.get(row["report_id"])
        if day is None:
            day = published_on[row["report_id"]] = timezone.localdate(row["published_at"])
        yield {
            "id": row["id"],
            "country_iso": row["country_iso"],
            "country": row["country"],
            "round": row["round"],
            "report_id": row["report_id"],
            "report_kind": row["report_kind"],
            "report_published_on": day.isoformat(),
            "number": row["number"],
            "paragraph_number": row["paragraph_number"],
            "strength": row["strength"],
            "text_en": row["text_en"],
            "text_ru": row["text_ru"],
            "text_languages": LIST_SEPARATOR.join(languages_of(row, "text")),
            "themes": LIST_SEPARATOR.join(sorted(themes_of_mask(row["themes"]))),
            "convention_articles": row["convention_articles"],
            "addressees": LIST_SEPARATOR.join(names),
            "sdg_target": row["sdg_target"],
            "current_status": status,
            "status_assessed_on": assessed_on.isoformat() if assessed_on else None,
            "reiterates_id": row["reiterates_id"],
            "days_open": (today - day).days if status in OPEN_STATUSES else None,
        }


def export_rows(**kwargs) -> list[dict]:
    """`iter_export_rows` as a list, for a bounded selection (a page of the API)."""
    return list(iter_export_rows(**kwargs))


def csv_chunks(rows: Iterable[dict]) -> Iterator[bytes]:
    """The rows as CSV in UTF-8, a chunk at a time; the BOM first lets Excel read UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    yield ("\ufeff" + buffer.getvalue()).encode("utf-8")
    for chunk in batched(rows, CHUNK_ROWS, strict=False):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(safe_row(map(row.__getitem__, COLUMNS)) for row in chunk)
        yield buffer.getvalue().encode("utf-8")


def json_chunks(rows: Iterable[dict], *, count: Callable[[], int]) -> Iterator[bytes]:
    """The rows as one JSON document, a chunk at a time (`count()` is said before them)."""
    head = {"generated_at": timezone.now().isoformat(timespec="seconds"), "columns": COLUMNS}
    opening = json.dumps({**head, "count": count()}, ensure_ascii=False)[:-1]
    yield (opening + ', "recommendations": [').encode("utf-8")
    separator = ""
    for chunk in batched(rows, CHUNK_ROWS, strict=False):
        body = ", ".join(json.dumps(row, ensure_ascii=False) for row in chunk)
        yield (separator + body).encode("utf-8")
        separator = ", "
    yield b"]}"


def xlsx_chunks(rows: Iterable[dict], *, title: str) -> Iterator[bytes]:
    """The rows as an XLSX, written in constant memory to a temporary file, then read out."""
    cells = (safe_row(map(row.__getitem__, COLUMNS)) for row in rows)
    with workbook_file(title, COLUMNS, cells) as written:
        yield from iter(lambda: written.read(FILE_CHUNK_BYTES), b"")


DOWNLOADS = {  # format: content type
    "csv": CSV_CONTENT_TYPE,
    "xlsx": XLSX_CONTENT_TYPE,
    "json": JSON_CONTENT_TYPE,
}


def download_chunks(fmt: str, recommendations: QuerySet[Recommendation]) -> Iterator[bytes]:
    """The selection's export in `fmt`, as the chunks of a streamed response. Nothing is read
    before the first chunk is asked for; what is translated is translated now, in the
    request's language, not when the server sends the chunks."""
    rows = iter_export_rows(recommendations=recommendations)
    if fmt == "csv":
        return csv_chunks(rows)
    if fmt == "json":
        return json_chunks(rows, count=recommendations.count)
    return xlsx_chunks(rows, title=_("Recommendations"))


def staff_download(fmt: str, *, user, **filters) -> Iterator[bytes]:
    """The back office's download: what `user` may read of the published recommendations."""
    access.require_staff_reader(user)
    return download_chunks(fmt, published_recommendations(user=user, **filters))
