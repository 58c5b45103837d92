"""The public face of the published replies: listed with the report on the country page, each
on its own page in English and Russian; never a confidential answer, a reply held back or left
out, nor one of a draft report; a fixed number of queries whatever the number of replies."""

import pytest

from questionnaires import services as answering
from questionnaires.models import Question, Response
from reports import services
from reports.models import ReplyPublication
from tests.reports.conftest import build_report, kg_evaluation, to_final_comments  # noqa: F401
from tests.reports.test_published_replies import (
    SECRET,
    publish_with_replies,
    submitted_government_reply,
    submitted_ngo_reply,
)
from tests.security.test_pdf_markup import images_in, link_actions, read_pdf, shows_literally

COUNTRY = "/{lang}/countries/{slug}/"


def reply_path(reply, language="en"):
    slug = reply.report.evaluation.country.name_en.lower()
    return f"/{language}/countries/{slug}/replies/{reply.pk}/"


@pytest.fixture
def kg_published(kg_evaluation, secretariat, user_named, to_final_comments):  # noqa: F811
    """Kyrgyzstan's report published with the government's reply and a consenting NGO's,
    one of whose answers is confidential."""
    report = build_report(kg_evaluation, secretariat)
    return publish_with_replies(report, secretariat, user_named, to_final_comments)


def test_the_demo_government_reply_is_on_the_country_page_in_both_languages(demo_data, client):
    reply = ReplyPublication.objects.get(
        report__evaluation__country__iso_code="KZ", is_government=True
    )
    assert reply.outcome == "published"
    english = client.get(COUNTRY.format(lang="en", slug="kazakhstan")).content.decode()
    assert "Reply of the government" in english and reply_path(reply) in english
    russian = client.get(COUNTRY.format(lang="ru", slug="kazakhstan")).content.decode()
    assert "Ответ правительства" in russian and reply_path(reply, "ru") in russian
    page = client.get(reply_path(reply))
    assert page.status_code == 200
    section = reply.content["sections"][0]
    question = section["questions"][0]
    html = page.content.decode()
    assert question["text_en"] in html
    ru = client.get(reply_path(reply, "ru")).content.decode()
    assert question["text_ru"] in ru
    assert 'name="viewport"' in html  # the phone's layout comes from the public base


def test_a_statistics_table_is_published_as_a_table(demo_data, client):
    reply = ReplyPublication.objects.get(
        report__evaluation__country__iso_code="KZ", is_government=True
    )
    tables = [
        q
        for s in reply.content["sections"]
        for q in s["questions"]
        if q["type"] == "table" and q["value"]
    ]
    assert tables
    html = client.get(reply_path(reply)).content.decode()
    assert '<div class="table-scroll">' in html and "<table" in html


def test_a_confidential_answer_is_withheld_on_the_public_page(kg_published, client):
    _report, _government, ngo = kg_published
    reply = ReplyPublication.objects.get(response=ngo)
    html = client.get(reply_path(reply)).content.decode()
    assert "Confidential answer withheld" in html
    assert SECRET not in html
    ru = client.get(reply_path(reply, "ru")).content.decode()
    assert "Конфиденциальный ответ не публикуется" in ru and SECRET not in ru


def test_a_held_back_or_left_out_reply_never_reaches_the_public(
    kg_evaluation,  # noqa: F811
    secretariat,
    user_named,
    to_final_comments,  # noqa: F811
    client,
):
    report = build_report(kg_evaluation, secretariat)
    government = submitted_government_reply(kg_evaluation, user_named)
    ngo = submitted_ngo_reply(kg_evaluation, user_named, consent=False)
    to_final_comments(kg_evaluation)
    report.refresh_from_db()
    services.report_publish(
        report=report,
        actor=secretariat,
        hold_back_government_reply=True,
        hold_back_reason="Awaiting the ministry's text.",
    )
    country = client.get(COUNTRY.format(lang="en", slug="kyrgyzstan")).content.decode()
    assert "Reply of the" not in country
    for response in (government, ngo):
        row = ReplyPublication.objects.get(response=response)
        assert client.get(reply_path(row)).status_code == 404


def test_a_reply_is_not_served_under_another_country(kg_published, client):
    _report, government, _ngo = kg_published
    reply = ReplyPublication.objects.get(response=government)
    assert client.get(f"/en/countries/kazakhstan/replies/{reply.pk}/").status_code == 404


