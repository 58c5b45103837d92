"""Search that understands Russian, on whichever database the suite runs on (CI runs SQLite
and PostgreSQL): the findings of issue 19, phrases, `OR`, exclusions and word forms, through
the public search page, the tracker, the API's `q` and the statistics' `q`; and the parity
table, which both runs must meet hit for hit."""

import pytest
from bs4 import BeautifulSoup
from django.db.models import Q

from monitoring.search import index, matches, parse
from recommendations.models import Recommendation
from reports.models import Paragraph
from tests.search_data import build_search_texts


@pytest.fixture
def texts(demo_data, user_named):
    return build_search_texts(user_named("secretariat"))


def _search(client, language, q):
    response = client.get(f"/{language}/search/", {"q": q})
    assert response.status_code == 200
    return response


def _hits(response, kind):
    return [hit for hit in response.context["search"].page_obj or [] if hit.kind == kind]


def _paragraph_hits(texts, response) -> set[str]:
    numbers = {p.number: label for label, p in texts.paragraphs.items()}
    prefix = f"/reports/{texts.report.pk}/#p-"
    return {
        numbers[int(hit.url.rsplit("#p-", 1)[1])]
        for hit in _hits(response, "paragraph")
        if prefix in hit.url
    }


# The parity table: query -> (paragraphs, recommendations) whose English or Russian text
# matches, the same on every database. Labels: tests/search_data.py.
PARITY = {
    "воссоединению": ({"P1"}, {"R4"}),
    "Воссоединению": ({"P1"}, {"R4"}),
    "ВОССОЕДИНЕНИЮ": ({"P1"}, {"R4"}),
    "воссоединение": ({"P1"}, {"R4"}),
    "конвенцию": ({"P2"}, set()),
    "умный навигатор": ({"P3"}, set()),
    '"умный навигатор"': ({"P3"}, set()),
    '"навигатор умный"': (set(), set()),
    "IT-компаниями": ({"P4"}, {"R2"}),
    "IT companies": ({"P4"}, {"R2"}),
    "companies -IT": ({"P5"}, {"R3"}),
    "вербовки -онлайн": ({"P5"}, set()),
    "ёмкая": ({"P6"}, set()),
    "емкая еще": ({"P6"}, set()),
    "victims": ({"P7", "P8"}, {"R1"}),
    "victim -begging": ({"P8"}, {"R1"}),
    "компенсация OR shelters": ({"P7", "P8"}, set()),
    '"labour exploitation"': (set(), {"R1"}),
    "трудовая эксплуатация": (set(), {"R1"}),
    "strong": (set(), set()),  # only ever a tag of the markup
    "-victims": (set(), set()),  # exclusions alone match nothing
}


@pytest.mark.parametrize(("query", "expected"), PARITY.items(), ids=list(PARITY))
def test_parity_table(texts, query, expected):
    parsed = parse(query)

    def either(model, fields, rows):
        condition = Q(pk__in=[])
        for field in fields:
            condition |= index.condition(model, field, parsed)
        return set(rows.filter(condition).values_list("pk", flat=True))

    paragraphs = either(
        Paragraph, ("text_en", "text_ru"), Paragraph.objects.filter(chapter__report=texts.report)
    )
    recommendations = either(
        Recommendation,
        ("published_text_en", "published_text_ru"),
        Recommendation.objects.filter(report=texts.report),
    )
    assert (texts.paragraph_labels(paragraphs), texts.recommendation_labels(recommendations)) == (
        expected
    )
    # Matching in Python (a published snapshot) agrees with the index, text by text.
    in_python = {
        label
        for label, p in texts.paragraphs.items()
        if matches(parsed, p.text_en, html=True) or matches(parsed, p.text_ru, html=True)
    }
    assert in_python == expected[0]


@pytest.mark.parametrize(
    "query", ["воссоединению", "Воссоединению", "ВОССОЕДИНЕНИЮ", "воссоединение"]
)
def test_any_case_and_form_finds_the_paragraph_and_marks_it(texts, client, query):
    response = _search(client, "ru", query)
    assert _paragraph_hits(texts, response) == {"P1"}
    assert [hit.excerpt for hit in _hits(response, "paragraph")] == [
        "Следует содействовать <mark>воссоединению</mark> семей пострадавших."
    ]
    assert any(
        hit.url.endswith(f"#r-{texts.recommendations['R4'].number}")
        for hit in _hits(response, "recommendation")
    )


def test_capitalised_words_and_two_word_names_are_found(texts, client):
    assert _paragraph_hits(texts, _search(client, "ru", "конвенцию")) == {"P2"}
    response = _search(client, "ru", "умный навигатор")
    assert _paragraph_hits(texts, response) == {"P3"}
    assert "«<mark>Умный</mark> <mark>навигатор</mark>»" in response.content.decode()


