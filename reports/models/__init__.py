from .documents import (
    Chapter,
    ChapterAdoption,
    GovernmentComment,
    Paragraph,
    PlaceholderAcceptance,
    Report,
    Section,
    stage_for,
    stage_in,
    stages_from,
)
from .publications import ReportPublication
from .replies import ReplyPublication

__all__ = [
    "Chapter",
    "ChapterAdoption",
    "GovernmentComment",
    "Paragraph",
    "PlaceholderAcceptance",
    "ReplyPublication",
    "Report",
    "ReportPublication",
    "Section",
    "stage_for",
    "stage_in",
    "stages_from",
]
