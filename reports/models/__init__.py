from .documents import (
    Chapter,
    GovernmentComment,
    Paragraph,
    Report,
    stage_for,
    stage_in,
    stages_from,
)
from .publications import ReportPublication

__all__ = [
    "Chapter",
    "GovernmentComment",
    "Paragraph",
    "Report",
    "ReportPublication",
    "stage_for",
    "stage_in",
    "stages_from",
]
