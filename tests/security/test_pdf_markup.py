"""User-written text in the platform's PDFs is printed as text, never read as reportlab markup
(finding 3 of the second confidentiality pass). reportlab's Paragraph reads its text as markup:
an unescaped `<img src="/a/file/on/the/server.png"/>` in a chapter title embedded that file in
the government's PDF, and a broken tag made the view answer 500.

Each test builds its own data through the services (a model saved after `full_clean` where the
back office has no service of its own: questionnaire structure, round titles) and fetches the
PDF through its view, as a reader allowed to see it. The properties run over every PDF the
platform makes: the report (draft in the portal, published on the public site), a response's
answers, the blank questionnaire and the visit programme."""

import html
import io
import itertools
import re
import unicodedata
from datetime import datetime, time, timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from evaluation_rounds import services as round_services
from evaluation_rounds import visit_services
from evaluation_rounds.models import CountryEvaluation, EvaluationRound, Plenary, VisitMeeting
from evaluation_rounds.procedure import State
from monitoring import services as core_services
from monitoring.models import Country, Organisation
from questionnaires import services as answer_services
from questionnaires import structure_services
from questionnaires.models import Question, Questionnaire, Section
from recommendations import services as recommendation_services
from reports import placeholder_review
from reports import services as report_services
from reports.models import GovernmentComment
from tests.procedure_steps import ADOPTED_EARLY

from .strategies import pdf_text

