from .documents import (
    Chapter,
    GovernmentComment,
    Paragraph,
    Report,
    stage_for,
    stage_in,
    stages_from,
)

__all__ = [
    "Chapter",
    "GovernmentComment",
    "Paragraph",
    "Report",
    "stage_for",
    "stage_in",
    "stages_from",
]
