"""The public recommendation tracker page (/<lang>/recommendations/) and its downloads, through
the real URLs: facet counts as shown, narrowing, downloads equal to the page's filter, bad input,
no drafts, both languages, accessible charts and a query count that does not grow with the data."""

from __future__ import annotations

import csv
import html
import io
import json
from datetime import date, timedelta
from urllib.parse import urlsplit
from xml.etree import ElementTree

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from recommendations import charts, tracker
from recommendations import services as recommendation_services
from recommendations.charts import status_chart_markup
from recommendations.models import Assessment, Recommendation, RecommendationTheme
from recommendations.selectors import StatusRow
from reports import services
from reports.models import Report
from tests.bench.report_data import generate_report
from tests.downloads import downloaded
from tests.publications import publish_directly

URL = "/en/recommendations/"


@pytest.fixture
def published(kz_report, kg_report, secretariat):
    """Kazakhstan's published report with two recommendations (1: urges, protection; 2:
    considers, prevention and prosecution), the first assessed as implemented; Kyrgyzstan's
    draft alongside it."""
    first, second = kz_report.recommendations.order_by("number")
    recommendation_services.assessment_record(
        recommendation=first,
        cycle=1,
        status="implemented",
        reasoning="Done",
        assessed_on=date(2026, 1, 10),
        actor=secretariat,
    )
    return first, second


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def _shown_counts(soup: BeautifulSoup, facet: str) -> dict[str, int]:
    """The counts the page shows beside each checkbox of a facet."""
    counts = {}
    for box in soup.select(f'input[type=checkbox][name="{facet}"]'):
        label = soup.find("label", attrs={"for": box["id"]})
        shown = label.select_one(".facet__count [aria-hidden]").get_text()
        counts[box["value"]] = int(shown.strip("()"))
    return counts


def _checked(soup: BeautifulSoup, facet: str) -> list[str]:
    return [box["value"] for box in soup.select(f'input[name="{facet}"][checked]')]


def _page_ids(response) -> list[int]:
    return [recommendation.pk for recommendation in response.context["page_obj"]]


def _download_links(soup: BeautifulSoup) -> dict[str, str]:
    links = {}
    for link in soup.select(".downloads a"):
        path = urlsplit(link["href"]).path
        links[path.rsplit(".", 1)[1]] = link["href"]
    return links


def _downloaded_ids(client, href: str, fmt: str) -> list[int]:
    response = client.get(href)
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and f'.{fmt}"' in disposition
    if fmt == "csv":
        rows = csv.DictReader(io.StringIO(downloaded(response).decode("utf-8-sig")))
        return [int(row["id"]) for row in rows]
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(downloaded(response)), read_only=True).active
        header, *rows = sheet.iter_rows(values_only=True)
        return [int(row[header.index("id")]) for row in rows]
    return [row["id"] for row in json.loads(downloaded(response))["recommendations"]]


# --- Facets ----------------------------------------------------------------------------------


def test_facet_counts_shown_match_the_fixture(published, client):
    soup = _soup(client.get(URL))
    assert _shown_counts(soup, "country") == {"KZ": 2}  # Kyrgyzstan's draft is not counted
    assert _shown_counts(soup, "round") == {"1": 2}
    assert _shown_counts(soup, "strength") == {"urges": 1, "considers": 1}
    assert _shown_counts(soup, "theme") == {"prevention": 1, "protection": 1, "prosecution": 1}
    assert _shown_counts(soup, "status") == {"not_assessed": 1, "implemented": 1}
    government = published[0].addressees.get()
    assert _shown_counts(soup, "addressee") == {str(government.pk): 2}
    assert _shown_counts(soup, "sdg") == {}
    assert "1–2 of 2" in soup.select_one(".tracker__count").get_text()
    # Every facet is a fieldset with a legend; every control has a label.
    assert len(soup.select("fieldset.facet > legend")) == len(tracker.FACETS)
    for control in soup.select("form.tracker-form input:not([type=hidden]), select"):
        assert soup.find("label", attrs={"for": control["id"]}) is not None


