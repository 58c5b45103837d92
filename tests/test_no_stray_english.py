"""No stray English: every page each role reaches, read in Russian, shows no Latin-script word
outside a short allow-list of proper names, codes and units.

The pages are the access matrix's (`tests/monitoring/access_matrix.py`): every URL a role is
shown (200) there, on one object (its own country's where it may read that), once per role,
plus every live public page type in Russian for the public. Text typed in English is allowed
only inside an element marked `lang="en"` (the content fallback marks it so)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup
from bs4.element import Comment, Doctype, NavigableString, Tag
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page
from wagtail.users.models import UserProfile

from evaluation_rounds.models import CountryVisit, VisitAttachment, VisitMeeting
from indicators.models import Indicator
from questionnaires.models import ExtensionRequest
from recommendations.models import ProgressUpdate
from reports.models import Section as ReportSection
from tests.monitoring import access_matrix as matrix
from tests.monitoring import matrix_objects
from tests.monitoring.access_matrix import ANY, OTHER, OWN, Action, MatrixRole, Outcome

ROLES = (
    MatrixRole.ANONYMOUS,
    MatrixRole.NGO_RESPONDENT,
    MatrixRole.GOVERNMENT_RESPONDENT,
    MatrixRole.CONTACT_PERSON,
    MatrixRole.EXPERT,
    MatrixRole.RAPPORTEUR,
    MatrixRole.SECRETARIAT,
)

# Words that are Latin in Russian too: proper names, codes, units, formats. Keep it short; a
# word here is allowed on every page.
ALLOWED = {
    # International partners and bodies, named in Latin in Russian texts as well.
    "OSCE",
    "IOM",
    "UNODC",
    "UNICEF",
    "ILO",
    "GRETA",
    "GRECO",
    "UPR",
    "UHRI",
    "SDG",
    "SDGs",
    "Winrock",
    "International",
    # File formats and technical names a reader meets as such.
    "PDF",
    "CSV",
    "XLSX",
    "JSON",
    "API",
    "RSS",
    "Atom",
    "HTML",
    "URL",
    "ID",
    "ISO",
    "IP",
    "UTC",
    "OpenAPI",
    "Swagger",
    "Wagtail",
    "Excel",
    "SDMX",
    "JavaScript",
    "CMS",
    # Authenticator apps the second-step page names.
    "FreeOTP",
    "Aegis",
    "Google",
    "Microsoft",
    "Authenticator",
    "Draftail",
    "TOTP",
    "QR",
    # Country and language codes (ISO 3166 / 639) shown beside names.
    "KZ",
    "KG",
    "TJ",
    "TM",
    "UZ",
    "EN",
    "RU",
    "en",
    "ru",
    # The demo's NGOs, as they write their names (domain.md).
    "Sana",
    "Sezim",
    "Rodnik",
    "Meyirim",
    "Agartuu",
    "Femida",
    "Umed",
    "Istiqbolli",
    "Avlod",
}

_SKIPPED = ("script", "style", "template", "code", "kbd")  # code: column names, commands
_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
_MACHINE = re.compile(
    r"[\w.+-]+@[\w-]+(\.[\w-]+)+"  # e-mail addresses
    r"|(https?://|www\.)\S+"  # URLs
    r"|(?<![\w/])/[\w./?=&%-]+"  # site paths shown as such
    r"|[\w-]*\.(pdf|csv|xlsx|json|docx|md)\b"  # file names and extensions
    r"|\b[A-Za-z]+/[\w/+-]+"  # time zones: Asia/Almaty
    r'|"\w+":'  # keys of JSON settings in help texts: "indicator":
    r"|\b[a-z0-9]+(?:[-_][a-z0-9]+)+\b"  # codes and user names: compensation-paid, kg-contact
    r"|\b(?=[A-Z]*\d)[A-Z0-9]{4,}\b",  # one-time and recovery codes: 57BL JL2D
    re.IGNORECASE,
)
_ROMAN = re.compile(r"^[IVXLC]+$")  # chapter numbers: «IV. Выявление…»
_WORD = re.compile(r"(?<!\w)[A-Za-z]{2,}(?!\w)")


@dataclass(frozen=True)
class Finding:
    role: str
    url: str
    word: str
    text: str

    def __str__(self) -> str:
        return f"{self.role} {self.url}: {self.word!r} in «{self.text[:140]}»"


def _in_english(element: Tag) -> bool:
    return any(
        (parent.get("lang") or "").lower().startswith("en")
        for parent in (element, *element.parents)
        if isinstance(parent, Tag)
    )


def visible_texts(html: str) -> Iterator[str]:
    """The texts a reader sees or hears: text nodes, the titles, labels, placeholders and
    alternative texts, the values of buttons; not scripts, styles or English-marked content."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.find_all(_SKIPPED):
        hidden.decompose()
    for hidden in soup.find_all(hidden=True):  # not shown: Wagtail's empty counters ("None")
        hidden.decompose()
    for node in soup.find_all(string=True):
        if isinstance(node, (Comment, Doctype)) or not isinstance(node, NavigableString):
            continue
        if node.strip() and not _in_english(node.parent):
            yield " ".join(node.split())
    for element in soup.find_all(True):
        if _in_english(element):
            continue
        for attribute in _ATTRIBUTES:
            if element.get(attribute):
                yield " ".join(str(element[attribute]).split())
        if element.name == "input" and element.get("type") in ("submit", "button", "reset"):
            yield str(element.get("value") or "")


def latin_words(text: str, names: frozenset[str] = frozenset()) -> list[str]:
    words = _WORD.findall(_MACHINE.sub(" ", text))
    return [
        word
        for word in words
        if word not in ALLOWED and word not in names and not _ROMAN.match(word)
    ]


