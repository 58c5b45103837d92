"""Every page type of the public site renders in English and Russian with its content."""

import pytest
from django.conf import settings
from django.urls import reverse

from evaluation_rounds.models import CountryEvaluation, EvaluationRound
from evaluation_rounds.procedure import State
from monitoring.models import Country
from questionnaires.models import Questionnaire

from .helpers import KG_DRAFT_TEXT, report_path


def get(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("en", ["Key figures", "Latest publications", "Latest news", "First evaluation report"]),
        ("ru", ["Опубликован первый доклад об оценке", "Доклад об оценке: Казахстан"]),
    ],
)
def test_home_page_shows_figures_publications_and_news(demo_data, client, language, texts):
    content = get(client, f"/{language}/")
    for text in texts:
        assert text in content
    assert f'href="/{language}/countries/kazakhstan/reports/' in content
    assert 'class="figures"' in content


def test_home_page_figures_count_only_published_work(kz_report, client):
    figures = client.get("/en/").context["figures"]
    published = kz_report.recommendations.count()
    assert (figures.countries_evaluated, figures.reports_published) == (1, 1)
    assert figures.recommendations_published == published
    assert 0 <= figures.share_implemented <= 100


@pytest.mark.parametrize(
    ("language", "steps"),
    [
        ("en", ["Questionnaire sent", "Draft with the government for comments", "Closed"]),
        ("ru", ["Опубликован", "Проект направлен правительству для комментариев"]),
    ],
)
def test_about_page_draws_the_procedure_steps(demo_data, client, language, steps):
    content = get(client, f"/{language}/about/")
    assert '<ol class="procedure-steps">' in content
    for step in steps:
        assert step in content
    assert content.count('class="procedure-step') >= len(State.values)


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("en", ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]),
        ("ru", ["Казахстан", "Кыргызстан", "Таджикистан", "Туркменистан", "Узбекистан"]),
    ],
)
def test_country_index_lists_the_five_countries_with_their_stage(
    demo_data, client, language, names
):
    content = get(client, f"/{language}/countries/")
    for name in names:
        assert name in content
    assert f'href="/{language}/countries/uzbekistan/"' in content
    assert "stage--published" in content  # Kazakhstan
    assert "stage--draft_with_government" in content  # Kyrgyzstan: the stage, not the draft


def test_urgent_procedures_are_not_announced(demo_data, client):
    kazakhstan = Country.objects.get(iso_code="KZ")
    CountryEvaluation.objects.create(
        round=EvaluationRound.objects.get(number=1),
        country=kazakhstan,
        kind=CountryEvaluation.Kind.URGENT,
        state=State.DRAFT_IN_PREPARATION,
        urgent_reason="Confidential reason",
    )
    content = get(client, "/en/countries/kazakhstan/")
    assert "stage--draft_in_preparation" not in content
    assert "Confidential reason" not in content


@pytest.mark.parametrize("language", ["en", "ru"])
def test_country_page_lists_reports_chart_laws_and_bodies(kz_report, client, language):
    content = get(client, f"/{language}/countries/kazakhstan/")
    assert f'href="{report_path(kz_report, language)}"' in content
    assert f'href="/{language}/reports/{kz_report.pk}.pdf"' in content
    assert 'role="img"' in content and "<title" in content  # the chart, named
    assert 'class="table chart-table"' in content  # and its figures as a table
    assert "128" in content  # Criminal Code article, from the key laws
    body = "Ministry of Internal Affairs" if language == "en" else "Министерство внутренних дел"
    assert body in content


def test_country_page_chart_counts_match_the_recommendations(kz_report, client):
    chart = client.get("/en/countries/kazakhstan/").context["chart"]
    (label, counts, total) = chart.rows[0]
    assert label == "Round 1"
    assert total == sum(counts) == kz_report.recommendations.count()


def test_a_country_with_a_draft_lists_no_report(kg_draft, client):
    content = get(client, "/en/countries/kyrgyzstan/")
    assert "No report on this country has been published yet." in content
    assert kg_draft.title_en not in content
    assert f"/reports/{kg_draft.pk}" not in content
    assert KG_DRAFT_TEXT["en"] not in content


@pytest.mark.parametrize("language", ["en", "ru"])
def test_round_pages_show_theme_questionnaire_and_progress(demo_data, client, language):
    index = get(client, f"/{language}/rounds/")
    assert f'href="/{language}/rounds/round-1/"' in index
    content = get(client, f"/{language}/rounds/round-1/")
    round_one = EvaluationRound.objects.get(number=1)
    assert str(getattr(round_one, f"theme_{language}")) in content
    questionnaire = Questionnaire.objects.filter(round=round_one, frozen_at__isnull=False).first()
    assert f"/{language}/rounds/round-1/questionnaires/{questionnaire.pk}/" in content
    assert f'href="/{language}/countries/kyrgyzstan/"' in content
    assert "stage--draft_with_government" in content


