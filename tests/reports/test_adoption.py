"""Adoption chapter by chapter: each chapter is submitted to a plenary and adopted there; the
report's approval (and its final adoption) needs every chapter adopted, unless the plenary takes
a whole-report decision, which adopts every chapter not yet adopted at once."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from evaluation_rounds import services as procedure
from evaluation_rounds.models import CountryEvaluation, EvaluationRound, Plenary
from evaluation_rounds.procedure import State
from monitoring import display
from monitoring.models import Country, ExpertMember
from reports import adoption, services
from reports.models import ChapterAdoption, Report
from tests.rendered_forms import form_in, forms_in, submit

from .conftest import build_report

TODAY = timezone.localdate()
NO_VISIT = "Drafted from desk research (test)."


def _day(offset: int):
    return TODAY + timedelta(days=offset)


@pytest.fixture
def plenaries(demo_data):
    """Two plenaries of the test's own: the first ten days ago, the second yesterday."""
    return [
        Plenary.objects.create(
            number=number,
            start_date=_day(start),
            end_date=_day(start + 1),
            place_en=place,
            place_ru=place,
        )
        for number, start, place in ((91, -11, "Bishkek"), (92, -2, "Dushanbe"))
    ]


@pytest.fixture
def drafting(demo_data, secretariat):
    """Kyrgyzstan's evaluation of a round 3 of the test's own, being drafted (two chapters)."""
    round_three = EvaluationRound.objects.create(
        number=3, title_en="Round 3", title_ru="Раунд 3", status=EvaluationRound.Status.OPEN
    )
    evaluation = procedure.evaluation_create(
        round=round_three, country=Country.objects.get(iso_code="KG"), actor=secretariat
    )
    procedure.rapporteurs_assign(
        evaluation=evaluation,
        experts=list(ExpertMember.objects.filter(user__username__in=["expert-kz", "expert-uz-2"])),
        actor=secretariat,
    )
    procedure.evaluation_transition(
        evaluation=evaluation,
        to_state=State.DRAFT_IN_PREPARATION,
        actor=secretariat,
        occurred_on=_day(-20),
        waiver_reason=NO_VISIT,
        notify=False,
    )
    return build_report(evaluation, secretariat)


@pytest.fixture
def secretariat_client(login_as):
    return login_as("secretariat")


def _chapters(report):
    return list(report.chapters.order_by("sort_order"))


def _record_through_pages(client, report, chapter, plenary, adopted_on):
    """Submit the chapter to `plenary` and record its adoption, from the editor's control."""
    editor = client.get(reverse("reports:editor", args=[report.pk]))
    url = reverse("reports:chapter_adoption", args=[report.pk, chapter.pk])
    assert url in editor.content.decode()  # the control at the chapter's heading
    page = client.get(url)
    answer = submit(client, page, "#chapter-submit", {"plenary": str(plenary.pk)})
    assert answer.status_code == 302, answer.content.decode()
    page = client.get(url)
    assert f"Submitted to {plenary}" in page.content.decode()
    answer = submit(client, page, "#chapter-adopt", {"adopted_on": adopted_on.isoformat()})
    assert answer.status_code == 302, answer.content.decode()


def _decide(client, evaluation, to_state, plenary, *, whole_report=True, **fields):
    page = client.get(reverse("procedure:evaluation", args=[evaluation.pk]))
    action = f"form[action='{reverse('procedure:transition', args=[evaluation.pk])}']"
    assert form_in(page, action).fields["whole_report"] == ["on"]  # checked by default
    changes = {
        "to_state": to_state,
        "occurred_on": plenary.end_date.isoformat(),
        "plenary": str(plenary.pk),
        "whole_report": None if not whole_report else "on",
        **fields,
    }
    return submit(client, page, action, changes)


def test_chapters_adopted_one_by_one_at_two_plenaries_then_the_draft_is_approved(
    drafting, plenaries, secretariat_client
):
    first, second = _chapters(drafting)
    _record_through_pages(secretariat_client, drafting, first, plenaries[0], plenaries[0].end_date)
    _record_through_pages(
        secretariat_client, drafting, second, plenaries[1], plenaries[1].start_date
    )

    answer = _decide(
        secretariat_client,
        drafting.evaluation,
        State.DRAFT_APPROVED,
        plenaries[1],
        whole_report=False,
        waiver_reason=NO_VISIT,
    )

    assert answer.status_code == 302, answer.content.decode()
    drafting.evaluation.refresh_from_db()
    assert drafting.evaluation.state == State.DRAFT_APPROVED
    rows = ChapterAdoption.objects.filter(chapter__report=drafting).order_by("chapter__sort_order")
    assert [(r.plenary, r.adopted_on, r.whole_report) for r in rows] == [
        (plenaries[0], plenaries[0].end_date, False),
        (plenaries[1], plenaries[1].start_date, False),
    ]


