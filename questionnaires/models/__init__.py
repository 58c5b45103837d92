from .responses import Answer, AnswerFile, ExtensionRequest, Response, SectionAssignment
from .structure import Question, Questionnaire, QuestionType, Section

__all__ = [
    "Answer",
    "AnswerFile",
    "ExtensionRequest",
    "Question",
    "QuestionType",
    "Questionnaire",
    "Response",
    "Section",
    "SectionAssignment",
]