# Each example builds a PDF through a view; shrinking would rebuild hundreds of them, so a
# failure is reported as found (hypothesis prints the values).
PER_BUILDER = settings(
    max_examples=25,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# --- reading a PDF back ------------------------------------------------------------------------


def read_pdf(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def images_in(reader: PdfReader) -> list[str]:
    """The image XObjects on every page (the platform draws none: its charts are vectors)."""
    found = []
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        objects = resources.get("/XObject") or {}
        for name, reference in objects.items():
            if reference.get_object().get("/Subtype") == "/Image":
                found.append(name)
    return found


def link_actions(reader: PdfReader) -> list[tuple[str, str]]:
    """Every action a link of the PDF performs: (kind, address)."""
    found = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None:
                action = action.get_object()
                found.append((str(action.get("/S")), str(action.get("/URI", ""))))
    return found


def visible_text(reader: PdfReader) -> str:
    return "".join(page.extract_text() for page in reader.pages)


def squeezed(text: str) -> str:
    """Printable characters only, without whitespace: lines wrap (and long words split)
    wherever the page ends, so only the sequence of characters is compared."""
    return "".join(
        character
        for character in text
        if not character.isspace() and not unicodedata.category(character).startswith("C")
    )


def shows_literally(reader: PdfReader, value: str) -> bool:
    return squeezed(value) in squeezed(visible_text(reader))


# --- a report of our own -------------------------------------------------------------------------


def _drop_demo_report(evaluation) -> None:
    from recommendations.models import Assessment, ProgressUpdate, Recommendation
    from reports.models import GovernmentComment

    for report in evaluation.reports.filter(kind="evaluation"):
        recommendations = Recommendation.objects.filter(report=report)
        Assessment.objects.filter(recommendation__in=recommendations).delete()
        ProgressUpdate.objects.filter(recommendation__in=recommendations).delete()
        GovernmentComment.objects.filter(report=report).delete()
        Recommendation.objects.filter(reiterates__in=recommendations).update(reiterates=None)
        recommendations.delete()
        report.delete()


def draft_report(secretariat, *, chapter_title: str):
    """Kyrgyzstan's draft, with the government for comments, rewritten with one chapter."""
    evaluation = CountryEvaluation.objects.get(round__number=1, country__iso_code="KG")
    _drop_demo_report(evaluation)
    report = report_services.report_create(
        evaluation=evaluation, title_en="Report on Kyrgyzstan", actor=secretariat
    )
    chapter = report_services.chapter_create(
        report=report, number="1", title_en=chapter_title, actor=secretariat
    )
    report_services.paragraph_insert(
        chapter=chapter, text_en="<p>The first paragraph.</p>", actor=secretariat
    )
    return report


@pytest.fixture
def a_png_on_the_server(tmp_path):
    path = tmp_path / "secret-scan.png"
    Image.new("RGB", (40, 40), (200, 30, 30)).save(path)
    return path


def test_a_chapter_title_with_a_broken_img_tag_prints_as_text(user_named, login_as):
    title = '<img src="x" onerror="y">'
    report = draft_report(user_named("secretariat"), chapter_title=title)
    response = login_as("kg-contact").get(reverse("portal:report_pdf", args=[report.pk]))
    assert response.status_code == 200
    reader = read_pdf(response.content)
    assert shows_literally(reader, f"1. {title}")
    assert images_in(reader) == []


def test_a_chapter_title_cannot_embed_a_file_of_the_server(
    user_named, login_as, a_png_on_the_server
):
    title = f'Findings <img src="{a_png_on_the_server}" width="40" height="40"/>'
    report = draft_report(user_named("secretariat"), chapter_title=title)
    response = login_as("kg-contact").get(reverse("portal:report_pdf", args=[report.pk]))
    assert response.status_code == 200
    reader = read_pdf(response.content)
    assert images_in(reader) == []
    assert shows_literally(reader, title)
    assert re.search(rb"/Subtype\s*/Image", response.content) is None


def test_a_paragraph_links_only_to_the_web_never_to_a_file(user_named, login_as, image_path):
    """The paragraph sanitiser lets relative addresses through (they make sense on the site);
    in a PDF they would be links that open a file of the reader's machine."""
    secretariat = user_named("secretariat")
    report = draft_report(secretariat, chapter_title="Links")
    report_services.paragraph_insert(
        chapter=report.chapters.get(),
        text_en=(
            f'<p>See <a href="{image_path}">the scan</a>, <a href="file.pdf">the file</a> and '
            '<a href="https://example.org/law">the law</a>.</p>'
        ),
        actor=secretariat,
    )
    response = login_as("kg-contact").get(reverse("portal:report_pdf", args=[report.pk]))
    assert response.status_code == 200
    reader = read_pdf(response.content)
    assert link_actions(reader) == [("/URI", "https://example.org/law")]
    assert shows_literally(reader, "See the scan, the file and the law.")


# --- every PDF, every user-written field ---------------------------------------------------------


SHORTEST_COLUMN = Country._meta.get_field("name_en").max_length


def edit(instance, **fields):
    """What the back office's model forms do for the records without a service of their own."""
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


def check_pdf(data: bytes, written: dict[str, str]) -> None:
    """The PDF opens, shows every written value as text, embeds no image and links only to the
    web or to its own pages."""
    reader = read_pdf(data)
    assert len(reader.pages) >= 1
    assert images_in(reader) == []
    for kind, address in link_actions(reader):
        assert kind == "/URI" and re.match(r"(https?://|mailto:)", address), (kind, address)
    text = squeezed(visible_text(reader))
    for field, value in written.items():
        assert squeezed(value) in text, field


@st.composite
def hostile_fields(draw, image, names: tuple[str, ...]) -> dict[str, str]:
    """A label first, so that a required field is never blank and a failure names its field;
    100 characters at most, the shortest column written (a country's name)."""
    return {name: f"{name}:{draw(pdf_text(image))}"[:SHORTEST_COLUMN] for name in names}


@pytest.fixture
def secretariat(user_named):
    return user_named("secretariat")


@pytest.fixture
def image_path(a_png_on_the_server) -> str:
    return str(a_png_on_the_server)


def _kyrgyzstan_named(values: dict[str, str]) -> None:
    kyrgyzstan = Country.objects.get(iso_code="KG")
    core_services.country_upsert(
        iso_code="KG",
        name_en=values["country"],
        name_ru=kyrgyzstan.name_ru,
        is_evaluated=kyrgyzstan.is_evaluated,
    )


REPORT_FIELDS = (
    "country",
    "report_title",
    "chapter_title",
    "paragraph",
    "footnote",
    "recommendation",
    "organisation",
    "first_name",
    "last_name",
)


@given(data=st.data())
@PER_BUILDER
def test_the_draft_report_pdf_prints_every_written_text_as_text(
    data, secretariat, user_named, client, image_path
):
    values = data.draw(hostile_fields(image_path, REPORT_FIELDS))
    raw_html = data.draw(pdf_text(image_path))  # what a paragraph's HTML may be, raw
    _kyrgyzstan_named(values)
    report = draft_report(secretariat, chapter_title=values["chapter_title"])
    edit(report, title_en=values["report_title"])
    chapter = report.chapters.get()
    paragraph = report_services.paragraph_insert(
        chapter=chapter,
        text_en=(
            f"<p>{html.escape(values['paragraph'])}"
            f'<span class="footnote">{html.escape(values["footnote"])}</span></p>'
        ),
        actor=secretariat,
    )
    report_services.paragraph_insert(
        chapter=chapter,
        text_en=f'<p>{raw_html}</p><p><a href="{html.escape(raw_html)}">link</a> end</p>',
        actor=secretariat,
    )
    government = Organisation.objects.get(country__iso_code="KG", is_national_government=True)
    recommendation = recommendation_services.recommendation_create(
        paragraph=paragraph,
        strength="urges",
        text_en=values["recommendation"],
        themes=["protection"],
        addressees=[government],
        actor=secretariat,
    )
    # What the PDF prints is the sentence stored: a fragment gets its strength's lead-in.
    values["recommendation"] = recommendation.text_en
    contact = user_named("kg-contact")
    core_services.user_upsert(
        username=contact.username,
        first_name=values["first_name"],
        last_name=values["last_name"],
        email=contact.email,
    )
    ministry = core_services.organisation_upsert(
        kind="government",
        country=government.country,
        name_en=values["organisation"],
        name_ru="Министерство",
    )
    core_services.membership_grant(
        user=contact, organisation=ministry, role="government_respondent"
    )

    client.force_login(contact)
    response = client.get(reverse("portal:report_pdf", args=[report.pk]))
    assert response.status_code == 200
    check_pdf(response.content, values)


def _to_final_comments(evaluation, secretariat) -> None:
    today = timezone.localdate()
    plenary = Plenary.objects.create(
        number=99, start_date=today - timedelta(days=1), end_date=today, place_en="Bishkek"
    )
    for state in (State.FINAL_ADOPTED, State.FINAL_COMMENTS):
        round_services.evaluation_transition(
            evaluation=evaluation,
            to_state=state,
            actor=secretariat,
            occurred_on=today,
            plenary=plenary if state == State.FINAL_ADOPTED else None,
            waiver_reason=ADOPTED_EARLY if state == State.FINAL_ADOPTED else "",
            notify=False,
        )


@pytest.fixture
def published_report(secretariat, user_named):
    """Kyrgyzstan's report, published with the government's final comments."""
    report = draft_report(secretariat, chapter_title="Introduction")
    _to_final_comments(report.evaluation, secretariat)
    report_services.comment_add(
        report=report, text="Our final comments.", actor=user_named("kg-official")
    )
    report_services.comments_submit(report=report, actor=user_named("kg-contact"))
    return report_services.report_publish(report=report, actor=secretariat)


PUBLISHED_FIELDS = ("chapter_title", "paragraph", "final_comment", "correction_note")
numbers = itertools.count(2)


@given(data=st.data())
@PER_BUILDER
def test_the_published_report_pdf_prints_every_written_text_as_text(
    data, secretariat, published_report, client, image_path
):
    values = data.draw(hostile_fields(image_path, PUBLISHED_FIELDS))
    report = published_report
    report_services.report_correction_open(report=report, note="Corrected", actor=secretariat)
    chapter = report_services.chapter_create(
        report=report,
        number=str(next(numbers)),
        title_en=values["chapter_title"],
        actor=secretariat,
    )
    report_services.paragraph_insert(
        chapter=chapter, text_en=f"<p>{html.escape(values['paragraph'])}</p>", actor=secretariat
    )
    # A submitted comment is final for its author; what it says reaches the snapshot as stored.
    GovernmentComment.objects.filter(report=report).update(text=values["final_comment"])
    # Drawn text may hold square brackets: the secretariat lets them through as written, as
    # publication requires, so the PDF prints them.
    for placeholder in placeholder_review.unresolved_placeholders(report):
        placeholder_review.placeholder_accept(
            report=report,
            language=placeholder.language,
            text=placeholder.text,
            paragraph=placeholder.paragraph,
            recommendation=placeholder.recommendation,
            reason="Written so on purpose.",
            actor=secretariat,
        )
    report_services.report_publish(
        report=report, actor=secretariat, correction_note=values["correction_note"]
    )
    cache.clear()
    response = client.get(f"/en/reports/{report.pk}.pdf")
    assert response.status_code == 200
    check_pdf(response.content, values)


QUESTIONNAIRE_FIELDS = (
    "title",
    "introduction",
    "section_title",
    "section_introduction",
    "question",
    "help",
    "table_question",
    "row_label",
    "column_label",
    "group_question",
    "group_column",
)
ANSWER_FIELDS = ("answer", "entry")


def hostile_questionnaire(values: dict[str, str], secretariat) -> Questionnaire:
    """A new adopted version of round 1's government questionnaire, written with `values`."""
    round_one = EvaluationRound.objects.get(number=1)
    latest = Questionnaire.objects.filter(round=round_one, audience="government")
    questionnaire = edit(
        Questionnaire(
            round=round_one,
            audience="government",
            version=max(q.version for q in latest) + 1,
            title_ru="Вопросник",
        ),
        title_en=values["title"],
        introduction_en=values["introduction"],
    )
    section = edit(
        Section(questionnaire=questionnaire, number="1", title_ru="Раздел", theme="general"),
        title_en=values["section_title"],
        introduction_en=values["section_introduction"],
    )
    for code, kind, text, config in [
        ("1.1", "long_text", values["question"], {}),
        (
            "1.2",
            "table",
            values["table_question"],
            {
                "rows": [{"key": "r", "en": values["row_label"]}],
                "columns": [{"key": "c", "en": values["column_label"]}],
            },
        ),
        (
            "1.3",
            "repeating",
            values["group_question"],
            {"columns": [{"key": "name", "type": "text", "en": values["group_column"]}]},
        ),
    ]:
        edit(
            Question(
                section=section, code=code, question_type=kind, text_ru="Вопрос", config=config
            ),
            text_en=text,
            help_en=values["help"] if code == "1.1" else "",
        )
    return structure_services.questionnaire_freeze(questionnaire=questionnaire, actor=secretariat)


@given(data=st.data())
@PER_BUILDER
def test_the_blank_questionnaire_pdf_prints_every_written_text_as_text(
    data, secretariat, client, image_path
):
    values = data.draw(hostile_fields(image_path, QUESTIONNAIRE_FIELDS))
    questionnaire = hostile_questionnaire(values, secretariat)
    response = client.get(f"/en/rounds/round-1/questionnaires/{questionnaire.pk}/pdf/")
    assert response.status_code == 200
    # The blank questionnaire lists the questions; tables and groups are answered elsewhere.
    shown = {
        k: v for k, v in values.items() if k not in ("row_label", "column_label", "group_column")
    }
    check_pdf(response.content, shown)


@given(data=st.data())
@PER_BUILDER
def test_the_answers_pdf_prints_every_written_text_as_text(
    data, secretariat, user_named, client, image_path
):
    values = data.draw(hostile_fields(image_path, QUESTIONNAIRE_FIELDS + ANSWER_FIELDS))
    questionnaire = hostile_questionnaire(values, secretariat)
    evaluation = CountryEvaluation.objects.get(round__number=1, country__iso_code="KG")
    (response,) = structure_services.questionnaire_dispatch(
        evaluation=evaluation, questionnaire=questionnaire, actor=secretariat, notify=False
    )
    contact = user_named("kg-contact")
    questions = {q.code: q for q in Question.objects.filter(section__questionnaire=questionnaire)}
    for code, answer in [
        ("1.1", {"": values["answer"]}),
        ("1.2", {"-r-c": "1 204"}),
        ("1.3", {"-0-name": values["entry"]}),
    ]:
        question = questions[code]
        saved = answer_services.answer_save(
            response=response,
            question=question,
            data={f"q{question.pk}{suffix}": value for suffix, value in answer.items()},
            actor=contact,
            expected_version=None,
        )
        assert saved.saved, saved.errors
    client.force_login(contact)
    pdf = client.get(reverse("portal:response_pdf", args=[response.pk]))
    assert pdf.status_code == 200
    # The answers' PDF prints the questions, not the introductions and help that precede them.
    unprinted = ("introduction", "section_introduction", "help")
    check_pdf(pdf.content, {k: v for k, v in values.items() if k not in unprinted})


VISIT_FIELDS = ("country", "round_title", "organisation", "counterpart", "location")
round_numbers = itertools.count(90)


@given(data=st.data())
@PER_BUILDER
def test_the_visit_programme_pdf_prints_every_written_text_as_text(
    data, secretariat, client, image_path
):
    values = data.draw(hostile_fields(image_path, VISIT_FIELDS))
    _kyrgyzstan_named(values)
    kyrgyzstan = Country.objects.get(iso_code="KG")
    round_ = edit(
        EvaluationRound(number=next(round_numbers), title_ru="Раунд", status="open"),
        title_en=values["round_title"],
    )
    evaluation = round_services.evaluation_create(
        round=round_, country=kyrgyzstan, actor=secretariat
    )
    start = timezone.localdate() + timedelta(days=30)
    visit = visit_services.visit_create(
        evaluation=evaluation,
        start_date=start,
        end_date=start + timedelta(days=2),
        delegation=[secretariat],
        actor=secretariat,
    )
    organisation = core_services.organisation_upsert(
        kind="ngo",
        country=kyrgyzstan,
        name_en=values["organisation"],
        name_ru="НКО",
    )
    at = timezone.make_aware(datetime.combine(start, time(10)))
    visit_services.meeting_add(
        visit=visit,
        starts_at=at,
        meeting_type=VisitMeeting.Type.NGO,
        organisation=organisation,
        location=values["location"],
        actor=secretariat,
    )
    visit_services.meeting_add(
        visit=visit,
        starts_at=at + timedelta(hours=3),
        meeting_type=VisitMeeting.Type.PLACE,
        counterpart=values["counterpart"],
        actor=secretariat,
    )
    client.force_login(secretariat)
    response = client.get(reverse("visit_programme_pdf", args=[visit.pk]))
    assert response.status_code == 200
    check_pdf(response.content, values)


@pytest.mark.parametrize("invisible", ["\ufeff", "\u200b", "\u00ad", "\u202e"])
def test_invisible_format_characters_do_not_scramble_the_copied_text(invisible):
    """A zero-width character (found by the answers' property: a byte-order mark pasted from
    Word) made a reader copy "5)<b>" as "5<)b>"; it is dropped, the text keeps its order."""
    from reportlab.platypus import SimpleDocTemplate

    from monitoring.pdf import styles, text_paragraph

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build(
        [text_paragraph(f"Rows 5{invisible}) and <b>", styles()["body"])]
    )
    assert "Rows 5) and <b>" in visible_text(PdfReader(io.BytesIO(buffer.getvalue())))
