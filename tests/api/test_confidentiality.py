"""Nothing confidential leaves through the open-data API: every response body, of every
endpoint, is searched for the texts of Kyrgyzstan's draft report, the government's comments on
drafts, its progress updates, visit notes and confidential answers. A correction in progress
shows nothing of what it changes."""

import html
import json
import re

import pytest

from evaluation_rounds.models import MeetingNote
from questionnaires.models import Answer
from recommendations import services as recommendation_services
from recommendations.models import ProgressUpdate, Recommendation
from reports import services
from reports.models import GovernmentComment, Paragraph, Report

TAG = re.compile(r"<[^>]+>")


def _written_in(values: dict, name: str) -> str:
    return ";".join(code for code in ("en", "ru") if values[f"{name}_{code}"])


def _plain(text: str) -> str:
    return " ".join(html.unescape(TAG.sub(" ", text)).split())


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def crawl(api_get, extra_paths=()) -> list[str]:
    """Every string of every public response: the lists in full, each report, each
    recommendation's history, statistics, searches, and the documents."""
    responses = []

    def get(path):
        response = api_get(path)
        responses.append(response)
        return response

    for path in ("/countries?limit=200", "/rounds?limit=200", "/statistics", *extra_paths):
        get(path)
    for report in get("/reports?limit=200").data["items"]:
        get(f"/reports/{report['id']}")
    for reply in get("/replies?limit=200").data["items"]:
        get(f"/replies/{reply['id']}")
    recommendations = get("/recommendations?limit=200").data["items"]
    for row in recommendations:
        get(f"/recommendations/{row['id']}/history")
    strings = []
    for response in responses:
        assert response.status_code in (200, 404), (response.status_code, response.content)
        body = response.content.decode()
        strings.append(body)
        strings += _strings(json.loads(body))
    return [_plain(s) for s in strings]


def assert_absent(strings: list[str], needles: list[str]) -> None:
    assert needles
    for needle in needles:
        plain = _plain(needle)
        if len(plain) < 12:  # too short to tell a leak from a coincidence
            continue
        fragment = plain[:80]
        leaks = [s for s in strings if fragment in s]
        assert not leaks, f"leaked: {fragment!r}"


def _secrets(kg_draft: Report) -> dict[str, list[str]]:
    paragraphs = Paragraph.objects.filter(chapter__report=kg_draft)
    recommendations = Recommendation.objects.filter(report=kg_draft)
    draft_comments = GovernmentComment.objects.exclude(
        kind=GovernmentComment.Kind.FINAL, status=GovernmentComment.Status.SUBMITTED
    )
    confidential = Answer.objects.filter(is_confidential=True).values_list("value", flat=True)
    return {
        "draft report": [kg_draft.title_en, kg_draft.title_ru]
        + [t for p in paragraphs for t in (p.text_en, p.text_ru) if t]
        + [t for r in recommendations for t in (r.text_en, r.text_ru) if t],
        "comments on drafts": [c.text for c in draft_comments]
        + [c.rapporteur_reply for c in draft_comments if c.rapporteur_reply],
        "progress updates": list(ProgressUpdate.objects.values_list("text", flat=True)),
        "visit notes": list(MeetingNote.objects.values_list("text", flat=True)),
        "confidential answers": [s for value in confidential for s in _strings(value)],
    }


def test_no_draft_or_confidential_text_in_any_response(api_get, kz_published, kg_draft):
    words = [w for w in _plain(kg_draft.recommendations.first().text_en).split() if len(w) > 6]
    strings = crawl(api_get, extra_paths=[f"/recommendations?q={w}" for w in words[:3]])
    secrets = _secrets(kg_draft)
    assert secrets["draft report"] and secrets["comments on drafts"]
    assert secrets["progress updates"] and secrets["visit notes"]
    for kind, needles in secrets.items():
        if needles:
            assert_absent(strings, needles), kind

    # The crawl does see what is public, so an absence above means something.
    published = kz_published.recommendations.get(number=1)
    everything = "\n".join(strings)
    assert _plain(published.text_en)[:80] in everything
    assert _plain(published.text_ru)[:80] in everything
    assert "Demonstration assessment." in everything  # the assessments' reasoning is public
    final = kz_published.comments.filter(kind="final").first()
    assert _plain(final.text)[:80] in everything


