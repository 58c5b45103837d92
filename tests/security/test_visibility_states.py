"""Visibility by state: random legal sequences of procedure, report and questionnaire steps,
driven through the services, and after every step what each role is shown — the selectors
(`access.visible`), the portal's report page and PDF, the public report page and PDF, the
tracker, the search and the API — compared with a reference model of the rules.

The reference model is written here, in plain Python over the test's own record of what
happened (`World`), and never asks `monitoring.access`: if the code and the model disagree,
one of them is wrong, and the failing sequence says which step made them part.

Everything is built from nothing: three countries, their governments and NGOs, the people in
every role, a round with its two questionnaires, the public site's pages. Each example starts
from the same evaluation (preparing, rapporteurs assigned, a visit with a confidential note) in
a savepoint that is rolled back at its end.
"""

from __future__ import annotations

import io
import itertools
import re
import string
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from pypdf import PdfReader
from wagtail.models import Locale, Page, Site

from cms.models import CountryIndexPage, CountryPage, HomePage, SearchPage
from evaluation_rounds import services as procedure
from evaluation_rounds import visit_services
from evaluation_rounds.models import EvaluationRound, MeetingNote, Plenary, VisitMeeting
from monitoring import access
from monitoring.groups import ensure_staff_groups
from monitoring.models import Country, ExpertMember, Membership, Organisation
from questionnaires import services as answering
from questionnaires import structure_services
from questionnaires.models import Answer, Question, Questionnaire, Response, Section
from recommendations import services as recommendation_services
from recommendations.models import Recommendation
from reports import services as reporting
from reports.models import Chapter, GovernmentComment, Paragraph, ReplyPublication, Report
from tests.procedure_steps import ADOPTED_EARLY

STATES = [  # the procedure's main path, in order (the visit is left out: no visit took place)
    "preparing",
    "questionnaire_sent",
    "replies_received",
    "draft_in_preparation",
    "draft_approved",
    "draft_with_government",
    "final_adopted",
    "final_comments",
    "published",
    "follow_up_requested",
    "follow_up_assessed",
    "closed",
]
PLENARY_STEPS = {"draft_approved", "final_adopted"}

ROLES = [
    "anonymous",
    "ngo",  # NGO respondent of the evaluated country
    "other_ngo",  # NGO respondent of another country
    "official",
    "contact",
    "other_contact",  # contact person of another country
    "expert",  # an expert of a third nationality, no part in this evaluation
    "national",  # an expert of the evaluated country's nationality, in the visit's delegation
    "rapporteur",
    "secretariat",
]
STAFF = {"expert", "national", "rapporteur", "secretariat"}
GOVERNMENT = {"official", "contact"}


def _words():
    for letters in itertools.product(string.ascii_lowercase, repeat=3):
        yield "vq" + "".join(letters)  # fixed length: no word is part of another


# --- the world, built once per test -------------------------------------------------------


@dataclass
class World:
    users: dict
    country: Country
    government: Organisation
    ngo: Organisation
    evaluation: object
    questionnaire: Questionnaire
    civil_society: Questionnaire
    plenary: Plenary
    meeting: VisitMeeting
    note_word: str
    clients: dict = field(default_factory=dict)


def _user(username: str, *, group: str | None = None):
    user = get_user_model().objects.create_user(
        username, first_name=username.title(), last_name="Test", password="not-used-here"
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def _expert(username: str, nationality: Country):
    user = _user(username, group=access.EXPERTS_GROUP)
    ExpertMember.objects.create(
        user=user,
        nationality=nationality,
        gender="female",
        term_start=date(2024, 1, 1),
        term_end=date(2028, 1, 1),
    )
    return user


def _member(username: str, organisation: Organisation, role: str):
    user = _user(username)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def _questionnaire(round_, audience: str, secretariat) -> Questionnaire:
    questionnaire = Questionnaire.objects.create(
        round=round_, audience=audience, title_en=f"Q {audience}", title_ru=f"В {audience}"
    )
    section = Section.objects.create(
        questionnaire=questionnaire, number="1", title_en="S", title_ru="Р", theme="protection"
    )
    Question.objects.create(
        section=section, code="1.1", question_type="long_text", text_en="Say", text_ru="Скажите"
    )
    return structure_services.questionnaire_freeze(questionnaire=questionnaire, actor=secretariat)


def _site(country: Country) -> None:
    locale = Locale.objects.get(language_code="en")
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Home", slug="vis-home", locale=locale))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "testserver", "root_page": home}
    )
    index = home.add_child(
        instance=CountryIndexPage(title="Countries", slug="countries", locale=locale)
    )
    index.add_child(
        instance=CountryPage(title="Testland", slug="testland", country=country, locale=locale)
    )
    home.add_child(instance=SearchPage(title="Search", slug="search", locale=locale))