def test_selecting_a_facet_narrows_the_results_and_the_other_counts(published, client):
    first, second = published
    response = client.get(URL, {"theme": "prevention"})
    soup = _soup(response)
    assert _page_ids(response) == [second.pk]
    assert _checked(soup, "theme") == ["prevention"]
    # The theme facet is counted without its own selection, the others with it.
    assert _shown_counts(soup, "theme") == {"prevention": 1, "protection": 1, "prosecution": 1}
    assert _shown_counts(soup, "strength") == {"considers": 1}
    assert _shown_counts(soup, "status") == {"not_assessed": 1}
    # The selection is shown as a chip whose link removes it.
    (chip,) = soup.select(".chip")
    assert "Theme:" in chip.get_text() and "Prevention" in chip.get_text()
    assert chip["href"] == URL

    response = client.get(URL, {"theme": "prevention", "status": "implemented"})
    assert _page_ids(response) == []
    soup = _soup(response)
    assert "No published recommendation matches this filter." in soup.get_text()
    both = client.get(f"{URL}?theme=prevention&theme=protection&sort=number")
    assert _page_ids(both) == [first.pk, second.pk]


def test_the_url_holds_the_whole_filter_and_sorting(published, client):
    _first, second = published
    response = client.get(URL, {"strength": "considers", "q": "Recommendation", "sort": "number"})
    soup = _soup(response)
    assert soup.select_one("#tracker-q")["value"] == "Recommendation"
    assert soup.select_one("#tracker-sort option[selected]")["value"] == "number"
    assert _page_ids(response) == [second.pk]
    # The other language keeps the filter.
    russian = soup.select_one('.language-switcher a[hreflang="ru"]')["href"]
    assert russian.startswith("/ru/recommendations/?") and "strength=considers" in russian
    # Sorting from a column heading.
    number_heading = soup.select_one('th[aria-sort="ascending"] a')
    assert number_heading.get_text() == "No."
    by_strength = client.get(URL, {"sort": "strength"})
    assert [r.strength for r in by_strength.context["page_obj"]] == ["urges", "considers"]


# --- Downloads -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
@pytest.mark.parametrize("query", ["", "strength=urges", "theme=prevention&theme=protection"])
def test_the_download_equals_the_current_filter(published, client, fmt, query):
    response = client.get(f"{URL}?{query}")
    links = _download_links(_soup(response))
    assert set(links) == {"csv", "xlsx", "json"}
    assert sorted(_downloaded_ids(client, links[fmt], fmt)) == sorted(_page_ids(response))


def test_the_download_holds_every_page_of_the_filter(demo_data, client):
    response = client.get(URL, {"sort": "number"})
    page = response.context["page_obj"]
    ids = _downloaded_ids(client, _download_links(_soup(response))["csv"], "csv")
    assert len(ids) == page.paginator.count == tracker.published().count()


def test_an_unknown_download_format_is_not_found(demo_data, client):
    assert client.get("/en/recommendations.pdf").status_code == 404
    assert client.get("/en/recommendations.csv", {"strength": "shouts"}).status_code == 200


# --- Bad input -------------------------------------------------------------------------------


def test_an_unknown_value_gives_an_empty_result_and_is_shown(published, client):
    response = client.get(URL, {"strength": "shouts", "round": "one"})
    soup = _soup(response)
    assert _page_ids(response) == []
    text = soup.get_text()
    assert "Unknown value: shouts" in text and "Unknown value: one" in text
    assert "No recommendation can match this filter." in text
    unknown = soup.select(".chip--unknown")
    assert len(unknown) == 2
    assert {chip["href"] for chip in unknown} == {f"{URL}?round=one", f"{URL}?strength=shouts"}
    # A country nobody has published is shown as selected, with nothing found.
    response = client.get(URL, {"country": "xx"})
    assert _page_ids(response) == []
    assert _checked(_soup(response), "country") == ["XX"]


