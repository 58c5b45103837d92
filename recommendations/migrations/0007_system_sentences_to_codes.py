"""System sentences stored in the writer's language become codes rendered for the reader
(`monitoring.system_text`): the known sentences (English and Russian, parameters parsed back);
any other text stays as written."""

from django.db import migrations

from monitoring.system_text import sentence_migration

# Frozen here: the sentences as the code wrote them before this migration.
REVISIONS = [   ('recommendations.added', ['Recommendation added', 'Рекомендация добавлена']),
    ('recommendations.edited', ['Recommendation edited', 'Рекомендация изменена']),
    (   'recommendations.assessed',
        ['Recommendation assessed', 'Выполнение рекомендации оценено']),
    (   'recommendations.imported',
        [   '%(count)s recommendations imported from %(source)s',
            'Импортировано рекомендаций из %(source)s: %(count)s'])]

AUDIT = [   (   'recommendations.exported',
        ['recommendations %(format)s %(query)s', 'recommendations %(format)s ']),
    ('recommendations.follow_up_submitted', ['follow-up: %(count)s updates'])]


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0006_convention_articles_as_numbers"),
        ("monitoring", "0002_audit_log"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        sentence_migration(revisions=REVISIONS, audit=AUDIT),
    ]
