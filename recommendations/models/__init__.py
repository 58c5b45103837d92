from .evidence import ProgressEvidence
from .recommendations import (
    OPEN_STATUSES,
    THEME_BITS,
    Assessment,
    AssessmentStatus,
    ProgressUpdate,
    Recommendation,
    RecommendationTheme,
    Theme,
    theme_mask_of,
    themes_of_mask,
)
from .tracker_counts import TrackerCount, TrackerEntry

__all__ = [
    "OPEN_STATUSES",
    "THEME_BITS",
    "Assessment",
    "AssessmentStatus",
    "ProgressEvidence",
    "ProgressUpdate",
    "Recommendation",
    "RecommendationTheme",
    "Theme",
    "TrackerCount",
    "TrackerEntry",
    "theme_mask_of",
    "themes_of_mask",
]
