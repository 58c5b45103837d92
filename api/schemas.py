"""What the open-data API reads (query parameters) and answers (response bodies).

Field names are English; text that exists in both languages comes as `<name>_en` / `<name>_ru`,
with `<name>_languages` saying which of them it is written in (much is written in Russian only).
Code lists (strength, theme, status, report kind) are the models' own choices, so a value the
platform does not know is refused by validation (422) before any query runs.
"""

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Schema

from evaluation_rounds.models import EvaluationRound
from indicators.models import DIMENSIONS, LegalBasis, SourceType, Unit
from recommendations.models import AssessmentStatus, Recommendation, Theme
from reports.models import Report

INT_MAX = 2_147_483_647  # the databases' integer columns: a larger id can match nothing
MAX_VALUES = 30  # values per filter, as in reports.tracker

CountryCode = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z]{2}$",
        description="ISO 3166-1 alpha-2 code (case-insensitive).",
        examples=["KZ"],
    ),
]
RoundNumber = Annotated[int, Field(ge=1, le=32_767, examples=[1])]
OrganisationId = Annotated[int, Field(ge=1, le=INT_MAX, examples=[17])]
SdgTarget = Annotated[
    str, Field(pattern=r"^(1[0-7]|[1-9])\.([1-9][0-9]?|[a-c])$", examples=["8.7"])
]
ObjectId = Annotated[int, Field(ge=1, le=INT_MAX)]


# --- Query parameters -----------------------------------------------------------------------


class RecommendationFilter(Schema):
    """The public tracker's filter (reports.tracker): values of one parameter are alternatives
    (OR), different parameters combine (AND)."""

    country: list[CountryCode] = Field(
        default_factory=list,
        max_length=MAX_VALUES,
        description="Evaluated country; an unknown code matches nothing.",
    )
    round: list[RoundNumber] = Field(
        default_factory=list, max_length=MAX_VALUES, description="Evaluation round number."
    )
    strength: list[Recommendation.Strength] = Field(
        default_factory=list, max_length=MAX_VALUES, description="Strength of the wording."
    )
    theme: list[Theme] = Field(
        default_factory=list, max_length=MAX_VALUES, description="Theme of the 4P taxonomy."
    )
    status: list[AssessmentStatus] = Field(
        default_factory=list,
        max_length=MAX_VALUES,
        description="Current status (the latest assessment); `not_assessed` for none yet.",
    )
    addressee: list[OrganisationId] = Field(
        default_factory=list,
        max_length=MAX_VALUES,
        description="Id of an addressed organisation.",
    )
    sdg: list[SdgTarget] = Field(
        default_factory=list, max_length=MAX_VALUES, description="SDG target."
    )
    q: str = Field(
        "",
        max_length=200,
        description="Words that must all occur, in any form, in the published English or "
        'Russian text; `"a phrase"`, `OR` between two items, `-word` to exclude.',
    )


Sort = Literal["country", "-published", "strength", "number"]  # reports.tracker.SORTS


class RecommendationListFilter(RecommendationFilter):
    sort: Sort = Field(
        "country",
        description="`country` (country, round, number), `-published` (newest report first), "
        "`strength` (urges first) or `number`.",
    )


class ReportFilter(Schema):
    country: CountryCode | None = Field(None, description="Evaluated country.")
    round: RoundNumber | None = Field(None, description="Evaluation round number.")
    kind: Report.Kind | None = Field(None, description="Kind of report.")


# --- Errors ---------------------------------------------------------------------------------


class ErrorItem(Schema):
    location: str = Field(description="`query` or `path`.", examples=["query"])
    parameter: str = Field(examples=["strength"])
    value: str | None = Field(None, description="The value refused, if one was given.")
    message: str


class Error(Schema):
    detail: str = Field(description="What went wrong, in one sentence.")
    errors: list[ErrorItem] = Field(default_factory=list)


# --- Shared pieces --------------------------------------------------------------------------


class StatusCounts(Schema):
    """Recommendations by current status."""

    not_assessed: int = Field(0, ge=0)
    not_implemented: int = Field(0, ge=0)
    partly_implemented: int = Field(0, ge=0)
    implemented: int = Field(0, ge=0)
    no_longer_relevant: int = Field(0, ge=0)
    total: int = Field(0, ge=0)


class CountryRef(Schema):
    iso_code: str
    name_en: str
    name_ru: str


class RoundRef(Schema):
    number: int
    title_en: str
    title_ru: str


# --- Countries and rounds -------------------------------------------------------------------


class CountryOut(CountryRef):
    is_evaluated: bool
    published_report_count: int = Field(ge=0)
    published_recommendation_count: int = Field(ge=0)
    recommendation_status: StatusCounts


class RoundOut(RoundRef):
    theme_en: str
    theme_ru: str
    status: EvaluationRound.Status
    launch_date: date | None
    year: int | None = Field(description="Year of the launch, if launched.")
    published_report_count: int = Field(ge=0)
    published_recommendation_count: int = Field(ge=0)
    recommendation_status: StatusCounts


# --- Reports --------------------------------------------------------------------------------


