"""The Convention articles a recommendation concerns: stored as their numbers ("29, 35"),
written out in the reader's language when shown ("Articles 29 and 35" / «Статьи 29 и 35»).

Typed input may name the articles in either language ("Art. 29 and 35", "статьи 29 и 35",
"Articles 10-12"); `parse` keeps the numbers and says what it could not read.
"""

from __future__ import annotations

import re
from contextlib import nullcontext

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

SEPARATOR = ", "
# CETS 197 has 47 articles.
LAST_ARTICLE = 47
# The words around the numbers, in English and Russian, with their abbreviations.
_WORDS = re.compile(
    r"\b(?:articles?|arts?|art|статья|статьи|статей|статьям|статьях|статье|ст|and|и|of|the|"
    r"convention|конвенции)\b\.?",
    re.IGNORECASE,
)
_RANGE = re.compile(r"^(\d+)-(\d+)$")


def parse(text: str) -> str:
    """The article numbers named in `text`, sorted, as stored ("29, 35"); "" for none.
    Raises ValidationError naming the part that is not an article number."""
    numbers: set[int] = set()
    for part in re.split(r"[,;/&+]", _WORDS.sub(" ", text or "")):
        for token in re.sub(r"\s*[-–—]\s*", "-", part).split():
            if token.isdecimal():  # not isdigit: "²" is a digit that int() refuses
                numbers.add(int(token))
                continue
            span = _RANGE.match(token)
            if span and int(span[1]) <= int(span[2]):
                numbers.update(range(int(span[1]), int(span[2]) + 1))
                continue
            raise ValidationError(
                _("“%(part)s” is not an article number. Write the numbers, e.g. “29, 35”.")
                % {"part": token[:40]},
                code="article",
            )
    wrong = sorted(n for n in numbers if not 1 <= n <= LAST_ARTICLE)
    if wrong:
        raise ValidationError(
            _("The Convention has articles 1 to %(last)s, not %(numbers)s.")
            % {"last": LAST_ARTICLE, "numbers": SEPARATOR.join(map(str, wrong))},
            code="article",
        )
    return SEPARATOR.join(map(str, sorted(numbers)))


# A number not inside brackets ("12(1)" names article 12).
_NUMBER = re.compile(r"(?<![(\d])\d+")


def numbers(stored: str) -> list[str]:
    """The stored numbers; read off any text, so a value written around the services (a bulk
    insert) still shows as articles."""
    return _NUMBER.findall(stored or "")


def label(stored: str, language: str | None = None) -> str:
    """The stored numbers as the reader's language writes them: "Article 29", "Articles 29
    and 35", «Статьи 10, 12 и 15»; "" for none."""
    items = numbers(stored)
    if not items:
        return ""
    with translation.override(language) if language else nullcontext():
        listed = (
            items[0]
            if len(items) == 1
            else _("%(first)s and %(last)s")
            % {"first": SEPARATOR.join(items[:-1]), "last": items[-1]}
        )
        # One article or several, not a count: Russian would otherwise take the singular
        # for 21 articles.
        return ngettext("Article %(numbers)s", "Articles %(numbers)s", min(len(items), 2)) % {
            "numbers": listed
        }
