"""What `make demo` promises a visitor (issue 6): after `seed_demo`, the public site shows
Kazakhstan's published report with its comments, the tracker with every demo recommendation,
the country pages, two news items and a working search, in English and in Russian."""

from io import StringIO

import pytest
from django.core.management import call_command

from monitoring.models import Country
from recommendations.models import Recommendation
from reports.models import Report

from .helpers import KG_DRAFT_TEXT, report_path

# A word of Kazakhstan's report that its text and its recommendations both use, per language.
SEARCH_WORD = {"en": "compensation", "ru": "компенсацию"}


def read(client, path: str, **params) -> str:
    response = client.get(path, params)
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.fixture
def seeded(db, settings) -> None:
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", stdout=StringIO())
    settings.DEBUG = False


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_demo_shows_what_the_issue_promises(seeded, client, lang):
    report = Report.objects.get(evaluation__country__iso_code="KZ", published_at__isnull=False)
    report_url = report_path(report, lang)

    # Kazakhstan's published report, with the government's final comments beside it.
    content = read(client, report_url)
    assert getattr(report, f"title_{lang}") in content
    comments = report.published_content["final_comments"]
    assert comments
    assert 'id="final-comments"' in content
    for comment in comments:
        assert comment["text"][:60] in content
    home = read(client, f"/{lang}/")
    assert f'href="{report_url}"' in home

    # The tracker: every recommendation of a published demo report, and nothing else.
    published = Recommendation.objects.filter(report__published_at__isnull=False)
    assert published.count() >= 10
    tracker, page = "", 1
    while True:
        response = client.get(f"/{lang}/recommendations/", {"page": page})
        assert response.status_code == 200
        tracker += response.content.decode()
        if not response.context["page_obj"].has_next():
            break
        page += 1
    assert response.context["page_obj"].paginator.count == published.count()
    for recommendation in published.select_related("report__evaluation__country"):
        slug = recommendation.report.evaluation.country.name_en.lower()
        url = report_path(recommendation.report, lang, slug)
        assert f'href="{url}#r-{recommendation.number}"' in tracker, recommendation
    assert KG_DRAFT_TEXT[lang] not in tracker

    # A page for each evaluated country, under its own name.
    countries = read(client, f"/{lang}/countries/")
    for country in Country.objects.evaluated():
        slug = country.name_en.lower()
        assert f'href="/{lang}/countries/{slug}/"' in countries
        name = getattr(country, f"name_{lang}")
        assert f"<h1>{name}</h1>" in read(client, f"/{lang}/countries/{slug}/"), slug

    # Two news items, listed and each readable.
    news = read(client, f"/{lang}/news/")
    assert news.count('class="news-list__item"') == 2
    for slug in ("first-report-kazakhstan", "third-plenary-bishkek"):
        assert f'href="/{lang}/news/{slug}/"' in news
        read(client, f"/{lang}/news/{slug}/")

    # The search finds the report's paragraphs and recommendations and marks the word.
    response = client.get(f"/{lang}/search/", {"q": SEARCH_WORD[lang]})
    assert response.status_code == 200
    hits = list(response.context["search"].page_obj)
    assert {"paragraph", "recommendation"} <= {hit.kind for hit in hits}
    assert any(hit.url.startswith(f"{report_url}#p-") for hit in hits)
    assert any(hit.url.startswith(f"{report_url}#r-") for hit in hits)
    assert f"<mark>{SEARCH_WORD[lang]}</mark>" in response.content.decode().lower()
