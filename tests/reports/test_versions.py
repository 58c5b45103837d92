"""Two rapporteurs at once: an edit carries the version it read; a stale save is refused with
nothing written and shown beside the other person's text, with a merge form that saves; a
second click on the same form neither duplicates nor fails. Paragraphs and recommendations."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from recommendations import services as recommendation_services
from recommendations.models import Recommendation
from reports import services
from reports.models import Paragraph
from tests.rendered_forms import form_in, submit
from tests.reports.rich_text import contentstate_for, html_in, plain_contentstate_for

FORM = "form.procedure-form"
FIRST, SECOND = "expert-kz-2", "expert-uz"  # Kyrgyzstan's two rapporteurs


@pytest.fixture
def two_rapporteurs(user_named):
    clients = []
    for username in (FIRST, SECOND):
        client = Client()
        client.force_login(user_named(username))
        clients.append(client)
    return clients


def paragraph_of(report, number=1):
    return Paragraph.objects.get(chapter__report=report, number=number)


def edit_url(report, paragraph):
    return reverse("reports:paragraph_edit", args=[report.pk, paragraph.pk])


def recommendation_url(report, recommendation):
    return reverse("recommendations:recommendation_edit", args=[report.pk, recommendation.pk])


def hidden_version(response) -> str:
    return form_in(response, FORM).fields["version"][0]


def test_the_form_carries_the_version_it_read(two_rapporteurs, kg_report):
    first, _ = two_rapporteurs
    paragraph = paragraph_of(kg_report)
    page = first.get(edit_url(kg_report, paragraph))
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select_one(f"{FORM} input[type=hidden][name=version]")["value"] == "1"


def test_concurrent_paragraph_edits_end_in_a_merge(two_rapporteurs, kg_report, user_named):
    first, second = two_rapporteurs
    paragraph = paragraph_of(kg_report)
    url = edit_url(kg_report, paragraph)
    page_one, page_two = first.get(url), second.get(url)

    saved = submit(
        first, page_one, FORM, {"text_en": contentstate_for("<p>First rapporteur wording</p>")}
    )
    assert saved.status_code == 302
    paragraph.refresh_from_db()
    assert paragraph.version == 2

    clash = submit(
        second, page_two, FORM, {"text_en": contentstate_for("<p>Second rapporteur wording</p>")}
    )
    assert clash.status_code == 409
    paragraph.refresh_from_db()
    assert (paragraph.text_en, paragraph.version) == ("<p>First rapporteur wording</p>", 2)
    soup = BeautifulSoup(clash.content, "html.parser")
    panel = soup.select_one(".version-conflict")
    theirs = panel.select_one(".version-conflict__theirs").get_text()
    yours = panel.select_one(".version-conflict__yours").get_text()
    assert "First rapporteur wording" in theirs and "Second rapporteur wording" in yours
    who = user_named(FIRST)
    assert (who.get_full_name() or who.username) in panel.get_text()
    assert panel.select("ins") and panel.select("del")  # the word diff, theirs → yours
    # The merge form keeps what the second rapporteur typed and carries the stored version.
    merge = form_in(clash, FORM)
    assert [html_in(value) for value in merge.fields["text_en"]] == [
        "<p>Second rapporteur wording</p>"
    ]
    assert merge.fields["version"] == ["2"]

    merged = submit(
        second, clash, FORM, {"text_en": contentstate_for("<p>First and second wording</p>")}
    )
    assert merged.status_code == 302
    paragraph.refresh_from_db()
    assert paragraph.text_en == "<p>First and second wording</p>"
    assert paragraph.version == 3
    # Each save is a revision that records its version.
    recorded = [v.field_dict["version"] for v in Version.objects.get_for_object(paragraph)]
    assert recorded[:2] == [3, 2]


def test_the_service_refuses_a_stale_version_and_writes_nothing(kg_report, user_named):
    paragraph = paragraph_of(kg_report)
    rapporteur = user_named(FIRST)
    services.paragraph_update(
        paragraph=paragraph,
        text_en="<p>Newer</p>",
        text_ru="",
        expected_version=1,
        actor=rapporteur,
    )
    revisions = Version.objects.get_for_object(paragraph).count()
    stale = paragraph_of(kg_report)
    with pytest.raises(services.StaleVersion) as refusal:
        services.paragraph_update(
            paragraph=stale,
            text_en="<p>Older</p>",
            text_ru="<p>Старее</p>",
            expected_version=1,
            actor=user_named(SECOND),
        )
    assert refusal.value.current.text_en == "<p>Newer</p>"
    stored = paragraph_of(kg_report)
    assert (stored.text_en, stored.text_ru, stored.version) == ("<p>Newer</p>", "", 2)
    assert stored.text_ru_changed_at is None
    assert Version.objects.get_for_object(paragraph).count() == revisions


def test_a_double_submit_saves_once_and_fails_nothing(two_rapporteurs, kg_report):
    first, _ = two_rapporteurs
    paragraph = paragraph_of(kg_report)
    page = first.get(edit_url(kg_report, paragraph))
    revisions = Version.objects.get_for_object(paragraph).count()
    change = {"text_en": contentstate_for("<p>Clicked twice</p>")}
    assert submit(first, page, FORM, change).status_code == 302
    again = submit(first, page, FORM, change)  # the same form, the same version, again
    assert again.status_code == 302
    paragraph.refresh_from_db()
    assert (paragraph.text_en, paragraph.version) == ("<p>Clicked twice</p>", 2)
    assert Paragraph.objects.filter(chapter__report=kg_report).count() == 4
    assert Version.objects.get_for_object(paragraph).count() == revisions + 1


def test_a_double_submit_after_someone_else_saved_is_a_conflict(two_rapporteurs, kg_report):
    first, second = two_rapporteurs
    paragraph = paragraph_of(kg_report)
    url = edit_url(kg_report, paragraph)
    page_one, page_two = first.get(url), second.get(url)
    submit(second, page_two, FORM, {"text_en": contentstate_for("<p>Second</p>")})
    assert (
        submit(first, page_one, FORM, {"text_en": contentstate_for("<p>First</p>")}).status_code
        == 409
    )
    assert (
        submit(first, page_one, FORM, {"text_en": contentstate_for("<p>First</p>")}).status_code
        == 409
    )
    paragraph.refresh_from_db()
    assert (paragraph.text_en, paragraph.version) == ("<p>Second</p>", 2)


def test_a_post_without_the_version_is_refused(two_rapporteurs, kg_report):
    first, _ = two_rapporteurs
    paragraph = paragraph_of(kg_report)
    page = first.get(edit_url(kg_report, paragraph))
    response = submit(
        first, page, FORM, {"text_en": contentstate_for("<p>Forged</p>"), "version": None}
    )
    assert response.status_code == 400
    assert "This form is out of date" in response.content.decode()
    paragraph.refresh_from_db()
    assert paragraph.text_en == "<p>Chapter 1, text 1</p>"


def test_concurrent_recommendation_edits_end_in_a_merge(two_rapporteurs, kg_report):
    first, second = two_rapporteurs
    recommendation = kg_report.recommendations.get(number=1)
    url = recommendation_url(kg_report, recommendation)
    page_one, page_two = first.get(url), second.get(url)
    assert hidden_version(page_one) == "1"

    assert (
        submit(
            first, page_one, FORM, {"text_ru": plain_contentstate_for("Рекомендация первого")}
        ).status_code
        == 302
    )
    recommendation.refresh_from_db()
    assert recommendation.version == 2

    clash = submit(
        second, page_two, FORM, {"text_ru": plain_contentstate_for("Рекомендация второго")}
    )
    assert clash.status_code == 409
    recommendation.refresh_from_db()
    assert (recommendation.text_ru, recommendation.version) == ("Рекомендация первого", 2)
    panel = BeautifulSoup(clash.content, "html.parser").select_one(".version-conflict")
    assert "Рекомендация первого" in panel.select(".version-conflict__theirs")[1].get_text()
    assert "Рекомендация второго" in panel.select(".version-conflict__yours")[1].get_text()
    assert hidden_version(clash) == "2"

    assert submit(second, clash, FORM).status_code == 302  # the merge, saved as rendered
    recommendation.refresh_from_db()
    assert (recommendation.text_ru, recommendation.version) == ("Рекомендация второго", 3)
    assert recommendation.theme_values == ["protection"]  # the rest of the form kept


def test_recommendation_service_refuses_a_stale_version(kg_report, user_named):
    recommendation = kg_report.recommendations.get(number=1)
    recommendation_services.recommendation_update(
        recommendation=recommendation,
        text_en="Newer",
        expected_version=1,
        actor=user_named(FIRST),
    )
    stale = Recommendation.objects.get(pk=recommendation.pk)
    stale.version = 1
    with pytest.raises(services.StaleVersion):
        recommendation_services.recommendation_update(
            recommendation=stale,
            text_en="Older",
            themes=["prevention"],
            expected_version=1,
            actor=user_named(SECOND),
        )
    stored = Recommendation.objects.get(pk=recommendation.pk)
    assert (stored.text_en, stored.version, stored.theme_values) == ("Newer", 2, ["protection"])


def test_recommendation_double_submit_saves_once(two_rapporteurs, kg_report):
    first, _ = two_rapporteurs
    recommendation = kg_report.recommendations.get(number=2)
    page = first.get(recommendation_url(kg_report, recommendation))
    change = {"text_en": plain_contentstate_for("Said twice")}
    assert submit(first, page, FORM, change).status_code == 302
    assert submit(first, page, FORM, change).status_code == 302
    recommendation.refresh_from_db()
    assert (recommendation.text_en, recommendation.version) == ("Said twice", 2)
    assert kg_report.recommendations.count() == 2