def test_a_draft_is_not_found_whatever_the_path(api_get, kg_draft):
    response = api_get(f"/reports/{kg_draft.pk}")
    assert response.status_code == 404
    assert response.data == {"detail": "No published report has this id.", "errors": []}
    for recommendation in kg_draft.recommendations.all():
        history = api_get(f"/recommendations/{recommendation.pk}/history")
        assert history.status_code == 404
        assert history.data["detail"] == "No published recommendation has this id."
    assert api_get("/reports?country=KG").data["count"] == 0
    assert api_get("/recommendations?country=KG").data["count"] == 0
    assert api_get("/statistics?country=KG").data["total"]["total"] == 0


@pytest.fixture
def correction(kz_published, user_named):
    """A correction opened on Kazakhstan's published report, changing its title, a paragraph
    and a recommendation, and adding a recommendation; none of it published yet."""
    secretariat = user_named("secretariat")
    report = services.report_correction_open(
        report=kz_published, note="Unpublished correction note about figures", actor=secretariat
    )
    Report.objects.filter(pk=report.pk).update(
        title_en="Corrected working title", title_ru="Исправленное рабочее название"
    )
    paragraph = Paragraph.objects.filter(chapter__report=report).order_by("number").first()
    services.paragraph_update(
        paragraph=paragraph,
        text_en="<p>Corrected paragraph, not yet published.</p>",
        text_ru="<p>Исправленный абзац, ещё не опубликованный.</p>",
        actor=secretariat,
    )
    changed = report.recommendations.get(number=1)
    recommendation_services.recommendation_update(
        recommendation=changed,
        text_en="Corrected recommendation wording, not yet published.",
        actor=secretariat,
    )
    added = recommendation_services.recommendation_create(
        paragraph=paragraph,
        strength="urges",
        text_en="Recommendation added by the correction, not yet published.",
        text_ru="Рекомендация, добавленная исправлением, ещё не опубликована.",
        themes=["protection"],
        actor=secretariat,
    )
    return report, changed, added


def test_a_correction_in_progress_does_not_leak(api_get, correction):
    report, changed, added = correction
    strings = crawl(api_get, extra_paths=["/recommendations?q=Corrected"])
    assert_absent(
        strings,
        [
            "Unpublished correction note about figures",
            "Corrected working title",
            "Исправленное рабочее название",
            "Corrected paragraph, not yet published.",
            "Исправленный абзац, ещё не опубликованный.",
            "Corrected recommendation wording, not yet published.",
            added.text_en,
            added.text_ru,
        ],
    )
    published = report.published_content
    listed = api_get("/reports").data["items"][0]
    assert listed["title_en"] == published["title_en"]
    assert listed["correction_note"] == "" and listed["version"] == 1
    assert listed["recommendation_count"] == 16

    detail = api_get(f"/reports/{report.pk}").data
    assert detail["chapters"] == [
        {
            **{key: chapter[key] for key in ("number", "title_en", "title_ru")},
            "title_languages": _written_in(chapter, "title"),
            "paragraphs": [  # the snapshot also names each paragraph's section
                {
                    **{key: p[key] for key in ("number", "text_en", "text_ru")},
                    "text_languages": _written_in(p, "text"),
                }
                for p in chapter["paragraphs"]
            ],
        }
        for chapter in published["chapters"]
    ]
    assert [r["number"] for r in detail["recommendations"]] == list(range(1, 17))
    assert detail["recommendations"][0]["text_en"] == published["recommendations"][0]["text_en"]

    # The added recommendation is nowhere: not listed, not counted, not found.
    assert api_get("/recommendations").data["count"] == 16
    assert added.pk not in [r["id"] for r in api_get("/recommendations?limit=200").data["items"]]
    assert api_get("/statistics").data["total"]["total"] == 16
    assert api_get(f"/recommendations/{added.pk}/history").status_code == 404
    kz = next(c for c in api_get("/countries").data["items"] if c["iso_code"] == "KZ")
    assert kz["published_recommendation_count"] == 16
    # The changed one keeps its published wording.
    history = api_get(f"/recommendations/{changed.pk}/history").data
    assert history["recommendation"]["text_en"] == published["recommendations"][0]["text_en"]


def test_a_published_correction_becomes_public(api_get, correction, user_named):
    report, changed, _added = correction
    services.report_publish(
        report=report, actor=user_named("secretariat"), correction_note="Figures corrected."
    )
    listed = api_get("/reports").data["items"][0]
    assert (listed["version"], listed["correction_note"]) == (2, "Figures corrected.")
    assert listed["title_en"] == "Corrected working title"
    assert api_get("/recommendations").data["count"] == 17
    history = api_get(f"/recommendations/{changed.pk}/history").data
    assert history["recommendation"]["text_en"] == changed.text_en