def test_an_adopted_questionnaire_reads_and_downloads(demo_data, client):
    questionnaire = Questionnaire.objects.filter(round__number=1, frozen_at__isnull=False).first()
    base = f"/en/rounds/round-1/questionnaires/{questionnaire.pk}/"
    content = get(client, base)
    assert questionnaire.title_en in content
    assert questionnaire.sections.first().title_en in content
    response = client.get(f"{base}pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_questionnaire_not_yet_adopted_is_not_available(demo_data, client):
    round_two = EvaluationRound.objects.get(number=2)
    draft = Questionnaire.objects.create(
        round=round_two, audience="government", title_en="Draft questions", title_ru="Проект"
    )
    content = get(client, "/en/rounds/round-2/")
    assert "The questionnaire for this round is not yet available" in content
    assert "Draft questions" not in content
    assert client.get(f"/en/rounds/round-2/questionnaires/{draft.pk}/").status_code == 404
    assert client.get(f"/en/rounds/round-2/questionnaires/{draft.pk}/pdf/").status_code == 404
    # An adopted questionnaire of another round is not served under this one either.
    other = Questionnaire.objects.filter(round__number=1, frozen_at__isnull=False).first()
    assert client.get(f"/en/rounds/round-2/questionnaires/{other.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("language", "title"),
    [("en", "Third plenary meeting held in Bishkek"), ("ru", "Третье пленарное заседание")],
)
def test_news_index_and_news_item(demo_data, client, language, title):
    index = get(client, f"/{language}/news/")
    assert title in index
    content = get(client, f"/{language}/news/third-plenary-bishkek/")
    assert title in content
    assert "Demonstration content" in content or "Демонстрационные данные" in content


def test_news_index_out_of_range_page_shows_the_last_page(demo_data, client):
    response = client.get("/en/news/?page=99")
    assert response.status_code == 200
    assert response.context["page_obj"].number == response.context["page_obj"].paginator.num_pages


@pytest.mark.parametrize("language", ["en", "ru"])
def test_search_page_without_a_query(demo_data, client, language):
    content = get(client, f"/{language}/search/")
    assert 'role="search"' in content
    assert 'class="empty-state"' in content


def test_pages_carry_open_graph_canonical_and_hreflang(demo_data, client):
    content = get(client, "/en/countries/kazakhstan/")
    assert '<meta property="og:title" content="Kazakhstan">' in content
    site = settings.WAGTAILADMIN_BASE_URL  # the demo site follows the configured address
    assert f'<meta property="og:url" content="{site}/en/countries/kazakhstan/">' in content
    assert f'<link rel="canonical" href="{site}/en/countries/kazakhstan/">' in content
    assert f'hreflang="ru" href="{site}/ru/countries/kazakhstan/"' in content
    assert '<meta property="og:locale" content="en_GB">' in content
    assert f'href="{reverse("feed_rss")}"' in content


def test_navigation_marks_the_current_section(demo_data, client):
    content = get(client, "/en/countries/kazakhstan/")
    assert '<a href="/en/countries/" aria-current="true">' in content
    assert '<a href="/en/news/">' in content


def test_sitemap_lists_the_new_pages_and_the_published_report(kz_report, kg_draft, client):
    content = get(client, "/sitemap.xml")
    for path in (
        "/en/countries/",
        "/ru/countries/kazakhstan/",
        "/en/rounds/round-1/",
        "/ru/news/first-report-kazakhstan/",
        "/en/search/",
        report_path(kz_report, "en"),
        report_path(kz_report, "ru"),
    ):
        assert f"{path}</loc>" in content, path
    assert f"/reports/{kg_draft.pk}/" not in content


def test_seeding_twice_keeps_one_page_of_each(demo_data):
    from wagtail.models import Page

    before = Page.objects.count()
    demo_data.seed()
    assert Page.objects.count() == before
    assert Page.objects.filter(slug="kazakhstan").count() == 2


def test_every_page_type_opens_in_the_editor(login_as):
    from wagtail.models import Page

    client = login_as("secretariat")
    for model in ("countryindexpage", "countrypage", "roundindexpage", "roundpage"):
        page = Page.objects.filter(content_type__model=model, locale__language_code="en").first()
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200, model
    for model in ("newsindexpage", "newspage", "searchpage", "standardpage", "homepage"):
        page = Page.objects.filter(content_type__model=model, locale__language_code="ru").first()
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200, model
