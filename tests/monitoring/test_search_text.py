"""monitoring.search without a database: the tokeniser and its stems, the query parser, the
matching in Python and the highlighting."""

import pytest

from monitoring.search import matches, parse, plain
from monitoring.search.highlight import highlight
from monitoring.search.query import Item, Phrase
from monitoring.search.stems import stem, stems


def test_case_and_yo_are_folded_before_stemming():
    forms = ["воссоединению", "Воссоединению", "ВОССОЕДИНЕНИЮ", "воссоединение"]
    assert {stem(word) for word in forms} == {"воссоединен"}
    assert stem("Ёмкая") == stem("емкая")
    assert stem("Конвенцию") == stem("конвенции")
    assert stem("VICTIMS") == stem("victim") == "victim"


def test_each_word_is_stemmed_by_its_own_script():
    # An English word in Russian text and a Russian word in English text.
    assert stems("Сотрудничество с companies") == ["сотрудничеств", "с", "compani"]
    assert stems("victims жертвы 2024") == ["victim", "жертв", "2024"]
    assert stem("Meyirim") == "meyirim"  # Latin, by the English stemmer: a name stays


def test_stop_words_are_kept_and_hyphens_and_markup_separate_words():
    assert stems("IT-компаниями") == ["it", "компан"]
    assert stems("the one and it") == ["the", "one", "and", "it"]
    assert stems(plain("<p>a<strong>b</strong> &amp; c</p>")) == ["ab", "c"]
    assert stems("сло\u0301во snake_case") == ["слов", "snake", "case"]  # a stress mark kept


def test_words_phrases_or_and_exclusions_are_parsed():
    query = parse('victims "умный навигатор" shelter OR приют -begging -"forced labour"')
    assert query.items == (
        Item((Phrase(("victim",)),)),
        Item((Phrase(("умн", "навигатор")),)),
        Item((Phrase(("shelter",)), Phrase(("приют",)))),
        Item((Phrase(("beg",)),), negated=True),
        Item((Phrase(("forc", "labour")),), negated=True),
    )
    assert parse("IT-компаниями").items == (Item((Phrase(("it", "компан")),)),)


@pytest.mark.parametrize("text", ["", "!!! ... ?", "«»", '""', "OR", "- --"])
def test_punctuation_alone_gives_no_items(text):
    assert parse(text).items == ()


def test_lower_case_or_is_a_word_and_exclusions_alone_match_nothing():
    assert len(parse("shelter or приют").items) == 3
    only_excluded = parse("-victims -жертвы")
    assert only_excluded.items and not only_excluded.can_match
    assert not matches(only_excluded, "nothing about it")


def test_a_query_is_cut_to_its_limits():
    assert len(parse(" ".join(f"w{n}" for n in range(20))).items) == 8
    assert len(parse("a" * 500).text) == 200


@pytest.mark.parametrize(
    ("query", "text", "found"),
    [
        ("воссоединение", "содействовать <b>Воссоединению</b> семей", True),
        ("IT-компаниями", "сотрудничество с компаниями", False),
        ("IT-компаниями", "сотрудничество с IT компаниями", True),
        ("компаниями IT", "IT отделы и компании", True),
        ('"компании IT"', "IT отделы и компании", False),
        ("victims", "every victim", True),
        ("victims -begging", "victims of begging", False),
        ("begging OR labour", "victims of labour exploitation", True),
        ("strong", "<strong>victims</strong>", False),
        ("елка", "Ёлка", True),
    ],
)
def test_matching_in_python(query, text, found):
    assert matches(parse(query), text, html=True) is found


def test_highlight_marks_the_word_forms_found_and_escapes_the_rest():
    html = highlight("Victims & <b>victim</b> of trafficking", parse("victims"), None)
    assert html == (
        "<mark>Victims</mark> &amp; &lt;b&gt;<mark>victim</mark>&lt;/b&gt; of trafficking"
    )
    russian = highlight("Содействовать воссоединению с IT-компаниями", parse("IT-компания"), None)
    assert russian == "Содействовать воссоединению с <mark>IT</mark>-<mark>компаниями</mark>"
    excluded = highlight("victims of begging", parse("victims -begging"), None)
    assert excluded == "<mark>victims</mark> of begging"


def test_highlight_cuts_long_text_around_the_first_word():
    text = "word " * 200 + "shelters " + "word " * 200
    html = highlight(text, parse("shelter"), 120)
    assert "<mark>shelters</mark>" in html
    assert html.startswith("…") and html.endswith("…")
    assert len(html) < 200