def test_a_hyphenated_word_needs_both_parts(texts, client):
    response = _search(client, "ru", "IT-компаниями")
    assert _paragraph_hits(texts, response) == {"P4"}
    shown = {hit.excerpt for hit in _hits(response, "recommendation")}
    assert all("IT" in excerpt for excerpt in shown) and shown


def test_a_text_in_the_other_language_only_is_searched_and_marked(texts, client):
    response = _search(client, "en", "воссоединение")
    [hit] = [h for h in _hits(response, "paragraph") if f"/{texts.report.pk}/" in h.url]
    assert (hit.lang, hit.note) == ("ru", "available in Russian only")
    soup = BeautifulSoup(response.content, "html.parser")
    excerpt = soup.select_one('.result--paragraph .result__excerpt[lang="ru"]')
    assert excerpt is not None and excerpt.mark.get_text() == "воссоединению"
    assert "available in Russian only" in soup.get_text()
    # A Russian reader's own language is searched where it exists: P3's English is not.
    assert _paragraph_hits(texts, _search(client, "ru", "Smart navigator")) == set()
    russian_reader = _search(client, "ru", "Shelters")
    assert _paragraph_hits(texts, russian_reader) == {"P8"}
    assert {h.lang for h in _hits(russian_reader, "paragraph") if h.lang} == {"en"}


def test_exclusions_only_are_explained(texts, client):
    response = _search(client, "ru", "-жертвы")
    assert response.context["search"].page_obj is None
    assert "only excludes words" in response.context["search"].message


def test_the_search_page_runs_a_fixed_number_of_queries(
    texts, client, django_assert_max_num_queries
):
    client.get("/ru/")
    with django_assert_max_num_queries(24):
        response = _search(client, "ru", '"умный навигатор" OR воссоединение -онлайн')
    assert _paragraph_hits(texts, response) == {"P1", "P3"}


def _tracker_ids(client, language, query) -> set[int]:
    response = client.get(f"/{language}/recommendations/", {"q": query, "country": "KZ"})
    assert response.status_code == 200
    return {r.pk for r in response.context["page_obj"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("IT-компаниями", {"R2"}),
        ("Воссоединение", {"R4"}),
        ("companies -IT", {"R3"}),
        ("victims OR воссоединение", {"R1", "R4"}),
    ],
)
def test_the_tracker_page_and_the_api_q(texts, client, query, expected):
    assert texts.recommendation_labels(_tracker_ids(client, "ru", query)) == expected
    response = client.get("/api/v1/recommendations", {"q": query, "country": "KZ", "limit": 200})
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["items"]}
    assert texts.recommendation_labels(ids) == expected
    statistics = client.get("/api/v1/statistics", {"q": query, "country": "KZ"})
    assert statistics.status_code == 200
    assert statistics.json()["total"]["total"] == len(expected)


def test_the_tracker_runs_a_fixed_number_of_queries(texts, client, django_assert_max_num_queries):
    client.get("/ru/recommendations/")
    with django_assert_max_num_queries(16):
        ids = _tracker_ids(client, "ru", "IT-компаниями OR воссоединение")
    assert texts.recommendation_labels(ids) == {"R2", "R4"}


def test_the_index_follows_edits_and_the_public_reads_the_snapshot(texts, client, user_named):
    from reports import services

    paragraph = texts.paragraphs["P5"]
    query = parse("инспекторы")
    services.report_correction_open(
        report=texts.report, note="Исправление", actor=user_named("secretariat")
    )
    services.paragraph_update(
        paragraph=paragraph,
        text_en=paragraph.text_en,
        text_ru="<p>Инспекторам труда.</p>",
        actor=user_named("secretariat"),
        expected_version=paragraph.version,
    )
    assert Paragraph.objects.filter(index.condition(Paragraph, "text_ru", query)).get() == (
        paragraph
    )
    ours = Paragraph.objects.filter(chapter__report=texts.report)
    assert paragraph not in ours.filter(index.condition(Paragraph, "text_ru", parse("вербовки")))
    # Under correction the public searches the published snapshot, in Python, the same way.
    assert _paragraph_hits(texts, _search(client, "ru", "инспекторы")) == set()
    assert _paragraph_hits(texts, _search(client, "ru", "вербовки -онлайн")) == {"P5"}
    assert _paragraph_hits(texts, _search(client, "ru", "ВОССОЕДИНЕНИЕ")) == {"P1"}


def test_the_tracker_explains_a_search_of_exclusions_only(texts, client):
    response = client.get("/en/recommendations/", {"q": "-victims -жертвы"})
    assert response.context["page_obj"].paginator.count == 0
    status = BeautifulSoup(response.content, "html.parser").select_one(".empty-state")
    assert "only excludes words" in status.get_text()