def test_approval_with_a_chapter_missing_is_refused_naming_it(
    drafting, plenaries, secretariat_client
):
    first, second = _chapters(drafting)
    _record_through_pages(secretariat_client, drafting, first, plenaries[0], plenaries[0].end_date)

    answer = _decide(
        secretariat_client,
        drafting.evaluation,
        State.DRAFT_APPROVED,
        plenaries[1],
        whole_report=False,
        waiver_reason=NO_VISIT,
    )

    assert answer.status_code == 400
    content = answer.content.decode()
    assert "Not every chapter is adopted" in content
    assert str(second) in content and f"Missing: {first}" not in content
    drafting.evaluation.refresh_from_db()
    assert drafting.evaluation.state == State.DRAFT_IN_PREPARATION
    assert not ChapterAdoption.objects.filter(chapter=second).exists()


def test_a_whole_report_decision_adopts_every_chapter_not_yet_adopted(
    drafting, plenaries, secretariat, secretariat_client
):
    first, second = _chapters(drafting)
    _record_through_pages(secretariat_client, drafting, first, plenaries[0], plenaries[0].end_date)
    adoption.chapter_submit(chapter=second, plenary=plenaries[0], actor=secretariat)

    answer = _decide(
        secretariat_client,
        drafting.evaluation,
        State.DRAFT_APPROVED,
        plenaries[1],
        waiver_reason=NO_VISIT,
    )

    assert answer.status_code == 302, answer.content.decode()
    drafting.evaluation.refresh_from_db()
    assert drafting.evaluation.state == State.DRAFT_APPROVED
    kept, adopted = (ChapterAdoption.objects.get(chapter=c) for c in (first, second))
    assert (kept.plenary, kept.whole_report) == (plenaries[0], False)  # adopted before: kept
    assert (adopted.status, adopted.plenary, adopted.adopted_on, adopted.whole_report) == (
        ChapterAdoption.Status.ADOPTED,
        plenaries[1],
        plenaries[1].end_date,
        True,
    )


def test_the_service_keeps_working_without_the_option_a_report_or_chapters(
    drafting, plenaries, secretariat
):
    evaluation = drafting.evaluation
    procedure.evaluation_transition(
        evaluation=evaluation,
        to_state=State.DRAFT_APPROVED,
        actor=secretariat,
        plenary=plenaries[1],
        waiver_reason=NO_VISIT,
        notify=False,
    )  # no option: a whole-report decision
    assert ChapterAdoption.objects.filter(chapter__report=drafting, whole_report=True).count() == 2

    # An evaluation without a report, and one whose report has no chapter, decide as before.
    bare = CountryEvaluation.objects.create(
        round=evaluation.round,
        country=Country.objects.get(iso_code="TJ"),
        state=State.DRAFT_IN_PREPARATION,
    )
    procedure.rapporteurs_assign(
        evaluation=bare,
        experts=[rapporteur.expert for rapporteur in evaluation.rapporteurs.all()],
        actor=secretariat,
    )
    procedure.evaluation_transition(
        evaluation=bare,
        to_state=State.DRAFT_APPROVED,
        actor=secretariat,
        plenary=plenaries[1],
        waiver_reason=NO_VISIT,
        whole_report=False,
        notify=False,
    )
    assert bare.state == State.DRAFT_APPROVED
    empty = services.report_create(evaluation=bare, title_en="Empty", actor=secretariat)
    procedure.evaluation_transition(
        evaluation=bare, to_state=State.DRAFT_WITH_GOVERNMENT, actor=secretariat, notify=False
    )
    assert adoption.missing_chapters(empty, ChapterAdoption.Decision.FINAL) == []