def build_world() -> World:
    ensure_staff_groups()
    country = Country.objects.create(iso_code="QA", name_en="Testland", name_ru="Тестландия")
    neighbour = Country.objects.create(iso_code="QB", name_en="Nextland", name_ru="Соседия")
    third = Country.objects.create(iso_code="QC", name_en="Farland", name_ru="Далия")
    government, other_government = (
        Organisation.objects.create(
            kind="government",
            country=c,
            name_en=f"Government of {c.name_en}",
            name_ru=f"Правительство {c.name_ru}",
            is_national_government=True,
        )
        for c in (country, neighbour)
    )
    ngo, other_ngo = (
        Organisation.objects.create(
            kind="ngo", country=c, name_en=f"NGO of {c.name_en}", name_ru=f"НКО {c.name_ru}"
        )
        for c in (country, neighbour)
    )
    secretariat = _user("vis-secretariat", group=access.SECRETARIAT_GROUP)
    users = {
        "ngo": _member("vis-ngo", ngo, Membership.Role.NGO_RESPONDENT),
        "other_ngo": _member("vis-other-ngo", other_ngo, Membership.Role.NGO_RESPONDENT),
        "official": _member("vis-official", government, Membership.Role.GOVERNMENT_RESPONDENT),
        "contact": _member("vis-contact", government, Membership.Role.CONTACT_PERSON),
        "other_contact": _member(
            "vis-other-contact", other_government, Membership.Role.CONTACT_PERSON
        ),
        "expert": _expert("vis-expert", third),
        "national": _expert("vis-national", country),
        "rapporteur": _expert("vis-rapporteur", neighbour),
        "secretariat": secretariat,
    }
    second_rapporteur = _expert("vis-rapporteur-2", third)
    round_ = EvaluationRound.objects.create(
        number=7, title_en="Round 7", title_ru="Раунд 7", status=EvaluationRound.Status.OPEN
    )
    today = timezone.localdate()
    plenary = Plenary.objects.create(
        number=70,
        start_date=today - timedelta(days=1),
        end_date=today,
        place_en="Geneva",
        place_ru="Женева",
    )
    evaluation = procedure.evaluation_create(round=round_, country=country, actor=secretariat)
    procedure.rapporteurs_assign(
        evaluation=evaluation,
        experts=list(
            ExpertMember.objects.filter(user__in=[users["rapporteur"], second_rapporteur])
        ),
        actor=secretariat,
    )
    start = today + timedelta(days=30)
    visit = visit_services.visit_create(
        evaluation=evaluation,
        start_date=start,
        end_date=start + timedelta(days=2),
        delegation=[users["rapporteur"], users["national"], secretariat],
        actor=secretariat,
    )
    meeting = visit_services.meeting_add(
        visit=visit,
        starts_at=timezone.make_aware(datetime.combine(start, time(10))),
        meeting_type=VisitMeeting.Type.NGO,
        organisation=ngo,
        actor=secretariat,
    )
    note_word = "vqnote"
    visit_services.meeting_note_save(
        meeting=meeting, text=f"The shelter {note_word} is full", actor=users["rapporteur"]
    )
    _site(country)
    world = World(
        users=users,
        country=country,
        government=government,
        ngo=ngo,
        evaluation=evaluation,
        questionnaire=_questionnaire(round_, "government", secretariat),
        civil_society=_questionnaire(round_, "civil_society", secretariat),
        plenary=plenary,
        meeting=meeting,
        note_word=note_word,
    )
    world.clients["anonymous"] = Client()
    for role, user in users.items():
        world.clients[role] = Client()
        world.clients[role].force_login(user)
    return world


# --- the reference model: what happened, and what each role may therefore read -----------


