"""RSS and Atom feeds of news and publications, per language."""

from xml.etree import ElementTree

import pytest

from .helpers import report_path

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)  # noqa: S314 - our own feed


def test_rss_lists_the_published_report_and_the_news(kz_report, kg_draft, client):
    channel = parse(client, "/en/feeds/rss/").find("channel")
    assert channel.findtext("language") == "en"
    items = {item.findtext("title"): item.findtext("link") for item in channel.iter("item")}
    assert items[kz_report.title_en] == f"http://testserver{report_path(kz_report)}"
    assert items["Third plenary meeting held in Bishkek"].endswith(
        "/en/news/third-plenary-bishkek/"
    )
    assert kg_draft.title_en not in items


def test_atom_feed_in_russian(kz_report, client):
    feed = parse(client, "/ru/feeds/atom/")
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert kz_report.title_ru in titles
    assert "Третье пленарное заседание прошло в Бишкеке" in titles


@pytest.mark.parametrize(
    ("path", "newer", "older"),
    [
        ("/en/feeds/rss/", "Third plenary", "First evaluation report"),
        ("/ru/feeds/atom/", "Третье пленарное", "Опубликован первый доклад"),
    ],
)
def test_feeds_are_newest_first(demo_data, client, path, newer, older):
    content = client.get(path).content.decode()
    assert content.index(newer) < content.index(older)
