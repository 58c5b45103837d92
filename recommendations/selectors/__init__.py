"""Reads on recommendations (a package: status, follow-up, portal). The status selectors are
the package's own API: `from recommendations import selectors; selectors.status_summary()`."""

from .editor import reiterable_recommendations
from .status import (
    CHOICE_LABELS,
    FOLLOW_UP_STATUSES,
    SUMMARY_BY,
    SUMMARY_GROUPS,
    AgeingItem,
    StatusRow,
    follow_up_items,
    latest_assessments,
    open_recommendations,
    open_recommendations_ageing,
    recommendations_for,
    status_rows_by_theme,
    status_summary,
)

__all__ = [
    "CHOICE_LABELS",
    "FOLLOW_UP_STATUSES",
    "SUMMARY_BY",
    "SUMMARY_GROUPS",
    "AgeingItem",
    "StatusRow",
    "follow_up_items",
    "latest_assessments",
    "open_recommendations",
    "open_recommendations_ageing",
    "recommendations_for",
    "reiterable_recommendations",
    "status_rows_by_theme",
    "status_summary",
]
