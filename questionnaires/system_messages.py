"""The questionnaires' system sentences (revision comments, audit details), stored as codes and
rendered for the reader (`monitoring.system_text`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from monitoring.system_text import message

QUESTIONNAIRE_CREATED = message("questionnaires.created", _("Questionnaire created"))
QUESTIONNAIRE_CHANGED = message("questionnaires.changed", _("Questionnaire changed"))
SECTION_ADDED = message("questionnaires.section_added", _("Section added"))
SECTION_CHANGED = message("questionnaires.section_changed", _("Section changed"))
QUESTION_ADDED = message("questionnaires.question_added", _("Question added"))
QUESTION_CHANGED = message("questionnaires.question_changed", _("Question changed"))
DUE_DATE_CHANGED = message("questionnaires.due_date_changed", _("Due date changed"))
SAVED = message("questionnaires.saved", _("Saved"))
MARKED_CONFIDENTIAL = message("questionnaires.marked_confidential", _("Marked confidential"))
CONFIDENTIAL_MARK_REMOVED = message(
    "questionnaires.confidential_mark_removed", _("Confidential mark removed")
)
LATE_SAVE = message("questionnaires.late_save", _("Late save"))
FILE_UPLOADED = message("questionnaires.file_uploaded", _("File uploaded"))
RESTORED = message("questionnaires.restored", _("Restored the version of %(date)s"))
# Audit details.
RESPONSE_SUBMITTED = message("questionnaires.response_submitted", _("Response submitted"))
CONSENT_WITHDRAWN = message(
    "questionnaires.consent_withdrawn", _("Consent to the publication of the reply withdrawn")
)
RESPONSE_READ = message("questionnaires.response_read", _("Read"))
RESPONSE_EXPORTED = message("questionnaires.response_exported", _("Export, %(format)s"))
ROUND_ANSWERS_EXPORTED = message(
    "questionnaires.round_answers_exported", _("All answers of the round, xlsx")
)
