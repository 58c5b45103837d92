from .documents import Chapter, GovernmentComment, Paragraph, Report, stage_for
from .evidence import ProgressEvidence
from .recommendations import (
    OPEN_STATUSES,
    Assessment,
    AssessmentStatus,
    ProgressUpdate,
    Recommendation,
    RecommendationTheme,
    Theme,
)

__all__ = [
    "OPEN_STATUSES",
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
    "Theme",
    "stage_for",
]
