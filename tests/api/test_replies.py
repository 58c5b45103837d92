"""The published replies in the open-data API: listed and one by one, with their questions and
answers as published; confidential answers withheld, replies held back, left out or of a draft
report never listed; a fixed number of queries whatever the number of replies."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.models import ReplyPublication
from tests.reports.conftest import (  # noqa: F401
    build_report,
    kg_evaluation,
    secretariat,
    to_final_comments,
)
from tests.reports.test_published_replies import SECRET, publish_with_replies


@pytest.fixture
def kg_published(kg_evaluation, secretariat, user_named, to_final_comments):  # noqa: F811
    report = build_report(kg_evaluation, secretariat)
    return publish_with_replies(report, secretariat, user_named, to_final_comments)


def test_the_demo_government_reply_is_listed_with_its_answers(demo_data, api_get):
    listed = api_get("/replies?country=KZ")
    assert listed.status_code == 200
    (item,) = listed.data["items"]
    assert item["kind"] == "government" and item["country"]["iso_code"] == "KZ"
    questions = [q for s in item["sections"] for q in s["questions"]]
    assert questions and any(q["answer"] for q in questions)
    tables = [q for q in questions if q["type"] == "table" and q["value"]]
    assert tables and "cells" in tables[0]["value"]
    one = api_get(f"/replies/{item['id']}")
    assert one.status_code == 200 and one.data == item


def test_a_confidential_answer_is_withheld(kg_published, api_get):
    _report, _government, ngo = kg_published
    reply = ReplyPublication.objects.get(response=ngo)
    response = api_get(f"/replies/{reply.pk}")
    assert response.status_code == 200
    withheld = [q for s in response.data["sections"] for q in s["questions"] if q["confidential"]]
    assert withheld and all(q["answer"] is None and q["value"] is None for q in withheld)
    assert SECRET not in response.content.decode()
    assert SECRET not in api_get("/replies?limit=200").content.decode()


def test_replies_held_back_or_without_consent_are_not_in_the_api(
    kg_evaluation,  # noqa: F811
    secretariat,  # noqa: F811
    user_named,
    to_final_comments,  # noqa: F811
    api_get,
):
    report = build_report(kg_evaluation, secretariat)
    _report, government, ngo = publish_with_replies(
        report,
        secretariat,
        user_named,
        to_final_comments,
        consent=False,
        hold_back_government_reply=True,
        hold_back_reason="Awaiting the ministry's text.",
    )
    assert api_get("/replies?country=KG").data["count"] == 0
    for response in (government, ngo):
        row = ReplyPublication.objects.get(response=response)
        assert api_get(f"/replies/{row.pk}").status_code == 404


def test_the_replies_cost_a_fixed_number_of_queries(kg_published, client):
    assert ReplyPublication.objects.filter(outcome="published").count() >= 3
    for path in ("/replies?limit=200", "/replies?country=KG"):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/api/v1{path}").status_code == 200
        # The data's version (the validators), the count and the page.
        assert len(captured.captured_queries) <= 3, captured.captured_queries
    reply = ReplyPublication.objects.filter(outcome="published").first()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/api/v1/replies/{reply.pk}").status_code == 200
    assert len(captured.captured_queries) <= 2  # the version and the reply


def test_an_unknown_or_bad_id(demo_data, api_get):
    assert api_get("/replies/999999").status_code == 404
    assert api_get("/replies/0").status_code == 422
    assert api_get("/replies?country=1").status_code == 422
