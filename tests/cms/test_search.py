"""The public search: pages, published report paragraphs and recommendations, highlighted,
paginated, and never a draft."""

import pytest

from reports.models import Paragraph

from .helpers import KG_DRAFT_TEXT


def search(client, language: str = "en", **params):
    response = client.get(f"/{language}/search/", params)
    assert response.status_code == 200
    return response


def test_results_from_reports_recommendations_and_pages_are_highlighted(kz_report, client):
    response = search(client, q="compensation")
    outcome = response.context["search"]
    kinds = {hit.kind for hit in outcome.page_obj}
    assert {"paragraph", "recommendation"} <= kinds
    content = response.content.decode()
    assert "<mark>compensation</mark>" in content or "<mark>Compensation</mark>" in content
    paragraph_hit = next(hit for hit in outcome.page_obj if hit.kind == "paragraph")
    assert paragraph_hit.url.startswith(f"/en/countries/kazakhstan/reports/{kz_report.pk}/#p-")
    recommendation_hit = next(hit for hit in outcome.page_obj if hit.kind == "recommendation")
    assert "#r-" in recommendation_hit.url
    assert recommendation_hit.status


def test_wagtail_pages_are_found(demo_data, client):
    outcome = search(client, q="Bishkek plenary").context["search"]
    assert any(hit.url == "/en/news/third-plenary-bishkek/" for hit in outcome.page_obj)


def test_russian_search_ignores_case_and_reads_russian_text(kz_report, client):
    response = search(client, "ru", q="КОМИССИЯ заседает")
    hits = list(response.context["search"].page_obj)
    assert any(hit.url.endswith("#p-6") for hit in hits)
    assert "<mark>Комиссия</mark>" in response.content.decode()


def test_markup_in_report_text_does_not_match(kz_report, client):
    assert Paragraph.objects.filter(chapter__report=kz_report, text_en__contains="<strong>")
    outcome = search(client, q="strong").context["search"]
    assert all(hit.kind != "paragraph" for hit in outcome.page_obj)


@pytest.mark.parametrize("query", ["!!!", "«»", "...", "-- ;"])
def test_a_query_without_words_gives_a_clean_page(demo_data, client, query):
    response = search(client, q=query)
    content = response.content.decode()
    assert "Your search contains no words" in content
    assert response.context["search"].page_obj is None


def test_an_empty_query_asks_for_words(demo_data, client):
    assert "Type one or more words" in search(client, q="   ").content.decode()


def test_a_page_out_of_range_shows_the_last_page(kz_report, client):
    outcome = search(client, q="the", page="999").context["search"]
    paginator = outcome.page_obj.paginator
    assert paginator.num_pages > 1
    assert outcome.page_obj.number == paginator.num_pages
    assert search(client, q="the", page="x").context["search"].page_obj.number == 1


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_draft_is_never_found(kg_draft, client, language):
    for query in (KG_DRAFT_TEXT[language], "Agartuu" if language == "en" else "Агартуу"):
        outcome = search(client, language, q=query).context["search"]
        assert outcome.page_obj.paginator.count == 0, query


def test_search_queries_are_few_and_do_not_grow(kz_report, client, django_assert_max_num_queries):
    client.get("/en/")
    # 24, plus the published replies and their countries' pages (cms.search._reply_hits).
    with django_assert_max_num_queries(26):
        search(client, q="the")


def test_other_word_forms_are_found_on_every_database(kz_report, client):
    english = search(client, q="compensated").context["search"]
    russian = search(client, "ru", q="компенсациями").context["search"]
    found = [sum(outcome.counts.values()) for outcome in (english, russian)]
    assert all(found), found  # Snowball stems, the same on SQLite and PostgreSQL
    # Either way no word of the HTML markup counts: "footnote" is only ever a class name.
    assert search(client, q="footnote").context["search"].counts["paragraph"] == 0
