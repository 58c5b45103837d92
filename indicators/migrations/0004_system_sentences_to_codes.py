"""System sentences stored in the writer's language become codes rendered for the reader
(`monitoring.system_text`): the known sentences (English and Russian, parameters parsed back);
any other text stays as written."""

from django.db import migrations

from monitoring.system_text import sentence_migration

# Frozen here: the sentences as the code wrote them before this migration.
REVISIONS = [   (   'indicators.marked',
        ['Marked Unverified', 'Отмечено: Не проверено'],
        {'status': 'unverified'}),
    (   'indicators.marked',
        ['Marked Verified', 'Отмечено: Проверено'],
        {'status': 'verified'}),
    (   'indicators.marked',
        ['Marked Questioned', 'Отмечено: Под вопросом'],
        {'status': 'questioned'}),
    (   'indicators.marked',
        ['Marked Estimated', 'Отмечено: Оценка'],
        {'status': 'estimated'}),
    (   'indicators.figures_saved',
        [   '%(count)s figures saved for %(country)s',
            'Сохранено значений для страны %(country)s: %(count)s']),
    (   'indicators.figures_imported',
        [   '%(count)s figures imported from %(source)s',
            'Импортировано значений из %(source)s: %(count)s']),
    ('indicators.marked', ['Marked %(status)s', 'Отмечено: %(status)s']),
    ('indicators.added', ['Indicator added', 'Показатель добавлен']),
    ('indicators.changed', ['Indicator changed', 'Показатель изменён'])]

AUDIT = []


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0003_catalogue_bands_and_amounts"),
        ("monitoring", "0002_audit_log"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        sentence_migration(revisions=REVISIONS, audit=AUDIT),
    ]
