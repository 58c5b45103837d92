"""Text with an apostrophe or quotes is escaped once: the reader sees "government's", never
"government&#x27;s", in the portal and in the public search results."""

from bs4 import BeautifulSoup
from django.urls import reverse

from questionnaires.models import Question, Response, Section

ENTITIES = ("&#x27;", "&#39;", "&quot;", "&amp;")


def visible_text(response) -> str:
    assert response.status_code == 200
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


def test_the_portal_shows_an_apostrophe_as_written(login_as, demo_data):
    response = Response.objects.get(organisation__name_en='Public Association "El Agartuu"')
    section = Section.objects.filter(questionnaire=response.questionnaire).first()
    Question.objects.create(
        section=section,
        code="1.98",
        question_type="long_text",
        text_en="What is the government's reply to \"Women's Support Centre\"?",
        text_ru="Каков ответ правительства?",
    )
    client = login_as("ngo-kg")
    pages = [
        client.get(reverse("portal:dashboard")),
        client.get(reverse("portal:response", args=[response.pk])),
        client.get(reverse("portal:section", args=[response.pk, section.pk])),
    ]
    texts = [visible_text(page) for page in pages]
    assert 'Public Association "El Agartuu"' in texts[0]
    assert "What is the government's reply to \"Women's Support Centre\"?" in texts[2]
    for text in texts:
        assert not any(entity in text for entity in ENTITIES)


def test_search_results_show_an_apostrophe_as_written(client, demo_data):
    # The published Kazakh report says "the government's reply" (demo/content/reports.py).
    text = visible_text(client.get("/en/search/", {"q": "government reply questionnaire"}))
    assert "government's reply" in text
    assert not any(entity in text for entity in ENTITIES)
