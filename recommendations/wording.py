"""A recommendation reads as a sentence: the expert group's lead-in for its strength, then what
the authorities are to do.

People type what follows the lead-in ("give labour inspectors a clear mandate…"); `compose`
puts the lead-in in front of such a fragment and ends it with a full stop, and leaves a text
that is already a sentence as it was typed. `detect_strength` reads the strength a sentence's
own wording says, and `check` warns when it is not the strength chosen.

The lead-ins are part of the text in that text's language (English in `text_en`, Russian in
`text_ru`), whatever language the person reading the back office uses, so they are data here,
not translations of the interface. The Russian follows the demo's recommendations.

What counts as a fragment (the rules are deliberately cautious: a sentence left alone costs
nothing, a lead-in put in front of a sentence spoils it):
- a text beginning with a lowercase letter, with "to …" or with "…";
- a text beginning with the third-person verb of a strength ("urges the authorities to …",
  "настоятельно призывает …"): only the subject, "The expert group", is added;
- in English, a text beginning with a capitalised imperative ("Adopt a compensation law"),
  from the common verbs of recommendations below, unless a finite verb follows soon ("Support
  for victims should …") — except after "Ensure that …" and the like, still imperatives;
- in Russian, a text beginning with an infinitive ("Выявлять жертв …", "Обеспечить …"),
  unless a modal word follows soon ("…должны…", "…следует…").
Everything else (a subject, a number, an unknown word first) is a sentence.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .models import Recommendation

Strength = Recommendation.Strength
LANGUAGES = ("en", "ru")  # the text fields: text_en, text_ru

SUBJECT = {"en": "The expert group", "ru": "Группа экспертов"}

LEAD_INS = {
    Strength.URGES: {
        "en": "The expert group urges the authorities to",
        "ru": "Группа экспертов настоятельно призывает органы власти",
    },
    Strength.CONSIDERS: {
        "en": "The expert group considers that the authorities should",
        "ru": "Группа экспертов считает, что органам власти следует",
    },
    Strength.INVITES: {
        "en": "The expert group invites the authorities to",
        "ru": "Группа экспертов предлагает органам власти",
    },
}

# The words that say a strength, per language. Longer phrases first: "настоятельно призывает"
# (urges) contains "призывает" (considers), and the first match at a place wins.
WORDINGS = {
    "en": [
        ("strongly recommends", Strength.URGES),
        ("strongly urges", Strength.URGES),
        ("urges", Strength.URGES),
        ("considers", Strength.CONSIDERS),
        ("recommends", Strength.CONSIDERS),
        ("should", Strength.CONSIDERS),
        ("invites", Strength.INVITES),
        ("encourages", Strength.INVITES),
    ],
    "ru": [
        ("настоятельно призывает", Strength.URGES),
        ("настоятельно рекомендует", Strength.URGES),
        ("призывает настоятельно", Strength.URGES),
        ("призывает", Strength.CONSIDERS),
        ("рекомендует", Strength.CONSIDERS),
        ("считает", Strength.CONSIDERS),
        ("следует", Strength.CONSIDERS),
        ("предлагает", Strength.INVITES),
    ],
}
_WORDING_PATTERNS = {
    language: re.compile(
        r"\b(?:"
        + "|".join(re.escape(words).replace(r"\ ", r"\s+") for words, _s in sorted_wordings)
        + r")\b",
        re.IGNORECASE,
    )
    for language, sorted_wordings in (
        (language, sorted(wordings, key=lambda item: -len(item[0])))
        for language, wordings in WORDINGS.items()
    )
}
# Verbs that open a strength's lead-in after the subject: a text opening with one lacks only
# the subject.
_LEAD_VERBS = {
    "en": re.compile(r"(?:strongly\s+)?(?:urges|considers|invites|recommends|encourages)\b", re.I),
    "ru": re.compile(
        r"(?:настоятельно\s+)?(?:призывает|рекомендует|считает|предлагает)\b", re.IGNORECASE
    ),
}
HEAD_WORDS = 12  # a strength's wording is looked for in a sentence's first words
FINITE_WITHIN = 5  # a finite verb this close to the start makes the text a sentence


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_IMPERATIVES = _word_set(
    """adopt allocate amend apply assess bring carry collect conclude consider continue create
    define designate develop enable encourage enhance ensure establish expand extend facilitate
    fund give grant guarantee identify implement improve include increase inform intensify
    introduce investigate involve make monitor offer open pay prevent promote prosecute protect
    provide publish raise ratify recognise recognize reduce refer reform regulate reinforce
    remove require review revise set step strengthen support take train translate use"""
)
_FINITE = {
    "en": _word_set(
        "is are was were has have had must should shall will would can could may might need needs "
        "remain remains"
    ),
    "ru": _word_set(
        "должны должен должна должно следует необходимо нужно надлежит является являются"
    ),
}
_RU_INFINITIVE = re.compile(r"(?:ать|ять|еть|ить|уть|ыть|оть|ться|тись|чь|чься)$")
_RU_INFINITIVES_IN_TI = {"провести", "ввести", "внести", "вести", "найти", "обойти", "принести"}
_OPENING_NOISE = re.compile(r"^(?:…|\.\.\.|[-–—•*])\s*")
_ENDS_A_SENTENCE = re.compile(r"[.!?…][\"'»”’)\]]*$")


def lead_in(strength: str, language: str) -> str:
    return LEAD_INS[Strength(strength)][language]


def _words(text: str) -> list[str]:
    return [word.strip(",;:()\"'«»“”").casefold() for word in text.split()]


def _opening(text: str) -> str:
    return _OPENING_NOISE.sub("", text.strip())


def _is_capitalised_word(word: str) -> bool:
    """ "Adopt", not "NGOs" or "UN": only a capitalised ordinary word may be lowercased."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and letters[0].isupper() and all(c.islower() for c in letters[1:])


