from .documents import (
    Chapter,
    GovernmentComment,
    Paragraph,
    Report,
    stage_for,
    stage_in,
    stages_from,
)
from .evidence import ProgressEvidence
from .publications import ReportPublication
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

__all__ = [
    "OPEN_STATUSES",
    "THEME_BITS",
    "Assessment",
    "AssessmentStatus",
    "Chapter",
    "GovernmentComment",
    "Paragraph",
    "ProgressEvidence",
    "ProgressUpdate",
    "Recommendation",
    "RecommendationTheme",
    "Report",
    "ReportPublication",
    "Theme",
    "stage_for",
    "stage_in",
    "stages_from",
    "theme_mask_of",
    "themes_of_mask",
]
