"""System sentences stored in the writer's language become codes rendered for the reader
(`monitoring.system_text`): the known sentences (English and Russian, parameters parsed back);
any other text stays as written."""

from django.db import migrations

from monitoring.system_text import sentence_migration

# Frozen here: the sentences as the code wrote them before this migration.
REVISIONS = [   ('evaluation_rounds.evaluation_opened', ['Evaluation opened', 'Оценка открыта']),
    ('evaluation_rounds.evaluation_changed', ['Evaluation changed', 'Оценка изменена']),
    ('evaluation_rounds.round_created', ['Round created', 'Раунд создан']),
    ('evaluation_rounds.round_changed', ['Round changed', 'Раунд изменён']),
    (   'evaluation_rounds.plenary_planned',
        ['Plenary planned', 'Пленарное заседание запланировано']),
    (   'evaluation_rounds.plenary_changed',
        ['Plenary changed', 'Пленарное заседание изменено']),
    (   'evaluation_rounds.replies_submitted',
        [   'The government submitted its replies.',
            'Правительство представило свои ответы.']),
    (   'evaluation_rounds.rapporteurs_assigned',
        ['Rapporteurs assigned', 'Докладчики назначены']),
    ('evaluation_rounds.visit_planned', ['Visit planned', 'Визит запланирован']),
    ('evaluation_rounds.visit_changed', ['Visit changed', 'Визит изменён']),
    (   'evaluation_rounds.meeting_added',
        ['Meeting added: %(meeting)s', 'Встреча добавлена: %(meeting)s']),
    (   'evaluation_rounds.meeting_removed',
        ['Meeting removed: %(meeting)s', 'Встреча удалена: %(meeting)s']),
    (   'evaluation_rounds.notes_saved',
        ['Confidential notes saved', 'Конфиденциальные записи сохранены']),
    ('evaluation_rounds.step', ['Preparing', 'Подготовка'], {'state': 'preparing'}),
    (   'evaluation_rounds.step',
        ['Questionnaire sent', 'Вопросник направлен'],
        {'state': 'questionnaire_sent'}),
    (   'evaluation_rounds.step',
        ['Replies received', 'Ответы получены'],
        {'state': 'replies_received'}),
    (   'evaluation_rounds.step',
        ['Country visit done', 'Страновой визит проведён'],
        {'state': 'visit_done'}),
    (   'evaluation_rounds.step',
        ['Draft in preparation', 'Проект готовится'],
        {'state': 'draft_in_preparation'}),
    (   'evaluation_rounds.step',
        ['Draft approved at plenary', 'Проект утверждён на пленарном заседании'],
        {'state': 'draft_approved'}),
    (   'evaluation_rounds.step',
        [   'Draft with the government for comments',
            'Проект направлен правительству для комментариев'],
        {'state': 'draft_with_government'}),
    (   'evaluation_rounds.step',
        ['Final report adopted', 'Итоговый доклад принят'],
        {'state': 'final_adopted'}),
    (   'evaluation_rounds.step',
        ['Final comments period', 'Период итоговых комментариев'],
        {'state': 'final_comments'}),
    ('evaluation_rounds.step', ['Published', 'Опубликован'], {'state': 'published'}),
    (   'evaluation_rounds.step',
        ['Follow-up requested', 'Запрошен отчёт о последующих мерах'],
        {'state': 'follow_up_requested'}),
    (   'evaluation_rounds.step',
        ['Follow-up assessed', 'Последующие меры оценены'],
        {'state': 'follow_up_assessed'}),
    ('evaluation_rounds.step', ['Closed', 'Закрыт'], {'state': 'closed'})]

AUDIT = [('evaluation_rounds.attachment_downloaded', ['download'])]


# Steps whose comment was the system's own sentence (the person wrote nothing).
STEP_SENTENCES = {
    "The government submitted its replies.": "evaluation_rounds.replies_submitted",
    "Правительство представило свои ответы.": "evaluation_rounds.replies_submitted",
    "Report published": "reports.published",
    "Доклад опубликован": "reports.published",
}


def transitions_forwards(apps, schema_editor):
    Transition = apps.get_model("evaluation_rounds", "Transition")
    for sentence, code in STEP_SENTENCES.items():
        Transition.objects.filter(comment=sentence, message_code="").update(
            comment="", message_code=code, message_params={}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation_rounds", "0003_transition_message_code"),
        ("monitoring", "0002_audit_log"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        sentence_migration(revisions=REVISIONS, audit=AUDIT),
        migrations.RunPython(transitions_forwards, migrations.RunPython.noop),
    ]