def test_the_final_report_is_adopted_chapter_by_chapter_too(drafting, plenaries, secretariat):
    evaluation = drafting.evaluation
    for state, step in (
        (State.DRAFT_APPROVED, {"plenary": plenaries[0], "waiver_reason": NO_VISIT}),
        (State.DRAFT_WITH_GOVERNMENT, {"occurred_on": plenaries[0].end_date}),
    ):
        procedure.evaluation_transition(
            evaluation=evaluation, to_state=state, actor=secretariat, notify=False, **step
        )
    drafting.evaluation.refresh_from_db()
    assert adoption.decision_at_hand(drafting) == ChapterAdoption.Decision.FINAL
    first, second = _chapters(drafting)
    adoption.chapter_submit(chapter=first, plenary=plenaries[1], actor=secretariat)
    adoption.chapter_adopt(chapter=first, adopted_on=plenaries[1].end_date, actor=secretariat)
    final = {
        "plenary": plenaries[1],
        "waiver_reason": "Adopted before the comment deadline (test).",
        "whole_report": False,
        "notify": False,
    }
    with pytest.raises(ValidationError, match="Chapter 2"):
        procedure.evaluation_transition(
            evaluation=evaluation, to_state=State.FINAL_ADOPTED, actor=secretariat, **final
        )
    adoption.chapter_submit(chapter=second, plenary=plenaries[1], actor=secretariat)
    adoption.chapter_adopt(chapter=second, adopted_on=plenaries[1].end_date, actor=secretariat)
    procedure.evaluation_transition(
        evaluation=evaluation, to_state=State.FINAL_ADOPTED, actor=secretariat, **final
    )
    assert evaluation.state == State.FINAL_ADOPTED
    assert ChapterAdoption.objects.filter(chapter__report=drafting).count() == 4  # 2 decisions


def test_chapter_steps_out_of_order_are_refused(drafting, plenaries, secretariat):
    first, _second = _chapters(drafting)
    with pytest.raises(ValidationError, match="Submit chapter 1"):
        adoption.chapter_adopt(chapter=first, adopted_on=TODAY, actor=secretariat)
    with pytest.raises(ValidationError, match="not submitted"):
        adoption.chapter_withdraw(chapter=first, actor=secretariat)
    adoption.chapter_submit(chapter=first, plenary=plenaries[0], actor=secretariat)
    with pytest.raises(ValidationError, match="already submitted"):
        adoption.chapter_submit(chapter=first, plenary=plenaries[1], actor=secretariat)
    with pytest.raises(ValidationError, match="plenary's dates"):
        adoption.chapter_adopt(chapter=first, adopted_on=plenaries[1].end_date, actor=secretariat)
    adoption.chapter_withdraw(chapter=first, actor=secretariat)
    assert not ChapterAdoption.objects.filter(chapter=first).exists()
    adoption.chapter_submit(chapter=first, plenary=plenaries[1], actor=secretariat)
    adoption.chapter_adopt(chapter=first, adopted_on=plenaries[1].end_date, actor=secretariat)
    with pytest.raises(ValidationError, match="already adopted"):
        adoption.chapter_submit(chapter=first, plenary=plenaries[1], actor=secretariat)
    with pytest.raises(ValidationError, match="already adopted"):
        adoption.chapter_adopt(chapter=first, adopted_on=plenaries[1].end_date, actor=secretariat)
    procedure.evaluation_transition(
        evaluation=drafting.evaluation,
        to_state=State.DRAFT_APPROVED,
        actor=secretariat,
        plenary=plenaries[1],
        waiver_reason=NO_VISIT,
        notify=False,
    )
    drafting.evaluation.refresh_from_db()
    # Approved, not yet with the government: no decision at hand, nothing moves.
    with pytest.raises(ValidationError, match="No plenary decision"):
        adoption.chapter_submit(chapter=first, plenary=plenaries[1], actor=secretariat)


def test_the_agenda_lists_the_chapters_submitted_and_adopted_at_the_plenary(
    drafting, plenaries, secretariat, login_as
):
    first, second = _chapters(drafting)
    adoption.chapter_submit(chapter=first, plenary=plenaries[0], actor=secretariat)
    adoption.chapter_submit(chapter=second, plenary=plenaries[1], actor=secretariat)
    adoption.chapter_adopt(chapter=first, adopted_on=plenaries[0].end_date, actor=secretariat)
    client = login_as("expert-tm")  # any expert reads the agenda
    agenda = client.get(reverse("procedure:agenda", args=[plenaries[0].pk])).content.decode()
    assert "Chapters submitted to this plenary" in agenda
    assert str(first) in agenda and str(second) not in agenda
    assert f"adopted on {display.day(plenaries[0].end_date)}" in agenda
    other = client.get(reverse("procedure:agenda", args=[plenaries[1].pk])).content.decode()
    assert str(second) in other and "<td>submitted</td>" in other


