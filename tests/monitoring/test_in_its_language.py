"""Single-language free text (an answer, a comment, a meeting's place) shown with the
language it is written in, where that is not the reader's."""

from django.template import Context, Template
from django.utils import translation

from evaluation_rounds import system_messages
from monitoring import system_text
from monitoring.i18n import in_its_language, text_language, written_in


def test_the_language_of_a_text_is_the_language_of_most_of_its_letters():
    assert text_language("Crisis centre for women and children, Osh") == "en"
    assert text_language("Кризисный центр, Ош (Osh)") == "ru"
    assert text_language("No. 1 — №1") == "en"
    assert text_language("2026–2030, 12 / 35") == ""
    assert written_in("2026") == "en"  # a column must hold it in some language


def test_a_text_in_another_language_is_marked_and_escaped():
    with translation.override("ru"):
        assert in_its_language("Bishkek <b>") == '<span lang="en">Bishkek &lt;b&gt;</span>'
        assert in_its_language("Бишкек <b>") == "Бишкек &lt;b&gt;"
        assert in_its_language("one\ntwo", style="lines") == '<span lang="en">one<br>two</span>'
        assert in_its_language("one\n\ntwo", style="block") == (
            '<div lang="en"><p>one</p>\n\n<p>two</p></div>'
        )
    with translation.override("en"):
        assert in_its_language("Bishkek") == "Bishkek"
        assert in_its_language("Бишкек") == '<span lang="ru">Бишкек</span>'


def test_the_filters_mark_text_and_form_fields():
    template = Template(
        "{% load monitoring_tags %}{{ note|in_its_language:'lines' }}|"
        '<textarea{% with l=note|language_of %}{% if l %} lang="{{ l }}"{% endif %}{% endwith %}>'
    )
    with translation.override("ru"):
        rendered = template.render(Context({"note": "Shelter\nfull"}))
        assert rendered == '<span lang="en">Shelter<br>full</span>|<textarea lang="en">'
        assert template.render(Context({"note": "Приют"})) == "Приют|<textarea>"


def test_a_system_sentence_marks_the_words_a_person_typed_in_it():
    stored = system_messages.MEETING_ADDED.encode(meeting="10.02 09:00 Crisis centre <Osh>")
    with translation.override("ru"):
        rendered = Template("{% load system_text %}{{ stored|system_text }}").render(
            Context({"stored": stored})
        )
        assert rendered.startswith("Встреча добавлена: ")
        assert '<span lang="en">10.02 09:00 Crisis centre &lt;Osh&gt;</span>' in rendered
        plain = Template('{% load system_text %}{{ stored|system_text:"plain" }}').render(
            Context({"stored": stored})
        )
        assert plain == "Встреча добавлена: 10.02 09:00 Crisis centre &lt;Osh&gt;"
        assert system_text.render(stored) == "Встреча добавлена: 10.02 09:00 Crisis centre <Osh>"