def people_names() -> frozenset[str]:
    """People's names and user names as their accounts spell them: proper names, which the
    platform shows as written (the demo's people have Latin-script names)."""
    words = set()
    for first, last, username in get_user_model().objects.values_list(
        "first_name", "last_name", "username"
    ):
        words.update(_WORD.findall(f"{first} {last} {username}"))
    # Codes the data carries as identifiers: indicator codes ("prosecutions"), shown beside names.
    words.update(Indicator.objects.values_list("code", flat=True))
    # Wagtail's page tree (explorer, editor, breadcrumbs) lists the English site's pages beside
    # the Russian ones by their titles: content in its locale's language, each listed with
    # Wagtail's locale label. The tree's root is named in the reader's language
    # (cms/page_titles.py), so its "Root" is not accepted.
    for title in (
        Page.objects.exclude(locale__language_code="ru")
        .filter(depth__gt=1)
        .values_list("title", flat=True)
    ):
        words.update(_WORD.findall(title))
    return frozenset(words)


def stray_english(
    role: str, url: str, html: str, names: frozenset[str] = frozenset()
) -> list[Finding]:
    findings = []
    for text in visible_texts(html):
        words = latin_words(text, names)
        if words:
            findings.append(Finding(role, url, words[0], text))
    return findings


def _in_russian(world: dict) -> None:
    """The matrix's own objects carry English placeholders; a Russian reader's platform has
    them in Russian (English content is the content fallback's case, tested where it lives)."""
    VisitMeeting.objects.filter(counterpart="Shelter").update(counterpart="Приют")
    VisitAttachment.objects.filter(title="Programme").update(title="Программа визита")
    ExtensionRequest.objects.filter(reason="More time").update(reason="Нужно больше времени")
    ProgressUpdate.objects.filter(text="Measures").update(text="Принятые меры")
    ReportSection.objects.filter(title_en="Section").update(title_ru="Раздел")
    assert not CountryVisit.objects.filter(meetings__counterpart="Shelter").exists()


def _pages_for(role: MatrixRole, world: dict) -> Iterator[tuple[str, str]]:
    """(URL name, URL) of every matrix URL the role is shown, on one object: its own
    country's if it may read that, else the other's. Downloads are not HTML: left out."""
    for entry in (*matrix.ENTRIES, *matrix.WAGTAIL_CORE.samples):
        if entry.action == Action.EXPORT or entry.url.startswith("api-v1:"):
            continue
        sides = {ANY: {}} if entry.objects is None else world[entry.objects]
        for side in (OWN, ANY, OTHER):
            if side in sides and entry.rule.expected(role, side) == Outcome.OK:
                arguments = sides[side]
                if isinstance(arguments, tuple):
                    yield entry.url, reverse(entry.url, args=arguments)
                else:
                    yield entry.url, reverse(entry.url, kwargs=arguments)
                break


def _public_pages() -> Iterator[tuple[str, str]]:
    """One live Russian page of each page type."""
    seen = set()
    for page in Page.objects.live().filter(locale__language_code="ru", depth__gt=1).specific():
        kind = type(page).__name__
        if kind not in seen:
            seen.add(kind)
            yield kind, page.get_url()


def _client_for(role: MatrixRole) -> Client:
    client = Client()
    client.cookies["django_language"] = "ru"
    username = matrix.DEMO_USERS[role]
    if username is not None:
        user = get_user_model().objects.get(username=username)
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "ru"  # the back office's language is the user's own
        profile.save(update_fields=["preferred_language"])
        client.force_login(user)
    return client


@pytest.fixture
def world(demo_data):
    built = matrix_objects.build()
    _in_russian(built)
    yield built
    matrix_objects.delete_files()


def crawl(role: MatrixRole, world: dict) -> tuple[list[Finding], int]:
    client = _client_for(role)
    with translation.override("ru"):
        urls = list(_pages_for(role, world))
        if role == MatrixRole.ANONYMOUS:
            urls += list(_public_pages())
    findings, read, names = [], 0, people_names()
    for name, url in dict.fromkeys(urls):
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        read += 1
        html = b"".join(response).decode() if response.streaming else response.content.decode()
        findings += stray_english(role, f"{url} ({name})", html, names)
    return findings, read


@pytest.mark.parametrize("role", ROLES)
def test_no_stray_english_on_any_page_in_russian(world, role):
    started = time.monotonic()
    findings, read = crawl(role, world)
    print(f"{role}: {read} pages in {time.monotonic() - started:.1f}s")
    assert read > 3
    unique = list(dict.fromkeys(str(finding) for finding in findings))
    assert not unique, f"{len(unique)} English texts on Russian pages:\n" + "\n".join(unique)


def test_the_extraction_finds_english_and_skips_what_it_should():
    html = (
        '<html lang="ru"><head><title>Доклад</title><style>.a{color:red}</style></head><body>'
        "<script>var hidden = 1;</script>"
        '<p>Вопросник <a href="/ru/reports/">доклады</a></p>'
        '<p lang="en">Typed in English, marked</p>'
        '<button title="Save draft">Сохранить</button>'
        '<input type="submit" value="Send"><input type="hidden" value="token">'
        "<p>Напишите на secretariat@example.org или https://example.org/path, файл report.pdf,"
        " в формате PDF, OSCE</p>"
        "<p>Due soon</p><code>year</code></body></html>"
    )
    found = stray_english("anonymous", "/ru/", html)
    assert [finding.word for finding in found] == ["Due", "Save", "Send"]
    translated = html.replace("Due soon", "Срок").replace('"Save draft"', '"Сохранить"')
    assert [f.word for f in stray_english("anonymous", "/ru/", translated)] == ["Send"]
