"""System sentences stored in the writer's language become codes rendered for the reader
(`monitoring.system_text`): the known sentences (English and Russian, parameters parsed back);
any other text stays as written."""

from django.db import migrations

from monitoring.system_text import sentence_migration

# Frozen here: the sentences as the code wrote them before this migration.
REVISIONS = [   ('reports.chapter_moved', ['Chapter moved', 'Глава перемещена']),
    ('reports.section_moved', ['Section moved', 'Раздел перемещён']),
    ('reports.paragraph_added', ['Paragraph added', 'Пункт добавлен']),
    ('reports.paragraph_edited', ['Paragraph edited', 'Пункт изменён']),
    ('reports.paragraph_moved', ['Paragraph moved', 'Пункт перемещён']),
    (   'reports.paragraph_deleted',
        ['Paragraph %(number)s deleted', 'Пункт %(number)s удалён']),
    ('reports.published', ['Report published', 'Доклад опубликован'])]

AUDIT = [   ('reports.pdf_read', ['PDF']),
    ('reports.comments_submitted', ['%(count)s %(kind)s comments']),
    ('reports.version_published_note', ['version %(version)s: %(note)s']),
    ('reports.version_published', ['version %(version)s']),
    ('reports.correction_opened', ['correction: %(note)s'])]


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0014_sections_adoption_placeholders"),
        ("monitoring", "0002_audit_log"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        sentence_migration(revisions=REVISIONS, audit=AUDIT),
    ]