@dataclass
class Written:
    """One report as the test wrote it."""

    pk: int
    kind: str
    words: list[str] = field(default_factory=list)  # paragraphs, now
    recommendations: dict[str, bool] = field(default_factory=dict)  # word: public?
    published_words: set[str] = field(default_factory=set)  # the frozen snapshot
    published: bool = False
    correction_open: bool = False
    own_stage: str = "drafting"  # a follow-up's own procedure

    @property
    def editable(self) -> bool:
        return not self.published or self.correction_open


@dataclass
class Record:
    state: str = "preparing"
    report: Written | None = None
    follow_up: Written | None = None
    dispatched: bool = False
    answers: dict[str, str] = field(default_factory=dict)  # "ngo"/"government": word
    ngo_answer_confidential: bool = False
    ngo_response_confidential: bool = False
    ngo_submitted: bool = False
    ngo_consent: bool = False  # to the publication of its reply
    government_submitted: bool = False
    replies_decided: bool = False  # the evaluation report's first publication decided them
    published_replies: dict[str, str | None] = field(default_factory=dict)  # who: word shown
    comments: list[dict] = field(default_factory=list)  # word, kind, submitted

    def at_least(self, state: str) -> bool:
        return STATES.index(self.state) >= STATES.index(state)

    def reports(self) -> list[Written]:
        return [r for r in (self.report, self.follow_up) if r is not None]


class Model:
    """The rules, as the domain brief states them, over a `Record`."""

    def __init__(self, record: Record):
        self.r = record

    def government_reads(self, report: Written) -> bool:
        """The evaluated government reads a report once it is sent to it: the evaluation
        report from "draft with the government" on, a follow-up by its own stage."""
        if report.published:
            return True
        if report.kind == "evaluation":
            return self.r.at_least("draft_with_government")
        return report.own_stage == "sent"

    def reads_working_text(self, role: str, report: Written) -> bool:
        return role in STAFF or (role in GOVERNMENT and self.government_reads(report))

    def sees_report(self, role: str, report: Written) -> bool:
        return self.reads_working_text(role, report) or report.published

    def paragraph_words(self, role: str, report: Written) -> set[str]:
        """The working text's paragraphs (the snapshot is read from the report itself)."""
        if self.reads_working_text(role, report):
            return set(report.words)
        if report.published and not report.correction_open:
            return set(report.words)
        return set()

    def recommendation_words(self, role: str, report: Written) -> set[str]:
        if self.reads_working_text(role, report):
            return set(report.recommendations)
        if report.published:
            return {word for word, public in report.recommendations.items() if public}
        return set()

    def public_words(self, report: Written) -> set[str]:
        """What an anonymous reader finds of the report's text: the published snapshot."""
        return set(report.published_words) if report.published else set()

    def public_recommendations(self, report: Written) -> set[str]:
        return self.recommendation_words("anonymous", report)

    def answer_words(self, role: str) -> set[str]:
        ngo, government = self.r.answers.get("ngo"), self.r.answers.get("government")
        confidential = self.r.ngo_answer_confidential or self.r.ngo_response_confidential
        seen: set[str | None] = set()
        if role in STAFF:
            seen |= {government}
            if not (role == "national" and confidential):
                seen |= {ngo}
        elif role == "ngo":
            seen |= {ngo}
        elif role in GOVERNMENT:
            seen |= {government}  # never an NGO's response, confidential or not
        return seen - {None}

    def replies_published_now(self) -> dict[str, str | None]:
        """What publishing the evaluation report now would publish of the replies: the
        government's submitted reply; an NGO's submitted one with its consent, unless kept
        confidential as a whole; a confidential answer never (its place only)."""
        published: dict[str, str | None] = {}
        if self.r.government_submitted:
            published["government"] = self.r.answers.get("government")
        if self.r.ngo_submitted and self.r.ngo_consent and not self.r.ngo_response_confidential:
            confidential = self.r.ngo_answer_confidential
            published["ngo"] = None if confidential else self.r.answers.get("ngo")
        return published

    def public_reply_words(self) -> set[str]:
        return set(self.r.published_replies.values()) - {None}

    def sees_note(self, role: str) -> bool:
        return role in {"secretariat", "rapporteur"}  # the national in the delegation: never

    def _published_comment(self, comment: dict) -> bool:
        """Final comments, once submitted, are published with the report; never the others."""
        return comment["kind"] == "final" and comment["submitted"] and self.r.report.published

    def comment_words(self, role: str) -> set[str]:
        seen = set()
        for comment in self.r.comments:
            if role in STAFF:
                if role != "national" or comment["kind"] == "final":
                    seen.add(comment["word"])
            elif role in GOVERNMENT or (
                comment["kind"] == "final" and comment["submitted"] and self.r.report.published
            ):
                seen.add(comment["word"])
        return seen


