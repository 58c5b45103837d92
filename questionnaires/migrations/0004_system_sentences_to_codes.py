"""System sentences stored in the writer's language become codes rendered for the reader
(`monitoring.system_text`): the known sentences (English and Russian, parameters parsed back);
any other text stays as written."""

from django.db import migrations

from monitoring.system_text import sentence_migration

# Frozen here: the sentences as the code wrote them before this migration.
REVISIONS = [   ('questionnaires.created', ['Questionnaire created', 'Вопросник создан']),
    ('questionnaires.changed', ['Questionnaire changed', 'Вопросник изменён']),
    ('questionnaires.section_added', ['Section added', 'Раздел добавлен']),
    ('questionnaires.section_changed', ['Section changed', 'Раздел изменён']),
    ('questionnaires.question_added', ['Question added', 'Вопрос добавлен']),
    ('questionnaires.question_changed', ['Question changed', 'Вопрос изменён']),
    ('questionnaires.due_date_changed', ['Due date changed', 'Срок изменён']),
    ('questionnaires.saved', ['Saved', 'Сохранено']),
    (   'questionnaires.marked_confidential',
        ['Marked confidential', 'Отмечен как конфиденциальный']),
    (   'questionnaires.confidential_mark_removed',
        ['Confidential mark removed', 'Отметка о конфиденциальности снята']),
    ('questionnaires.late_save', ['Late save', 'Сохранено после срока']),
    ('questionnaires.file_uploaded', ['File uploaded', 'Файл загружен']),
    (   'questionnaires.restored',
        ['Restored the version of %(date)s', 'Восстановлена версия от %(date)s'])]

AUDIT = [   ('questionnaires.response_submitted', ['response']),
    ('questionnaires.response_read', ['read']),
    ('questionnaires.response_exported', ['export %(format)s']),
    ('questionnaires.response_exported', ['xlsx'], {'format': 'xlsx'}),
    ('questionnaires.response_exported', ['csv'], {'format': 'csv'}),
    ('questionnaires.response_exported', ['pdf'], {'format': 'pdf'}),
    ('questionnaires.round_answers_exported', ['answers xlsx'])]


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaires", "0003_response_confidential_until"),
        ("monitoring", "0002_audit_log"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        sentence_migration(revisions=REVISIONS, audit=AUDIT),
    ]