def _shape(text: str, language: str) -> str:
    """ "fragment", "verb-led" (a fragment lacking only the subject) or "sentence"."""
    text = _opening(text)
    if not text:
        return "sentence"
    if _LEAD_VERBS[language].match(text) and text[0].islower():
        return "verb-led"
    words = _words(text)
    if text[0].islower() or words[0] == "to":
        return "fragment"
    if not _is_capitalised_word(text.split()[0]):
        return "sentence"
    first, rest = words[0], words[1:FINITE_WITHIN]
    if language == "ru":
        infinitive = bool(_RU_INFINITIVE.search(first)) or first in _RU_INFINITIVES_IN_TI
        modal = any(word in _FINITE["ru"] for word in rest)
        return "fragment" if infinitive and not modal else "sentence"
    if first not in _IMPERATIVES:
        return "sentence"
    if len(words) > 1 and words[1] == "that":  # "Ensure that victims should never …"
        return "fragment"
    return "sentence" if any(word in _FINITE["en"] for word in rest) else "fragment"


def is_fragment(text: str, language: str) -> bool:
    return bool(text.strip()) and _shape(text, language) != "sentence"


def _wording(text: str, language: str) -> tuple[str, str] | None:
    """The strength a sentence's wording says and the words that say it, or None (a fragment's
    own words say nothing about the strength: "ensure that victims should …")."""
    shape = _shape(text, language)
    if shape == "fragment":
        return None
    head = " ".join(_opening(text).split()[:HEAD_WORDS])
    match = _WORDING_PATTERNS[language].search(head)
    if match is None:
        return None
    words = " ".join(match.group(0).split()).casefold()
    strength = dict(WORDINGS[language])[words]
    return strength, words


def detect_strength(text: str, language: str) -> str | None:
    """The strength the text's wording says ("urges", "considers", "invites"), or None."""
    found = _wording(text, language)
    return found[0] if found else None


def _finish(text: str) -> str:
    text = text.rstrip().rstrip(",;:").rstrip()
    return text if _ENDS_A_SENTENCE.search(text) else f"{text}."


def compose(text: str, strength: str, language: str) -> str:
    """The recommendation as a full sentence: a fragment gets the lead-in of `strength` (or
    only the subject, when it opens with the strength's verb) and a final full stop; a sentence
    is returned as typed (stripped)."""
    text = text.strip()
    added = lead_in_to_add(text, strength, language)
    if not added:
        return text
    body = _opening(text)
    if language == "en" and _words(body)[0] == "to" and len(body.split()) > 1:
        body = body.split(None, 1)[1]
    if _is_capitalised_word(body.split()[0]):
        body = body[0].lower() + body[1:]
    return _finish(f"{added} {body}")


def lead_in_to_add(text: str, strength: str, language: str) -> str:
    """What `compose` puts in front of the text: the lead-in of `strength` for a fragment, the
    subject alone for a fragment opening with the strength's verb, nothing for a sentence."""
    if not text.strip():
        return ""
    shape = _shape(text, language)
    if shape == "verb-led":
        return SUBJECT[language]
    if shape == "sentence" or strength not in LEAD_INS:
        return ""
    return lead_in(strength, language)


def fragment_of(text: str, strength: str, language: str) -> str:
    """What follows the lead-in of `strength`, for a text composed with it; other texts whole.
    The editor shows the lead-in beside the box and the box holds what follows."""
    prefix = f"{lead_in(strength, language)} "
    return text[len(prefix) :] if strength and text.startswith(prefix) else text


def _language_name(language: str) -> str:
    return {"en": _("English"), "ru": _("Russian")}[language]


def check(text: str, strength: str, language: str) -> str:
    """A warning when the text's wording says another strength than `strength`, else ""."""
    found = _wording(text, language)
    if found is None or found[0] == strength:
        return ""
    said, words = found
    values = {
        "language": _language_name(language),
        "words": words,
        "said": Strength(said).label,
        "chosen": Strength(strength).label,
    }
    if words == said:
        return (
            _("The %(language)s text says “%(words)s”, but the strength chosen is “%(chosen)s”.")
            % values
        )
    return (
        _(
            "The %(language)s text says “%(words)s”, which is “%(said)s”, but the strength "
            "chosen is “%(chosen)s”."
        )
        % values
    )


def suggestion(texts: dict[str, str]) -> tuple[str, str] | None:
    """The strength the texts' wording says, with the words, for a recommendation whose strength
    is not chosen yet: the English text's first, else the Russian's."""
    for language, text in texts.items():
        found = _wording(text or "", language)
        if found:
            return found
    return None