# --- the machine --------------------------------------------------------------------------


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


class VisibilityMachine(RuleBasedStateMachine):
    world: World  # set by the test
    reached: set[str] = set()  # what the examples went through, for the test's last check

    def __init__(self):
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        cache.clear()  # the public PDF is cached by pk and version, which a rollback reuses
        self.w = self.world
        self.w.evaluation.refresh_from_db()
        self.record = Record()
        self.model = Model(self.record)
        self.words = _words()
        self.secretariat = self.w.users["secretariat"]
        self.last_checked: dict[str, object] = {}

    def teardown(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    # --- helpers ---

    def _word(self) -> str:
        return next(self.words)

    def _report(self, which: str) -> Written | None:
        return self.record.report if which == "report" else self.record.follow_up

    def _write_paragraph(self, written: Written, chapter: Chapter, *, with_recommendation: bool):
        word = self._word()
        paragraph = reporting.paragraph_insert(
            chapter=chapter, text_en=f"<p>Finding {word} recorded.</p>", actor=self.secretariat
        )
        written.words.append(word)
        if with_recommendation:
            advice = self._word()
            recommendation_services.recommendation_create(
                paragraph=paragraph,
                strength="urges",
                text_en=f"Act on {advice} now.",
                addressees=[self.w.government],
                actor=self.secretariat,
            )
            written.recommendations[advice] = False

    def _new_report(self, kind: str) -> Written:
        report = reporting.report_create(
            evaluation=self.w.evaluation,
            title_en=f"Report {kind} on Testland",
            kind=kind,
            actor=self.secretariat,
        )
        written = Written(pk=report.pk, kind=kind)
        chapter = reporting.chapter_create(
            report=report, number="1", title_en="Chapter one", actor=self.secretariat
        )
        self._write_paragraph(written, chapter, with_recommendation=True)
        return written

    def _response(self, who: str) -> Response:
        organisation = self.w.ngo if who == "ngo" else self.w.government
        return Response.objects.get(evaluation=self.w.evaluation, organisation=organisation)

    # --- the procedure ---

    def _dispatch(self):
        structure_services.questionnaire_dispatch(
            evaluation=self.w.evaluation,
            questionnaire=self.w.questionnaire,
            civil_society_questionnaire=self.w.civil_society,
            ngos=[self.w.ngo],
            actor=self.secretariat,
            notify=False,
        )
        self.record.state = "questionnaire_sent"
        self.record.dispatched = True

    def _step(self):
        target = STATES[STATES.index(self.record.state) + 1]
        procedure.evaluation_transition(
            evaluation=self.w.evaluation,
            to_state=target,
            actor=self.secretariat,
            plenary=self.w.plenary if target in PLENARY_STEPS else None,
            waiver_reason={
                "draft_approved": "No visit in this test.",
                "final_adopted": ADOPTED_EARLY,
            }.get(target, ""),
            notify=False,
        )
        self.record.state = target

    @initialize(
        start=st.sampled_from(STATES[: STATES.index("final_comments") + 1]),
        with_report=st.booleans(),
        with_follow_up=st.booleans(),
    )
    def start_somewhere_in_the_procedure(self, start, with_report, with_follow_up):
        """Each example starts at some state of the procedure (reached through the services),
        so that its steps go to what happens there; earlier states are other examples'."""
        if with_report:
            self.record.report = self._new_report(Report.Kind.EVALUATION)
        if with_follow_up:  # written from nothing, whatever the state of the evaluation
            self.record.follow_up = self._new_report(Report.Kind.FOLLOW_UP)
        if start != "preparing":
            self._dispatch()
        while self.record.state != start:
            self._step()

    @precondition(lambda self: self.record.state == "preparing")
    @rule()
    def dispatch_questionnaires(self):
        self._dispatch()

    @rule(steps=st.integers(min_value=1, max_value=3))
    def next_procedure_steps(self, steps):
        """One to three steps on the main path; publication is the report's to make."""
        for _ in range(steps):
            if self.record.state in {"preparing", "final_comments", "closed"}:
                return
            self._step()

    # --- the reports ---

    @precondition(lambda self: self.record.report is None)
    @rule()
    def create_the_evaluation_report(self):
        self.record.report = self._new_report(Report.Kind.EVALUATION)

    @precondition(lambda self: self.record.follow_up is None)
    @rule()
    def create_a_follow_up_report(self):
        self.record.follow_up = self._new_report(Report.Kind.FOLLOW_UP)

    def _eligible(self, test) -> list[str]:
        """The reports (by name) written so far that pass `test`."""
        names = ("report", "follow_up")
        return [name for name in names if self._report(name) and test(self._report(name))]

    def _editable(self) -> list[str]:
        return self._eligible(lambda written: written.editable)

    def _publishable(self) -> list[str]:
        return self._editable() if self.record.at_least("final_comments") else []

    def _correctable(self) -> list[str]:
        return self._eligible(lambda written: written.published and not written.correction_open)

    @precondition(lambda self: self._editable())
    @rule(data=st.data(), with_recommendation=st.booleans())
    def write_a_paragraph(self, data, with_recommendation):
        written = self._report(data.draw(st.sampled_from(self._editable()), label="report"))
        chapter = Chapter.objects.filter(report_id=written.pk).first()
        self._write_paragraph(written, chapter, with_recommendation=with_recommendation)

    @precondition(lambda self: self._editable())
    @rule(data=st.data())
    def reword_a_paragraph(self, data):
        """The text of an existing paragraph changes (during a correction: the public keeps
        the published wording)."""
        written = self._report(data.draw(st.sampled_from(self._editable()), label="report"))
        index = data.draw(st.integers(0, len(written.words) - 1), label="paragraph")
        old, new = written.words[index], self._word()
        paragraph = Paragraph.objects.get(chapter__report_id=written.pk, text_en__contains=old)
        reporting.paragraph_update(
            paragraph=paragraph,
            text_en=f"<p>Finding {new} recorded.</p>",
            text_ru="",
            actor=self.secretariat,
        )
        written.words[index] = new

    @precondition(
        lambda self: (
            self.record.follow_up is not None
            and not self.record.follow_up.published
            and self.record.follow_up.own_stage != "sent"
        )
    )
    @rule()
    def move_the_follow_up_on(self):
        written = self.record.follow_up
        target = {"drafting": "approved", "approved": "sent"}[written.own_stage]
        reporting.report_stage_advance(
            report=Report.objects.get(pk=written.pk),
            to_stage={"approved": "approved", "sent": "sent_for_comments"}[target],
            actor=self.secretariat,
        )
        written.own_stage = target

    @precondition(lambda self: self._publishable())
    @rule(data=st.data())
    def publish(self, data):
        which = data.draw(st.sampled_from(self._publishable()), label="report")
        written = self._report(which)
        reporting.report_publish(
            report=Report.objects.get(pk=written.pk),
            actor=self.secretariat,
            correction_note="Corrected." if written.correction_open else "",
        )
        if which == "report" and self.record.state == "final_comments":
            self.record.state = "published"
        if which == "report" and not self.record.replies_decided:
            self.record.replies_decided = True  # frozen: later edits change nothing public
            self.record.published_replies = self.model.replies_published_now()
        written.published, written.correction_open = True, False
        written.published_words = set(written.words)
        written.recommendations = dict.fromkeys(written.recommendations, True)

    @precondition(lambda self: self._correctable())
    @rule(data=st.data())
    def open_a_correction(self, data):
        written = self._report(data.draw(st.sampled_from(self._correctable()), label="report"))
        reporting.report_correction_open(
            report=Report.objects.get(pk=written.pk),
            note="A figure is wrong.",
            actor=self.secretariat,
        )
        written.correction_open = True

    # --- the government's comments ---

    def _comment_kind(self) -> str | None:
        report = self.record.report
        if report is None or report.published:
            return None
        if self.record.state == "draft_with_government":
            kind = "draft"
        elif self.record.state in {"final_adopted", "final_comments"}:
            kind = "final"
        else:
            return None
        if any(c["kind"] == kind and c["submitted"] for c in self.record.comments):
            return None
        return kind

    @precondition(lambda self: self._comment_kind() is not None)
    @rule()
    def the_government_comments(self):
        word = self._word()
        reporting.comment_add(
            report=Report.objects.get(pk=self.record.report.pk),
            text=f"We disagree about {word}.",
            actor=self.w.users["official"],
        )
        kind = self._comment_kind()
        self.record.comments.append({"word": word, "kind": kind, "submitted": False})

    @precondition(
        lambda self: (
            self._comment_kind() is not None
            and any(c["kind"] == self._comment_kind() for c in self.record.comments)
        )
    )
    @rule()
    def the_contact_person_submits_the_comments(self):
        kind = self._comment_kind()
        reporting.comments_submit(
            report=Report.objects.get(pk=self.record.report.pk), actor=self.w.users["contact"]
        )
        for comment in self.record.comments:
            if comment["kind"] == kind:
                comment["submitted"] = True

    # --- the questionnaires ---

    def _may_answer(self) -> list[str]:
        if not self.record.dispatched:
            return []
        return ([] if self.record.government_submitted else ["government"]) + (
            [] if self.record.ngo_submitted else ["ngo"]
        )

    @precondition(lambda self: self._may_answer())
    @rule(data=st.data())
    def answer(self, data):
        who = data.draw(st.sampled_from(self._may_answer()), label="respondent")
        response = self._response(who)
        question = Question.objects.get(section__questionnaire=response.questionnaire)
        stored = Answer.objects.filter(response=response, question=question).first()
        word = self._word()
        result = answering.answer_save(
            response=response,
            question=question,
            data={f"q{question.pk}": f"We saw {word} happen."},
            actor=self.w.users["ngo" if who == "ngo" else "contact"],
            expected_version=stored.version if stored else None,
        )
        assert result.saved, result.errors
        self.record.answers[who] = word

    @precondition(lambda self: "ngo" in self.record.answers and not self.record.ngo_submitted)
    @rule(confidential=st.booleans())
    def the_ngo_keeps_its_answer_confidential(self, confidential):
        response = self._response("ngo")
        question = Question.objects.get(section__questionnaire=response.questionnaire)
        stored = Answer.objects.filter(response=response, question=question).first()
        answering.answer_set_confidential(
            response=response,
            question=question,
            confidential=confidential,
            actor=self.w.users["ngo"],
            expected_version=stored.version if stored else 0,
        )
        self.record.ngo_answer_confidential = confidential

    @precondition(lambda self: self.record.dispatched and not self.record.ngo_submitted)
    @rule(confidential=st.booleans())
    def the_ngo_keeps_its_response_confidential(self, confidential):
        answering.response_set_confidential(
            response=self._response("ngo"), confidential=confidential, actor=self.w.users["ngo"]
        )
        self.record.ngo_response_confidential = confidential

    @precondition(lambda self: self.record.dispatched and not self.record.ngo_submitted)
    @rule(consent=st.booleans())
    def the_ngo_submits(self, consent):
        answering.response_submit(
            response=self._response("ngo"),
            actor=self.w.users["ngo"],
            notify=False,
            publication_consent=consent,
        )
        self.record.ngo_submitted = True
        self.record.ngo_consent = consent

    @precondition(
        lambda self: (
            self.record.ngo_consent
            and self.record.ngo_submitted
            and "ngo" not in self.record.published_replies
        )
    )
    @rule()
    def the_ngo_withdraws_its_consent(self):
        answering.response_withdraw_consent(
            response=self._response("ngo"), actor=self.w.users["ngo"]
        )
        self.record.ngo_consent = False

    @precondition(lambda self: self.record.dispatched and not self.record.government_submitted)
    @rule()
    def the_government_submits(self):
        answering.response_submit(
            response=self._response("government"), actor=self.w.users["contact"], notify=False
        )
        self.record.government_submitted = True
        if self.record.state == "questionnaire_sent":  # the reply moves the evaluation on
            self.record.state = "replies_received"

    @precondition(lambda self: self.record.government_submitted)
    @rule()
    def the_secretariat_reopens_the_government_response(self):
        answering.response_reopen(
            response=self._response("government"), actor=self.secretariat, reason="Figures."
        )
        self.record.government_submitted = False

    @precondition(lambda self: self.record.ngo_submitted)
    @rule()
    def the_secretariat_reopens_the_ngo_response(self):
        answering.response_reopen(
            response=self._response("ngo"), actor=self.secretariat, reason="A figure is missing."
        )
        self.record.ngo_submitted = False

    # --- the checks -------------------------------------------------------------------------

    def _user(self, role: str):
        return AnonymousUser() if role == "anonymous" else self.w.users[role]

    @invariant()
    def note_what_was_reached(self):
        record, reached = self.record, type(self).reached
        for written in record.reports():
            reached.add(
                f"{written.kind} read by the government" * self.model.government_reads(written)
            )
            reached.add(f"{written.kind} published" * written.published)
            reached.add(f"{written.kind} under correction" * written.correction_open)
        confidential = record.ngo_answer_confidential or record.ngo_response_confidential
        reached.add("confidential NGO answer" * bool(confidential and "ngo" in record.answers))
        reached.add("comments" * bool(record.comments))

    @invariant()
    def the_selectors_follow_the_model(self):
        """Seven queries per role: each model's visible rows of the evaluation, at once."""
        evaluation = self.w.evaluation
        for role in ROLES:
            user = self._user(role)
            reports = set(
                access.visible(user, Report)
                .filter(evaluation=evaluation)
                .values_list("pk", flat=True)
            )
            chapters = set(
                access.visible(user, Chapter)
                .filter(report__evaluation=evaluation)
                .values_list("report_id", flat=True)
            )
            paragraphs = _words_by_report(
                access.visible(user, Paragraph)
                .filter(chapter__report__evaluation=evaluation)
                .values_list("chapter__report_id", "text_en")
            )
            recommendations = _words_by_report(
                access.visible(user, Recommendation)
                .filter(report__evaluation=evaluation)
                .values_list("report_id", "text_en")
            )
            for written in self.record.reports():
                where = (role, written.kind)
                assert (written.pk in reports) is self.model.sees_report(role, written), where
                expected = self.model.paragraph_words(role, written)
                assert (written.pk in chapters) is bool(expected), where
                assert paragraphs.get(written.pk, set()) == expected, where
                expected = self.model.recommendation_words(role, written)
                assert recommendations.get(written.pk, set()) == expected, where
            answers = access.visible(user, Answer).filter(
                response__evaluation=evaluation, is_answered=True
            )
            found = {_word_in(str(value)) for value in answers.values_list("value", flat=True)}
            assert found == self.model.answer_words(role), role
            comments = access.visible(user, GovernmentComment).filter(report__evaluation=evaluation)
            found = {_word_in(text) for text in comments.values_list("text", flat=True)}
            assert found == self.model.comment_words(role), role
            if self._changed(f"note-{role}", True):  # the note never changes: once an example
                notes = access.visible(user, MeetingNote).filter(meeting=self.w.meeting)
                assert notes.exists() is self.model.sees_note(role), role

    def _changed(self, surface: str, signature) -> bool:
        """Has what `surface` shows changed since it was last looked at?"""
        if self.last_checked.get(surface) == signature:
            return False
        self.last_checked[surface] = signature
        return True

    @invariant()
    def the_pages_follow_the_model(self):
        """Over HTTP, each page when what it shows has changed since the last look."""
        for written in self.record.reports():
            text = (tuple(written.words), tuple(written.recommendations.items()))
            portal = (self.model.government_reads(written), text)
            if self._changed(f"portal-{written.kind}", portal):
                self._check_portal(written)
            public = (written.published, written.correction_open, text)
            if self._changed(f"public-{written.kind}", public):
                self._check_public(written)
        lists = repr(
            [
                (r.published, r.correction_open, r.recommendations, r.words)
                for r in self.record.reports()
            ]
        )
        if self._changed("lists", lists):
            self._check_lists()
        replies = (self.record.replies_decided, repr(sorted(self.record.published_replies.items())))
        if self._changed("replies", replies):
            self._check_replies()

    def _check_replies(self):
        """The public reads exactly the replies the model says were published with the report,
        as they were then: on the country page, each reply's page and in the API."""
        client = self.w.clients["anonymous"]
        expected = self.model.public_reply_words()
        listed = client.get("/api/v1/replies", {"limit": 100})
        assert listed.status_code == 200
        items = listed.json()["items"]
        assert len(items) == len(self.record.published_replies)
        assert set(re.findall(r"\bvq[a-z]{3}\b", listed.content.decode())) == expected
        country = client.get("/en/countries/testland/").content.decode()
        rows = ReplyPublication.objects.filter(report__evaluation=self.w.evaluation)
        for row in rows:
            page = client.get(f"/en/countries/testland/replies/{row.pk}/")
            api = client.get(f"/api/v1/replies/{row.pk}")
            public = row.outcome == "published"
            assert [page.status_code, api.status_code] == [200 if public else 404] * 2, row
            assert (f"/replies/{row.pk}/" in country) is public
            if public:
                found = set(re.findall(r"\bvq[a-z]{3}\b", page.content.decode()))
                assert found <= expected, (found, expected)
        type(self).reached.add("replies published" * bool(self.record.published_replies))

    def _check_portal(self, written: Written):
        for role in ROLES:
            client = self.w.clients[role]
            page = client.get(reverse("portal:report", args=[written.pk]))
            if role == "anonymous":
                assert page.status_code == 302, role
                continue
            readable = role in GOVERNMENT and self.model.government_reads(written)
            assert page.status_code == (200 if readable else 404), (role, written.kind)
            if readable:
                content = page.content.decode()
                for word in set(written.words) | set(written.recommendations):
                    assert word in content, (role, word)
            if role in {"contact", "other_contact"}:
                pdf = client.get(reverse("portal:report_pdf", args=[written.pk]))
                assert pdf.status_code == (200 if readable else 404), (role, written.kind)
                if readable:  # a published report prints its snapshot, corrected or not
                    printed = written.published_words if written.published else written.words
                    text = _pdf_text(pdf.content)
                    for word in written.words:
                        assert (word in text) is (word in printed), (role, word)

    def _check_public(self, written: Written):
        client = self.w.clients["anonymous"]
        shown = self.model.public_words(written) | self.model.public_recommendations(written)
        hidden = (set(written.words) | set(written.recommendations)) - shown
        page = client.get(f"/en/countries/testland/reports/{written.pk}/")
        pdf = client.get(reverse("report_pdf", args=[written.pk]))
        api = client.get(f"/api/v1/reports/{written.pk}")
        expected = 200 if written.published else 404
        assert [page.status_code, pdf.status_code, api.status_code] == [expected] * 3
        if written.published:
            texts = {
                "page": page.content.decode(),
                "pdf": _pdf_text(pdf.content),
                "api": api.content.decode(),
            }
            for name, text in texts.items():
                assert all(word in text for word in shown), (name, shown)
                assert not any(word in text for word in hidden), (name, hidden)

    def _check_lists(self):
        client = self.w.clients["anonymous"]
        shown = set().union(*(self.model.public_recommendations(r) for r in self.record.reports()))
        everything = set().union(*(set(r.recommendations) for r in self.record.reports()))
        tracker = client.get(reverse("tracker")).content.decode()
        api = client.get("/api/v1/recommendations", {"limit": 100}).content.decode()
        for name, text in (("tracker", tracker), ("api", api)):
            assert {word for word in everything if word in text} == shown, name
        for written in self.record.reports():
            public = self.model.public_words(written) | self.model.public_recommendations(written)
            for word in [*written.words, *written.recommendations]:
                results = client.get("/en/search/", {"q": word}).content.decode()
                found = f"<mark>{word}</mark>" in results  # the query box echoes it anyway
                if word in public:
                    assert found, word
                    continue
                if written.published and written.correction_open:
                    type(self).reached.add("a word only in an open correction searched")
                assert not found, word


def _words_by_report(rows) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for report_id, text in rows:
        found.setdefault(report_id, set()).add(_word_in(text))
    return found


def _word_in(text: str) -> str | None:
    found = re.search(r"\bvq[a-z]{3}\b", text)
    return found.group() if found else None


@pytest.mark.django_db
def test_what_each_role_sees_follows_the_rules_in_every_state():
    VisibilityMachine.world = build_world()
    VisibilityMachine.reached = set()
    run_state_machine_as_test(
        VisibilityMachine,
        settings=settings(
            max_examples=20,
            stateful_step_count=30,
            deadline=None,
            derandomize=True,  # the same sequences on every run, so CI time and coverage hold
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
    # The sequences went through the states that matter (else the bound above is too tight).
    assert {
        "evaluation read by the government",
        "evaluation published",
        "evaluation under correction",
        "follow_up read by the government",
        "follow_up published",
        "confidential NGO answer",
        "comments",
        "a word only in an open correction searched",
        "replies published",
    } <= VisibilityMachine.reached, VisibilityMachine.reached