def test_the_timeline_and_the_editor_show_each_chapters_adoption(
    drafting, plenaries, secretariat, secretariat_client
):
    first, _second = _chapters(drafting)
    adoption.chapter_submit(chapter=first, plenary=plenaries[0], actor=secretariat)
    adoption.chapter_adopt(chapter=first, adopted_on=plenaries[0].end_date, actor=secretariat)
    procedure.evaluation_transition(
        evaluation=drafting.evaluation,
        to_state=State.DRAFT_APPROVED,
        actor=secretariat,
        plenary=plenaries[1],
        waiver_reason=NO_VISIT,
        notify=False,
    )
    page = secretariat_client.get(reverse("procedure:evaluation", args=[drafting.evaluation.pk]))
    timeline = page.content.decode()
    single = f"Chapter {first} adopted (Approval of the draft)"
    whole = "Whole-report decision (Approval of the draft): chapters 2 adopted"
    assert single in timeline and whole in timeline
    assert timeline.index(single) < timeline.index(whole)  # by date: ten days ago, yesterday

    editor = secretariat_client.get(reverse("reports:editor", args=[drafting.pk])).content.decode()
    assert "Chapters and adoption" in editor
    assert f"Adopted at {plenaries[0]} on {display.day(plenaries[0].end_date)}" in editor
    assert f"Adopted at {plenaries[1]} on {display.day(plenaries[1].end_date)}" in editor
    assert "whole-report decision" in editor


def test_only_the_secretariat_submits_and_adopts(drafting, plenaries, user_named, login_as):
    first, _second = _chapters(drafting)
    rapporteur = user_named("expert-kz")  # writes this report, is not the secretariat
    with pytest.raises(PermissionDenied):
        adoption.chapter_submit(chapter=first, plenary=plenaries[0], actor=rapporteur)
    client = login_as("expert-kz")
    editor = client.get(reverse("reports:editor", args=[drafting.pk]))
    url = reverse("reports:chapter_adoption", args=[drafting.pk, first.pk])
    assert url not in editor.content.decode()  # no control for her
    answer = client.post(url, {"action": "submit", "plenary": plenaries[0].pk})
    assert (answer.status_code, answer["Location"]) == (302, "/admin/")
    contact = login_as("kg-contact")
    answer = contact.post(url, {"action": "submit", "plenary": plenaries[0].pk})
    assert answer.status_code == 302 and answer["Location"].startswith("/admin/login/")
    assert not ChapterAdoption.objects.filter(chapter=first).exists()


def test_a_follow_up_report_is_approved_by_the_same_chapter_rule(
    kz_report, plenaries, secretariat, login_as
):
    follow_up = build_report(kz_report.evaluation, secretariat, kind="follow_up", recommendations=0)
    first, second = _chapters(follow_up)
    adoption.chapter_submit(chapter=first, plenary=plenaries[1], actor=secretariat)
    adoption.chapter_adopt(chapter=first, adopted_on=plenaries[1].end_date, actor=secretariat)
    with pytest.raises(ValidationError, match="Chapter 2"):
        services.report_stage_advance(
            report=follow_up,
            to_stage=Report.Stage.APPROVED,
            actor=secretariat,
            whole_report=False,
        )
    follow_up.refresh_from_db()
    assert follow_up.own_stage == Report.Stage.DRAFTING

    # The stage page records a whole-report decision at the plenary chosen.
    client = login_as("secretariat")
    page = client.get(reverse("reports:stage", args=[follow_up.pk]))
    stage_form = "form.procedure-form"
    assert forms_in(page, stage_form)[0].fields["whole_report"] == ["on"]
    submit(client, page, stage_form, {"plenary": str(plenaries[1].pk)})
    follow_up.refresh_from_db()
    assert follow_up.own_stage == Report.Stage.APPROVED
    row = ChapterAdoption.objects.get(chapter=second)
    assert (row.plenary, row.whole_report, row.status) == (plenaries[1], True, "adopted")


@pytest.mark.parametrize("chapters", [(2, 2), (6, 4, 5, 3)])
def test_the_editor_page_reads_in_a_fixed_number_of_queries(
    demo_data, secretariat, plenaries, secretariat_client, django_assert_max_num_queries, chapters
):
    evaluation = CountryEvaluation.objects.get(round__number=1, country__iso_code="TJ")
    report = build_report(evaluation, secretariat, paragraphs_per_chapter=chapters)
    for index, chapter in enumerate(_chapters(report)):
        paragraph = chapter.paragraphs.first()
        services.paragraph_update(
            paragraph=paragraph,
            text_en=f"<p>Text [to be agreed {index}] and [emphasis added]</p>",
            text_ru="<p>Текст подлежит уточнению</p>",
            actor=secretariat,
        )
        if index % 2 == 0:
            ChapterAdoption.objects.create(
                chapter=chapter,
                decision="draft",
                status="submitted",
                plenary=plenaries[index % 2],
                recorded_by=secretariat,
            )
    with django_assert_max_num_queries(QUERY_LIMIT):
        response = secretariat_client.get(reverse("reports:editor", args=[report.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('class="placeholder-accept"') == 3 * len(chapters)


# Measured: 26 at both sizes above (one reads the sections); the "Chapters and adoption"
# panel reads four (adoptions, accepted placeholders, the paragraphs' and the
# recommendations' texts).
QUERY_LIMIT = 26