@pytest.mark.parametrize(
    ("query", "page_number"),
    [("page=9999", 2), ("page=abc", 1), ("page=-1", 2), ("page=", 1), ("page=2", 2)],
)
def test_pages_out_of_range_or_malformed(many_published, client, query, page_number):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    page = response.context["page_obj"]
    assert page.paginator.num_pages == 2 and page.number == page_number
    start, end = page.start_index(), page.end_index()
    total = page.paginator.count
    soup = _soup(response)
    assert f"{start}–{end} of {total}" in soup.select_one(".tracker__count").get_text()
    current = soup.select_one(".pagination a[aria-current=page]")
    assert current.get_text() == f"Page {page_number}"
    assert bool(soup.select_one(".pagination a[rel=prev]")) == (page_number == 2)


@pytest.mark.parametrize(
    "query",
    [
        "country=%ZZ&round=1.5&&&=",
        "q=%00%01&sort=%FF%FE",
        "theme=" + "x" * 5000,
        "status=implemented&status=implemented&page=1&page=2",
        "q=<script>alert(1)</script>&country=<b>KZ</b>",
    ],
)
def test_malformed_query_strings_answer_200_and_echo_safely(published, client, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>" not in content and "<b>KZ" not in content.lower()


def test_punctuation_only_search_gives_every_result(published, client):
    response = client.get(URL, {"q": "!!! ... ?"})
    assert sorted(_page_ids(response)) == sorted(r.pk for r in published)
    assert _soup(response).select_one("#tracker-q")["value"] == "!!! ... ?"


def test_only_get_and_head(demo_data, client):
    assert client.post(URL).status_code == 405
    assert client.head(URL).status_code == 200


# --- Confidentiality -------------------------------------------------------------------------


def test_never_a_draft_recommendation(demo_data, client):
    drafts = list(Recommendation.objects.filter(report__published_at__isnull=True))
    assert drafts, "the demo has Kyrgyzstan's draft"
    draft_texts = [t for r in drafts for t in (r.text_en, r.text_ru) if len(t) > 20]
    for path in ("/en/recommendations/", "/ru/recommendations/"):
        for query in ("", "country=KG", "q=Kyrgyz", "sort=-published"):
            response = client.get(f"{path}?{query}")
            page = html.unescape(response.content.decode())
            assert not any(text in page for text in draft_texts)
            assert not {r.pk for r in drafts} & set(_page_ids(response))
        for fmt in ("csv", "xlsx", "json"):
            ids = _downloaded_ids(client, f"{path.rstrip('/')}.{fmt}", fmt)
            assert ids and not {r.pk for r in drafts} & set(ids)
    csv_text = downloaded(client.get("/en/recommendations.csv")).decode("utf-8-sig")
    assert not any(text in csv_text for text in draft_texts)


def test_recommendations_added_by_an_open_correction_stay_out(published, client, secretariat):
    first, _second = published
    report = services.report_correction_open(
        report=first.report, note="Adding one", actor=secretariat
    )
    added = recommendation_services.recommendation_create(
        paragraph=first.paragraph,
        strength="invites",
        text_en="Added by the correction, not yet published",
        text_ru="Добавлена исправлением, ещё не опубликована",
        themes=["partnership"],
        actor=secretariat,
    )
    response = client.get(URL, {"q": "correction"})
    assert added.pk not in _page_ids(response)
    soup = _soup(client.get(URL))
    assert added.pk not in _page_ids(client.get(URL))
    assert _shown_counts(soup, "country") == {"KZ": 2}
    assert "invites" not in _shown_counts(soup, "strength")
    assert added.text_en not in html.unescape(soup.get_text())
    assert added.pk not in _downloaded_ids(client, "/en/recommendations.json", "json")

    services.report_publish(report=report, actor=secretariat, correction_note="One added.")
    assert added.pk in _page_ids(client.get(URL))
    assert _shown_counts(_soup(client.get(URL)), "country") == {"KZ": 3}


def test_a_result_links_to_its_recommendation_in_the_report_page(published, client):
    first, _second = published
    soup = _soup(client.get(URL, {"sort": "number"}))
    link = soup.find("a", href=lambda href: href and href.endswith(f"#r-{first.number}"))
    path, anchor = link["href"].split("#")
    assert path.startswith("/en/countries/") and f"/reports/{first.report_id}/" in path
    report_page = _soup(client.get(path))
    assert report_page.find(id=anchor) is not None


# --- Languages -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "country", "theme"),
    [("en", "Kazakhstan", "Protection"), ("ru", "Казахстан", "Защита")],
)
def test_both_languages_render(demo_data, client, language, country, theme):
    response = client.get(f"/{language}/recommendations/", {"sort": "number"})
    soup = _soup(response)
    assert soup.html["lang"] == language
    first = response.context["page_obj"][0]
    assert getattr(first, f"text_{language}") in html.unescape(response.content.decode())
    country_table = soup.select_one("#chart-country").find_parent("figure").table
    assert country_table.tbody.th.get_text() == country  # chart labels in the page's language
    theme_rows = soup.select_one("#chart-theme").find_parent("figure").select("tbody th")
    assert theme in [row.get_text() for row in theme_rows]
    assert soup.find("form", class_="tracker-form")["action"] == f"/{language}/recommendations/"


