"""A recommendation reads as a sentence (recommendations/wording.py): a fragment gets the lead-in
of its strength, a sentence is left alone, and the wording of a sentence says its strength."""

import pytest

from recommendations import wording

URGES_EN = "The expert group urges the authorities to"
URGES_RU = "Группа экспертов настоятельно призывает органы власти"
INV = "invites"


@pytest.mark.parametrize(
    ("text", "strength", "language", "sentence"),
    [
        (
            "give labour inspectors a clear mandate",
            "urges",
            "en",
            f"{URGES_EN} give labour inspectors a clear mandate.",
        ),
        (
            "monitor online recruitment",
            "considers",
            "en",
            "The expert group considers that the authorities should monitor online recruitment.",
        ),
        (
            "to extend the screening to every border post;",
            "invites",
            "en",
            "The expert group invites the authorities to extend the screening to every border "
            "post.",
        ),
        # A capitalised imperative is a fragment too; its verb is lowercased, an acronym is not.
        ("Adopt a compensation law", "urges", "en", f"{URGES_EN} adopt a compensation law."),
        ("… give NGOs a seat!", "urges", "en", f"{URGES_EN} give NGOs a seat!"),
        (
            "Ensure that victims should never be punished",
            "urges",
            "en",
            f"{URGES_EN} ensure that victims should never be punished.",
        ),
        # Opening with the strength's verb: only the subject is missing.
        (
            "urges the authorities to fund shelters",
            "urges",
            "en",
            f"{URGES_EN} fund shelters.",
        ),
        (
            "наделить трудовых инспекторов полномочиями",
            "urges",
            "ru",
            f"{URGES_RU} наделить трудовых инспекторов полномочиями.",
        ),
        (
            "Выявлять жертв среди трудовых мигрантов.",
            "considers",
            "ru",
            "Группа экспертов считает, что органам власти следует выявлять жертв среди трудовых "
            "мигрантов.",
        ),
        (
            "обеспечить работу горячей линии",
            "invites",
            "ru",
            "Группа экспертов предлагает органам власти обеспечить работу горячей линии.",
        ),
    ],
)
def test_a_fragment_becomes_a_sentence(text, strength, language, sentence):
    assert wording.is_fragment(text, language)
    assert wording.compose(text, strength, language) == sentence
    # Composing a sentence again changes nothing (the service and the migration rely on it).
    assert wording.compose(sentence, strength, language) == sentence


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The expert group urges the Kazakh authorities to give inspectors a mandate.", "en"),
        ("The authorities should adopt a law", "en"),
        ("Support for victims should be increased", "en"),  # a noun, then a finite verb
        ("NGOs need stable funding", "en"),
        ("Recommendation 1 on Kyrgyzstan", "en"),
        ("Группа экспертов считает, что органам власти следует создать систему данных.", "ru"),
        ("Власти должны финансировать приюты", "ru"),  # "Власти" is no infinitive
        ("Рекомендация 1", "ru"),
        ("", "en"),
    ],
)
def test_a_sentence_is_left_alone(text, language):
    assert not wording.is_fragment(text, language)
    assert wording.compose(f"  {text} ", "urges", language) == text


@pytest.mark.parametrize(
    ("text", "language", "strength"),
    [
        ("The expert group urges the authorities to act.", "en", "urges"),
        ("The expert group strongly urges the authorities to act.", "en", "urges"),
        ("The expert group considers that the authorities should act.", "en", "considers"),
        ("The authorities should act.", "en", "considers"),
        ("The expert group invites the authorities to ensure that courts should act.", "en", INV),
        ("urges the authorities to act", "en", "urges"),
        # The tricky case: "настоятельно призывает" contains "призывает".
        ("Группа экспертов настоятельно призывает органы власти действовать.", "ru", "urges"),
        ("Группа экспертов призывает органы власти действовать.", "ru", "considers"),
        ("Группа экспертов рекомендует властям действовать.", "ru", "considers"),
        ("Группа экспертов считает, что органам власти следует действовать.", "ru", "considers"),
        ("Группа экспертов предлагает органам власти действовать.", "ru", "invites"),
        # A fragment's own words say nothing about the strength.
        ("ensure that victims should never be punished", "en", None),
        ("обеспечить, чтобы пострадавшим следует помогать", "ru", None),
        ("The government replied in time.", "en", None),
    ],
)
def test_the_wording_says_the_strength(text, language, strength):
    assert wording.detect_strength(text, language) == strength


def test_check_warns_only_when_the_wording_says_another_strength():
    russian = "Группа экспертов настоятельно призывает органы власти действовать."
    assert wording.check(russian, "urges", "ru") == ""
    warning = wording.check(russian, "considers", "ru")
    assert "настоятельно призывает" in warning and "Russian" in warning
    assert "“considers”" in warning
    english = wording.check("The authorities should act.", "invites", "en")
    assert "“should”" in english and "“considers”" in english and "“invites”" in english
    assert wording.check("give inspectors a mandate", "invites", "en") == ""  # a fragment


def test_the_lead_in_of_a_composed_text_is_taken_off_for_the_editor_box():
    sentence = wording.compose("fund shelters", "urges", "en")
    assert wording.fragment_of(sentence, "urges", "en") == "fund shelters."
    assert wording.compose(wording.fragment_of(sentence, "urges", "en"), "invites", "en") == (
        "The expert group invites the authorities to fund shelters."
    )
    own = "The expert group urges the Kazakh authorities to fund shelters."
    assert wording.fragment_of(own, "urges", "en") == own


def test_without_a_strength_nothing_is_composed():
    assert wording.compose("fund shelters", "", "en") == "fund shelters"
    assert wording.suggestion({"en": "", "ru": URGES_RU + " действовать."}) == (
        "urges",
        "настоятельно призывает",
    )