class ReportOut(Schema):
    id: int
    country: CountryRef
    round: RoundRef
    kind: Report.Kind
    language: Report.Language = Field(description="Language the report was written in.")
    title_en: str
    title_ru: str
    published_at: datetime = Field(description="First publication.")
    version: int = Field(ge=1, description="Published version; each correction adds one.")
    correction_note: str = Field(description="What the latest published correction changed.")
    pdf_url_en: str
    pdf_url_ru: str
    recommendation_count: int = Field(ge=0)


TEXT_LANGUAGES = (
    "The languages the text is written in (`en`, `ru`, `en;ru`): the other field is empty "
    "because the text does not exist in that language yet."
)


class ParagraphOut(Schema):
    number: int
    text_en: str = Field(description="Sanitised HTML.")
    text_ru: str = Field(description="Sanitised HTML.")
    text_languages: str = Field(description=TEXT_LANGUAGES)


class ChapterOut(Schema):
    number: str
    title_en: str
    title_ru: str
    title_languages: str = Field(description=TEXT_LANGUAGES)
    paragraphs: list[ParagraphOut]


class ReportRecommendationOut(Schema):
    id: int | None = Field(description="Its id in /recommendations; null if it no longer exists.")
    number: int
    paragraph_number: int
    strength: Recommendation.Strength
    text_en: str
    text_ru: str
    text_languages: str = Field(description=TEXT_LANGUAGES)
    current_status: AssessmentStatus


class FinalCommentOut(Schema):
    text: str
    submitted_at: datetime | None


class ReportDetailOut(ReportOut):
    chapters: list[ChapterOut]
    recommendations: list[ReportRecommendationOut]
    final_comments: list[FinalCommentOut] = Field(
        description="The government's final comments, published with the report."
    )


# --- Recommendations ------------------------------------------------------------------------


class RecommendationOut(Schema):
    """One row of the recommendations export (reports.exports.COLUMNS, docs/api.md)."""

    id: int
    country_iso: str
    country: str
    round: int
    report_id: int
    report_kind: Report.Kind
    report_published_on: date
    number: int
    paragraph_number: int
    strength: Recommendation.Strength
    text_en: str
    text_ru: str
    text_languages: str = Field(description=TEXT_LANGUAGES)
    themes: str = Field(description="Theme codes, `;`-separated, sorted.")
    convention_articles: str
    addressees: str = Field(description="English names, `;`-separated, sorted.")
    sdg_target: str
    current_status: AssessmentStatus
    status_assessed_on: date | None
    reiterates_id: int | None
    days_open: int | None = Field(ge=0)


class AssessmentOut(Schema):
    cycle: int = Field(ge=1)
    status: AssessmentStatus
    reasoning_en: str
    reasoning_ru: str
    reasoning_languages: str = Field(description=TEXT_LANGUAGES)
    assessed_on: date


class HistoryOut(Schema):
    recommendation: RecommendationOut
    assessments: list[AssessmentOut] = Field(description="One per follow-up cycle, oldest first.")
    reiterates: list[RecommendationOut] = Field(
        description="The earlier recommendations this one repeats, earliest first."
    )
    reiterated_by: list[RecommendationOut] = Field(
        description="Later recommendations that repeat this one."
    )


# --- Statistics -----------------------------------------------------------------------------


class StatisticsRow(Schema):
    key: str = Field(description="The value to pass as the filter of the same name.")
    label_en: str
    label_ru: str
    counts: StatusCounts


class StatisticsOut(Schema):
    total: StatusCounts
    by_country: list[StatisticsRow]
    by_round: list[StatisticsRow]
    by_theme: list[StatisticsRow] = Field(
        description="A recommendation with several themes counts once in each."
    )
    by_strength: list[StatisticsRow]


# --- Harmonised statistics ------------------------------------------------------------------

IndicatorCode = Annotated[
    str, Field(pattern=r"^[-a-zA-Z0-9_]{1,40}$", examples=["victims-identified"])
]
Dimension = Literal[tuple(DIMENSIONS)]  # type: ignore[valid-type]


class IndicatorOut(Schema):
    code: str
    name_en: str
    name_ru: str
    definition_en: str
    definition_ru: str
    unit: Unit
    legal_basis: LegalBasis = Field(description="What the harmonised definition counts.")
    source_type: SourceType
    breakdowns: list[Dimension] = Field(description="The dimensions it is broken down by.")
    suppression_threshold: int | None = Field(
        description="Counts of persons from 1 to one less than this are published as "
        "`< threshold`; null if the indicator is never suppressed.",
        examples=[5],
    )


class IndicatorCellOut(Schema):
    year: int
    value: int | None = Field(description="The published total; null when suppressed.")
    shown: str = Field(description="As the site shows it: the number or `< 5`.")
    suppressed: Literal["primary", "secondary"] | None = Field(
        description="`primary`: a small count; `secondary`: hidden so that a small count "
        "cannot be derived by subtraction; null: published."
    )
    comparability: Literal["same", "different", "estimate"] = Field(
        description="Same definition as the indicator, a different national definition, or an "
        "estimate."
    )


class IndicatorRowOut(Schema):
    country: CountryRef
    notes: list[str] = Field(description="Where the country's definition differs.")
    cells: list[IndicatorCellOut] = Field(description="Only the years with a published figure.")


class IndicatorTableOut(Schema):
    indicator: IndicatorOut
    years: list[int]
    demonstration: bool = Field(description="True if any figure is demonstration data.")
    rows: list[IndicatorRowOut] = Field(description="Every evaluated country, in name order.")