def test_a_missing_translation_falls_back_to_english(published, client):
    first, _second = published
    Recommendation.objects.filter(pk=first.pk).update(text_ru="", published_text_ru="")
    soup = _soup(client.get("/ru/recommendations/", {"sort": "number"}))
    cell = soup.select_one(".tracker-table__text")
    assert cell.select_one(".language-note") is not None  # "available in English only"
    fallback = cell.find("p", attrs={"lang": True})
    assert fallback["lang"] == "en" and fallback.get_text() == first.text_en


# --- Charts ----------------------------------------------------------------------------------


def test_charts_are_accessible_svg_with_the_same_figures_as_their_tables(published, client):
    response = client.get(URL)
    content = response.content.decode()
    soup = _soup(response)
    assert "<?xml" not in content and "<!DOCTYPE svg" not in content
    svgs = soup.select("svg.chart")
    assert [svg["id"] for svg in svgs] == ["chart-country", "chart-theme"]
    for svg in svgs:
        assert svg["role"] == "img"
        assert svg.title.get_text() and svg.desc.get_text()
        assert svg["aria-labelledby"] == svg.title["id"]
        assert svg["aria-describedby"] == svg.desc["id"]
        assert not svg.select("[style]")  # presentation attributes only (CSP)
        assert "Implemented" in svg.get_text()  # the legend names the statuses
    ids = [element["id"] for element in soup.select("[id]")]
    assert len(ids) == len(set(ids))

    def table(chart_id):
        figure = soup.select_one(f"#{chart_id}").find_parent("figure")
        heads = [th.get_text() for th in figure.select("thead th")]
        rows = {
            tr.th.get_text(): [int(td.get_text()) for td in tr.select("td")]
            for tr in figure.select("tbody tr")
        }
        return heads, rows

    heads, rows = table("chart-country")
    assert heads == ["Country", "Not yet assessed", "Implemented", "Total"]
    assert rows == {"Kazakhstan": [1, 1, 2]}
    heads, rows = table("chart-theme")
    assert heads == ["Theme", "Not yet assessed", "Implemented", "Total"]
    assert rows == {"Prevention": [1, 0, 1], "Protection": [0, 1, 1], "Prosecution": [1, 0, 1]}
    # The charts follow the filter.
    soup = _soup(client.get(URL, {"status": "implemented"}))
    figure = soup.select_one("#chart-theme").find_parent("figure")
    assert [tr.th.get_text() for tr in figure.select("tbody tr")] == ["Protection"]


def test_no_chart_without_results(published, client):
    soup = _soup(client.get(URL, {"strength": "shouts"}))
    assert not soup.select("svg") and not soup.select(".tracker__charts")


