"""The demo reports written by `demo.seed()` (demo/seed/reports.py): Kazakhstan's published report
with final comments and follow-up, Kyrgyzstan's draft with comments in progress."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from demo import seeding as demo
from demo.content import reports as demo_content
from evaluation_rounds.procedure import State
from recommendations import selectors
from recommendations.models import Assessment, AssessmentStatus, ProgressUpdate, Recommendation
from reports import services
from reports.models import GovernmentComment, Paragraph, Report


def _report(iso: str) -> Report:
    return Report.objects.select_related("evaluation").get(
        evaluation__round__number=1, evaluation__country__iso_code=iso, kind="evaluation"
    )


@pytest.fixture
def kz(demo_data):
    return _report("KZ")


@pytest.fixture
def kg(demo_data):
    return _report("KG")


def _numbers(report: Report) -> list[int]:
    return list(
        Paragraph.objects.filter(chapter__report=report)
        .order_by("chapter__sort_order", "sort_order")
        .values_list("number", flat=True)
    )


def test_kazakhstan_report_is_published_and_numbered_without_gaps(kz):
    assert kz.is_published and kz.version == 1
    assert kz.evaluation.state == State.PUBLISHED
    assert kz.language == "en"
    numbers = _numbers(kz)
    assert len(numbers) >= 25
    assert numbers == list(range(1, len(numbers) + 1))
    assert kz.chapters.count() >= 6
    snapshot = kz.published_content
    assert [p["number"] for c in snapshot["chapters"] for p in c["paragraphs"]] == numbers
    # Published on the procedure's date, not on the day the seed ran.
    published_on = kz.evaluation.transitions.get(to_state=State.PUBLISHED).occurred_on
    assert kz.published_at.date() == published_on


def test_kazakhstan_text_is_translated_and_uses_the_rich_text(kz):
    paragraphs = list(Paragraph.objects.filter(chapter__report=kz))
    assert all(p.text_en and p.text_ru for p in paragraphs)
    html = " ".join(p.text_en for p in paragraphs)
    for fragment in ("<h3>", "<ul>", "<table>", "<a href=", 'class="footnote"'):
        assert fragment in html, fragment
    assert html.count('class="footnote"') >= 2
    assert all(c.title_ru for c in kz.chapters.all())


def test_kazakhstan_recommendations(kz):
    recommendations = list(kz.recommendations.prefetch_related("themes", "addressees"))
    assert len(recommendations) >= 15
    assert [r.number for r in recommendations] == list(range(1, len(recommendations) + 1))
    assert {r.strength for r in recommendations} == {"urges", "considers", "invites"}
    assert all(r.text_en and r.text_ru for r in recommendations)
    assert all(r.theme_values and r.convention_articles for r in recommendations)
    assert {"prevention", "protection", "prosecution", "partnership"} <= {
        theme for r in recommendations for theme in r.theme_values
    }
    assert all(
        r.addressees.all()
        and all(o.country_id == kz.evaluation.country_id for o in r.addressees.all())
        for r in recommendations
    )
    assert {"5.2", "8.7", "16.2"} <= {r.sdg_target for r in recommendations}
    assert len(kz.published_content["recommendations"]) == len(recommendations)


def test_kazakhstan_final_comments_are_submitted_and_published(kz, user_named):
    final = kz.comments.filter(kind=GovernmentComment.Kind.FINAL)
    assert final.count() == len(demo_content.KZ_FINAL_COMMENTS)
    assert set(final.values_list("status", flat=True)) == {GovernmentComment.Status.SUBMITTED}
    assert set(final.values_list("submitted_by__username", flat=True)) == {"kz-contact"}
    assert all(c.submitted_at < kz.published_at for c in final)
    assert [c["text"] for c in kz.published_content["final_comments"]] == [c.text for c in final]
    # Draft comments stay out of the published snapshot.
    assert kz.comments.filter(kind=GovernmentComment.Kind.DRAFT).exists()
    published_texts = {c["text"] for c in kz.published_content["final_comments"]}
    assert not published_texts & set(
        kz.comments.filter(kind="draft").values_list("text", flat=True)
    )


def test_kazakhstan_follow_up_covers_every_status_with_history(kz):
    current = dict(Recommendation.objects.filter(report=kz).values_list("number", "current_status"))
    assert set(current.values()) == set(AssessmentStatus.values)  # incl. "not yet assessed"
    assert sum(s == AssessmentStatus.NOT_ASSESSED for s in current.values()) >= 2
    two_cycles = Assessment.objects.filter(recommendation__report=kz, cycle=2)
    assert two_cycles.count() >= 3
    # The second cycle is the current status, the first stays in the history.
    changed = two_cycles.get(recommendation__number=1)
    assert current[1] == changed.status == AssessmentStatus.IMPLEMENTED
    assert Assessment.objects.get(
        recommendation__report=kz, recommendation__number=1, cycle=1
    ).status == (AssessmentStatus.PARTLY_IMPLEMENTED)
    updates = ProgressUpdate.objects.filter(recommendation__report=kz)
    assert updates.count() >= 12 and not updates.filter(submitted=False).exists()
    assert set(updates.values_list("author__username", flat=True)) == {"kz-contact", "kz-official"}
    # The public summary counts Kazakhstan's published recommendations only (not the KG draft).
    summary = selectors.status_summary(user=AnonymousUser(), by="country")
    assert [(row.label, row.total) for row in summary] == [("Kazakhstan", len(current))]
    ageing = selectors.open_recommendations_ageing(user=AnonymousUser())
    assert ageing and min(item.days_open for item in ageing) >= 400


def test_kazakhstan_demonstration_notice_in_both_languages(kz):
    first = Paragraph.objects.get(chapter__report=kz, number=1)
    assert demo_content.DEMO_NOTICE_EN in first.text_en
    assert demo_content.DEMO_NOTICE_RU in first.text_ru
    snapshot_first = kz.published_content["chapters"][0]["paragraphs"][0]
    assert demo_content.DEMO_NOTICE_EN in snapshot_first["text_en"]
    assert demo_content.DEMO_NOTICE_RU in snapshot_first["text_ru"]


def test_kyrgyzstan_draft_is_with_the_government_with_comments_in_progress(kg):
    assert not kg.is_published
    assert kg.evaluation.state == State.DRAFT_WITH_GOVERNMENT
    numbers = _numbers(kg)
    assert len(numbers) >= 12 and numbers == list(range(1, len(numbers) + 1))
    assert kg.recommendations.count() >= 8
    first = Paragraph.objects.get(chapter__report=kg, number=1)
    assert demo_content.DEMO_NOTICE_EN in first.text_en
    assert demo_content.DEMO_NOTICE_RU in first.text_ru
    comments = kg.comments.all()
    assert comments.count() >= 2
    assert set(comments.values_list("status", flat=True)) == {GovernmentComment.Status.IN_PROGRESS}
    assert set(comments.values_list("kind", flat=True)) == {GovernmentComment.Kind.DRAFT}
    assert comments.filter(author__username="kg-official").exists()
    assert comments.filter(paragraph__isnull=False).exists()
    assert comments.filter(recommendation__isnull=False).exists()


def test_kg_contact_can_still_comment_and_submit(kg, user_named):
    """What a demo visitor signed in as kg-contact does: the period is open."""
    contact = user_named("kg-contact")
    paragraph = Paragraph.objects.get(chapter__report=kg, number=2)
    services.comment_add(report=kg, paragraph=paragraph, text="One more comment.", actor=contact)
    count = services.comments_submit(report=kg, actor=contact)
    assert count == len(demo_content.KG_COMMENTS) + 1
    assert not kg.comments.filter(status=GovernmentComment.Status.IN_PROGRESS).exists()


def test_other_countries_have_no_report(demo_data):
    assert set(Report.objects.values_list("evaluation__country__iso_code", flat=True)) == {
        "KZ",
        "KG",
    }


def test_seeding_twice_changes_no_counts(kz, kg):
    before = demo.summary_counts()
    assert before["reports"] == 2
    assert before["paragraphs"] == len(_numbers(kz)) + len(_numbers(kg))
    comments = GovernmentComment.objects.count()
    demo.seed()
    assert demo.summary_counts() == before
    assert GovernmentComment.objects.count() == comments


def test_seed_demo_command_prints_the_report_counts(db, settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "recommendations" in out and "paragraphs" in out