def test_the_country_page_counts_its_queries_whatever_the_replies(
    kg_published, client, django_assert_max_num_queries
):
    url = COUNTRY.format(lang="en", slug="kyrgyzstan")
    client.get(url)  # warm the caches every page shares
    assert ReplyPublication.objects.filter(report=kg_published[0], outcome="published").count() == 2
    with django_assert_max_num_queries(QUERIES_COUNTRY):
        html = client.get(url).content.decode()
    assert html.count("/replies/") == 2
    for reply in ReplyPublication.objects.filter(report=kg_published[0]):
        client.get(reply_path(reply))
        with django_assert_max_num_queries(QUERIES_REPLY):
            assert client.get(reply_path(reply)).status_code == 200


# Measured with two published replies (the government's and an NGO's); the replies cost
# one query on the country page and the snapshot one on the reply's page, whatever their size.
QUERIES_COUNTRY = 18
QUERIES_REPLY = 13


def test_the_reply_pdf_prints_the_snapshot_with_the_confidential_answer_withheld(
    kg_published, client
):
    _report, _government, ngo = kg_published
    reply = ReplyPublication.objects.get(response=ngo)
    page = client.get(reply_path(reply)).content.decode()
    pdf_path = f"{reply_path(reply)}pdf/"
    assert pdf_path in page
    for language, withheld in (("en", "Confidential answer withheld"), ("ru", "Конфиденциальный")):
        response = client.get(pdf_path.replace("/en/", f"/{language}/"))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        reader = read_pdf(response.content)
        assert shows_literally(reader, withheld)
        assert not shows_literally(reader, SECRET)


def test_hostile_text_in_an_answer_is_printed_as_text(
    kg_evaluation,  # noqa: F811
    secretariat,
    user_named,
    to_final_comments,  # noqa: F811
    client,
    tmp_path,
):
    hostile = f'<img src="{tmp_path}/x.png"/> <a href="file:///etc/passwd">link</a> & <b>'
    report = build_report(kg_evaluation, secretariat)
    government = Response.objects.get(
        evaluation=kg_evaluation, organisation__is_national_government=True
    )
    contact = user_named("kg-contact")
    question = Question.objects.filter(
        section__questionnaire=government.questionnaire, question_type="long_text"
    ).first()
    stored = government.answers.filter(question=question).first()
    answering.answer_save(
        response=government,
        question=question,
        data={f"q{question.pk}": hostile},
        actor=contact,
        expected_version=stored.version if stored else None,
    )
    submitted_government_reply(kg_evaluation, user_named)
    to_final_comments(kg_evaluation)
    report.refresh_from_db()
    services.report_publish(report=report, actor=secretariat)
    reply = ReplyPublication.objects.get(response=government)
    html = client.get(reply_path(reply)).content.decode()
    assert "<img src=" not in html and "&lt;img src=" in html
    reader = read_pdf(client.get(f"{reply_path(reply)}pdf/").content)
    assert images_in(reader) == [] and link_actions(reader) == []
    assert shows_literally(reader, hostile)


def test_the_public_search_finds_answers_of_published_replies_only(
    kg_published, client, django_assert_max_num_queries
):
    _report, government, ngo = kg_published
    paths = {reply_path(r) for r in ReplyPublication.objects.filter(response__in=[government, ngo])}
    query = {"q": '"demo answer for Kyrgyzstan"'}  # only the replies' answers say so
    with django_assert_max_num_queries(26):
        html = client.get("/en/search/", query).content.decode()
    assert "answers in published replies:" in html and "Reply to the questionnaire" in html
    assert any(path in html for path in paths)
    assert "Question 1.1" in html
    # The confidential answer is not in the snapshot: its words find no reply.
    secret = client.get("/en/search/", {"q": '"address is kept secret"'}).content.decode()
    assert "Reply to the questionnaire" not in secret


def test_an_unpublished_reply_is_never_found(demo_data, client, user_named):
    """Kazakhstan's NGO is still answering: what it writes finds no reply."""
    kz_ngo = Response.objects.get(evaluation__country__iso_code="KZ", organisation__kind="ngo")
    question = Question.objects.filter(
        section__questionnaire=kz_ngo.questionnaire, question_type="long_text"
    ).first()
    stored = kz_ngo.answers.filter(question=question).first()
    result = answering.answer_save(
        response=kz_ngo,
        question=question,
        data={f"q{question.pk}": "Our volunteers saw zanzibarian recruiters."},
        actor=user_named("ngo-kz"),
        expected_version=stored.version if stored else None,
    )
    assert result.saved
    html = client.get("/en/search/", {"q": "zanzibarian"}).content.decode()
    assert "Reply to the questionnaire" not in html
