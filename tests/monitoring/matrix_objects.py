"""The objects the access-matrix test walks: each object kind of `tests.monitoring.access_matrix`
as URL arguments for a Kyrgyz object ("own": the demo respondents and the rapporteur are
Kyrgyz) and a Kazakh one ("other"). The demo has no uploaded files, so one of each kind of
private file is stored here."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Page

from cms.models import CountryPage
from evaluation_rounds.models import (
    CountryEvaluation,
    CountryVisit,
    Deadline,
    EvaluationRound,
    Plenary,
    VisitAttachment,
    VisitMeeting,
)
from indicators.models import Indicator, Observation
from monitoring.models import AuditEvent, Country, ExpertMember, Membership, Organisation
from questionnaires.models import (
    Answer,
    AnswerFile,
    ExtensionRequest,
    Question,
    Questionnaire,
    Response,
    Section,
)
from recommendations.models import ProgressEvidence, ProgressUpdate
from reports.models import GovernmentComment, ReplyPublication, Report
from reports.models import Section as ReportSection
from tests.monitoring.access_matrix import ANY, OTHER, OWN

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

Arguments = dict[str, object] | tuple[object, ...]


def _answer_file(response: Response, uploader) -> AnswerFile:
    questions = Question.objects.filter(section__questionnaire=response.questionnaire)
    question = questions.filter(question_type="file").first() or questions.order_by("pk").first()
    answer, _created = Answer.objects.get_or_create(response=response, question=question)
    return AnswerFile.objects.create(
        answer=answer,
        file=ContentFile(PDF, name="statement.pdf"),
        original_name="statement.pdf",
        content_type="application/pdf",
        size=len(PDF),
        uploaded_by=uploader,
    )


def _evidence(report: Report, author) -> ProgressEvidence:
    recommendation = report.recommendations.order_by("pk").first()
    update = ProgressUpdate.objects.filter(recommendation=recommendation).first()
    if update is None:
        update = ProgressUpdate.objects.create(
            recommendation=recommendation,
            text="Measures",
            reported_on=date.today(),
            author=author,
        )
    return ProgressEvidence.objects.create(
        update=update,
        file=ContentFile(PDF, name="evidence.pdf"),
        original_name="evidence.pdf",
        content_type="application/pdf",
        size=len(PDF),
        uploaded_by=author,
    )


def delete_files() -> None:
    """The files `build()` stored (the demo itself stores none)."""
    for model in (AnswerFile, VisitAttachment, ProgressEvidence, Document):
        for row in model.objects.all():
            row.file.delete(save=False)


def build() -> dict[str, dict[str, Arguments]]:
    """Object kind → {"own"/"other"/"any": URL arguments}."""
    users = get_user_model().objects
    secretariat = users.get(username="secretariat")
    kg, kz = Country.objects.get(iso_code="KG"), Country.objects.get(iso_code="KZ")
    evaluation = {
        OWN: CountryEvaluation.objects.get(round__number=1, country=kg),
        OTHER: CountryEvaluation.objects.get(round__number=1, country=kz),
    }
    government = {
        side: Response.objects.get(evaluation=evaluation[side], organisation__kind="government")
        for side in (OWN, OTHER)
    }
    ngo = {
        side: Response.objects.get(evaluation=evaluation[side], organisation__kind="ngo")
        for side in (OWN, OTHER)
    }
    report = {side: Report.objects.get(evaluation=evaluation[side]) for side in (OWN, OTHER)}
    visit = {side: CountryVisit.objects.get(evaluation=evaluation[side]) for side in (OWN, OTHER)}
    for side in (OWN, OTHER):
        if not visit[side].meetings.exists():
            VisitMeeting.objects.create(
                visit=visit[side],
                starts_at=timezone.now(),
                meeting_type=VisitMeeting.Type.PLACE,
                counterpart="Shelter",
            )
    attachment = {
        side: VisitAttachment.objects.create(
            visit=visit[side],
            title="Programme",
            file=ContentFile(PDF, name="programme.pdf"),
            uploaded_by=secretariat,
        )
        for side in (OWN, OTHER)
    }
    government_file = {side: _answer_file(government[side], secretariat) for side in (OWN, OTHER)}
    ngo_file = {side: _answer_file(ngo[side], secretariat) for side in (OWN, OTHER)}
    evidence = {side: _evidence(report[side], secretariat) for side in (OWN, OTHER)}
    extension = {
        side: ExtensionRequest.objects.create(
            response=government[side],
            requested_by=secretariat,
            requested_due_on=government[side].due_on + timedelta(days=30),
            reason="More time",
        )
        for side in (OWN, OTHER)
    }
    comment = {
        side: GovernmentComment.objects.filter(report=report[side]).order_by("pk").first()
        for side in (OWN, OTHER)
    }
    update = {
        side: ProgressUpdate.objects.filter(recommendation__report=report[side]).first()
        for side in (OWN, OTHER)
    }
    questionnaire = Questionnaire.objects.order_by("pk").first()
    section = Section.objects.filter(questionnaire=government[OWN].questionnaire).first()
    round_ = EvaluationRound.objects.order_by("pk").first()
    document = Document.objects.create(
        title="Public leaflet", file=ContentFile(PDF, name="leaflet.pdf")
    )
    country_slug = {
        side: CountryPage.objects.filter(locale__language_code="en", country=country)
        .get()
        .url_path.split("/", 2)[2]
        for side, country in ((OWN, kg), (OTHER, kz))
    }
    membership = {
        side: Membership.objects.filter(organisation__country=country).first()
        for side, country in ((OWN, kg), (OTHER, kz))
    }
    organisation = {
        side: Organisation.objects.filter(country=country, kind="ngo").first()
        for side, country in ((OWN, kg), (OTHER, kz))
    }

    # Own: a reply row of Kyrgyzstan's draft report, even marked published, never public (only
    # a publication writes such rows; this one proves a draft's reply stays closed). Other:
    # Kazakhstan's government reply, published with its report by the demo.
    reply = {
        OWN: ReplyPublication.objects.create(
            report=report[OWN],
            response=government[OWN],
            outcome=ReplyPublication.Outcome.PUBLISHED,
            decided_at=timezone.now(),
            organisation_name_en=government[OWN].organisation.name_en,
            organisation_name_ru=government[OWN].organisation.name_ru,
            is_government=True,
            content={"sections": []},
        ),
        OTHER: ReplyPublication.objects.get(report=report[OTHER], response=government[OTHER]),
    }

    def pk(objects: dict) -> dict[str, Arguments]:
        return {side: {"pk": obj.pk} for side, obj in objects.items()}

    def with_response(responses: dict, **extra) -> dict[str, Arguments]:
        return {
            side: {"pk": responses[side].pk, **{k: v[side] for k, v in extra.items()}}
            for side in (OWN, OTHER)
        }

    def questions_of(responses: dict) -> dict[str, int]:
        return {
            side: Question.objects.filter(section__questionnaire=responses[side].questionnaire)
            .order_by("section__number", "pk")
            .first()
            .pk
            for side in (OWN, OTHER)
        }

    def sections_of(responses: dict) -> dict[str, int]:
        return {
            side: Section.objects.filter(questionnaire=responses[side].questionnaire)
            .order_by("number")
            .first()
            .pk
            for side in (OWN, OTHER)
        }

    def report_child(key: str, children: dict) -> dict[str, Arguments]:
        return {side: {"pk": report[side].pk, key: children[side].pk} for side in (OWN, OTHER)}

    paragraph = {
        side: report[side].chapters.order_by("pk").first().paragraphs.order_by("pk").first()
        for side in (OWN, OTHER)
    }
    report_chapter = {side: report[side].chapters.order_by("pk").first() for side in (OWN, OTHER)}
    # The demo reports have no sections: an empty one at the end of the first chapter.
    report_section = {
        side: ReportSection.objects.create(
            chapter=report_chapter[side], letter="A", title_en="Section", sort_order=0
        )
        for side in (OWN, OTHER)
    }
    recommendation = {
        side: report[side].recommendations.order_by("pk").first() for side in (OWN, OTHER)
    }
    deadline = {
        side: Deadline.objects.filter(evaluation=evaluation[side]).first() for side in (OWN, OTHER)
    }
    meeting = {side: visit[side].meetings.first() for side in (OWN, OTHER)}
    audit = AuditEvent.objects.order_by("pk").first()

    return {
        "evaluation": pk(evaluation),
        "deadline": {
            side: {"pk": evaluation[side].pk, "deadline_pk": deadline[side].pk}
            for side in (OWN, OTHER)
        },
        "visit": pk(visit),
        "visit_meeting": {
            side: {"pk": visit[side].pk, "meeting_pk": meeting[side].pk} for side in (OWN, OTHER)
        },
        "visit_attachment": {side: {"attachment_pk": attachment[side].pk} for side in (OWN, OTHER)},
        "government_response": pk(government),
        "ngo_response": pk(ngo),
        "government_section": with_response(government, section_pk=sections_of(government)),
        "ngo_section": with_response(ngo, section_pk=sections_of(ngo)),
        "government_question": with_response(government, question_pk=questions_of(government)),
        "ngo_question": with_response(ngo, question_pk=questions_of(ngo)),
        "government_file": {side: {"file_pk": f.pk} for side, f in government_file.items()},
        "ngo_file": {side: {"file_pk": f.pk} for side, f in ngo_file.items()},
        "evidence": {side: {"file_pk": f.pk} for side, f in evidence.items()},
        "extension": pk(extension),
        "report": pk(report),
        "paragraph": report_child("paragraph_pk", paragraph),
        "chapter": report_child(
            "chapter_pk",
            {side: report[side].chapters.order_by("pk").first() for side in (OWN, OTHER)},
        ),
        "report_chapter": report_child("chapter_pk", report_chapter),
        "report_section": report_child("section_pk", report_section),
        "report_recommendation": report_child("recommendation_pk", recommendation),
        "comment": report_child("comment_pk", comment),
        "progress_update": report_child("update_pk", update),
        "recommendation": pk(recommendation),
        "api_report": {side: {"report_id": report[side].pk} for side in (OWN, OTHER)},
        "api_recommendation": {
            side: {"recommendation_id": recommendation[side].pk} for side in (OWN, OTHER)
        },
        "country": pk({OWN: kg, OTHER: kz}),
        "organisation": pk(organisation),
        "membership": pk(membership),
        "country_report_page": {
            side: (f"{country_slug[side]}reports/{report[side].pk}/",) for side in (OWN, OTHER)
        },
        "country_reply_page": {
            side: (f"{country_slug[side]}replies/{reply[side].pk}/",) for side in (OWN, OTHER)
        },
        "country_reply_pdf": {
            side: (f"{country_slug[side]}replies/{reply[side].pk}/pdf/",) for side in (OWN, OTHER)
        },
        "api_reply": {side: {"reply_id": reply[side].pk} for side in (OWN, OTHER)},
        "round": {ANY: {"round_pk": round_.pk}},
        "round_pk": {ANY: {"pk": round_.pk}},
        "plenary": {ANY: {"pk": Plenary.objects.order_by("pk").first().pk}},
        "questionnaire": {ANY: {"pk": questionnaire.pk}},
        "questionnaire_section": {ANY: {"pk": section.questionnaire_id, "section_pk": section.pk}},
        "section": {ANY: {"pk": section.pk}},
        "question": {ANY: {"pk": Question.objects.order_by("pk").first().pk}},
        "statistics_question": {
            ANY: {"pk": Question.objects.filter(question_type="table").order_by("pk").first().pk}
        },
        "expert": {ANY: {"pk": ExpertMember.objects.order_by("pk").first().pk}},
        "audit_event": {ANY: {"pk": str(audit.pk)}},
        "indicator": {ANY: {"pk": Indicator.objects.order_by("pk").first().pk}},
        "api_indicator": {ANY: {"code": Indicator.objects.order_by("pk").first().code}},
        "observation": {ANY: {"pk": str(Observation.objects.order_by("pk").first().pk)}},
        "tracker_format": {ANY: {"fmt": "csv"}},  # the tracker's and the statistics' downloads
        "document": {ANY: (document.pk, "leaflet.pdf")},
        "public_page": {ANY: ("about/",)},
        # No page or document is password-protected in the demo: nothing to authenticate for.
        "page_restriction": {ANY: {"page_view_restriction_id": 999999, "page_id": 1}},
        "document_restriction": {ANY: {"restriction_id": 999999}},
        "password_reset_token": {ANY: {"uidb64": "MQ", "token": "set-password"}},
        "invited_user": {ANY: {"user_id": secretariat.pk}},
        "page": {ANY: {"page_id": Page.objects.filter(depth=2).first().pk}},
    }