def test_status_chart_segments_follow_the_statuses():
    rows = [
        StatusRow(key=1, label="Kazakhstan", counts={"implemented": 3, "not_assessed": 1}),
        StatusRow(key=2, label="Kyrgyzstan <&>", counts={"not_implemented": 2}),
    ]
    markup = status_chart_markup(
        rows, width=380, element_id="c", title="Status <by> country", description="d"
    )
    assert markup.startswith("<svg") and "Kyrgyzstan &lt;&amp;&gt;" in markup
    assert '<title id="c-title">Status &lt;by&gt; country</title>' in markup
    assert "style=" not in markup and "<script" not in markup
    root = ElementTree.fromstring(markup)  # noqa: S314 - our own markup
    svg = "{http://www.w3.org/2000/svg}"
    labels, bars, counts, _axis, _ticks, legend = root.findall(f"{svg}g")
    assert [t.text for t in labels] == ["Kazakhstan", "Kyrgyzstan <&>"]  # top-down, as the table
    colours = {status: colour.hexval()[2:] for status, colour in charts.STATUS_COLOURS.items()}
    segments = [(r.get("fill"), float(r.get("width")), float(r.get("y"))) for r in bars]
    # Kazakhstan: not assessed then implemented, in the statuses' order; Kyrgyzstan below it.
    assert [fill for fill, _w, _y in segments] == [
        "#" + colours["not_assessed"],
        "#" + colours["implemented"],
        "#" + colours["not_implemented"],
    ]
    one = segments[0][1]
    assert segments[1][1] == pytest.approx(3 * one, abs=0.2)
    assert segments[2][1] == pytest.approx(2 * one, abs=0.2)
    assert segments[0][2] == segments[1][2] < segments[2][2]
    assert sorted(t.text for t in counts) == ["1", "2", "3"]
    # The legend names only the statuses present.
    assert [t.text for t in legend.findall(f"{svg}text")] == [
        "Not yet assessed",
        "Not implemented",
        "Implemented",
    ]


def test_a_status_chart_of_nothing_is_still_a_chart():
    markup = status_chart_markup([], width=380, element_id="e", title="t", description="d")
    root = ElementTree.fromstring(markup)  # noqa: S314 - our own markup
    assert root.get("role") == "img" and float(root.get("height")) > 0


# --- Markup rules ----------------------------------------------------------------------------


def test_no_inline_script(published, client):
    content = client.get(URL).content.decode()
    assert "<script" not in content
    assert " onclick=" not in content and " onchange=" not in content


# --- Query count -----------------------------------------------------------------------------


@pytest.fixture
def many_published(demo_data, secretariat):
    """Twenty more published recommendations beside the demo's sixteen: two pages."""
    report = generate_report(paragraphs=30, recommendations=20)
    publish_directly(report)
    report.recommendations.all().copy_to_published()
    return report


def _publish_large(secretariat) -> Report:
    report = generate_report(paragraphs=200, recommendations=150)
    publish_directly(report, published_at=timezone.now() - timedelta(days=1))
    recommendations = list(report.recommendations.all())
    Assessment.objects.bulk_create(
        Assessment(
            recommendation=recommendation,
            cycle=cycle,
            status=("implemented", "partly_implemented", "not_implemented")[(n + cycle) % 3],
            reasoning_en="Generated",
            assessed_on=date(2026, 1, cycle),
            assessor=secretariat,
        )
        for n, recommendation in enumerate(recommendations)
        for cycle in (1, 2)
    )
    Recommendation.objects.filter(pk__in=[r.pk for r in recommendations]).refresh_current_status()
    RecommendationTheme.objects.bulk_create(
        (
            RecommendationTheme(recommendation=recommendation, theme="protection")
            for recommendation in recommendations[::2]
        ),
        ignore_conflicts=True,
    )
    Recommendation.objects.filter(pk__in=[r.pk for r in recommendations]).refresh_theme_mask()
    report.recommendations.all().copy_to_published()
    return report


@pytest.mark.parametrize(
    "query",
    [
        "",
        "theme=protection&strength=urges&status=not_implemented&status=not_assessed",
        "q=victims",
    ],
)
def test_the_query_count_does_not_grow_with_the_data(
    demo_data, client, secretariat, django_assert_max_num_queries, query
):
    with CaptureQueriesContext(connection) as small:
        response = client.get(f"{URL}?{query}")
    assert response.context["page_obj"].paginator.count > 0  # rows, themes and addressees read
    assert len(small) <= 20
    _publish_large(secretariat)
    with django_assert_max_num_queries(len(small)):
        response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count > 16
    with django_assert_max_num_queries(6):
        assert client.get(f"/en/recommendations.csv?{query}").status_code == 200
