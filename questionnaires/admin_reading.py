"""The expert group's reading room in the back office: read one response, compare one question
across countries, aggregate a statistics table across countries (table and chart from the same
data), and download the exports. Registers its own admin URLs and menu item."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from evaluation_rounds.models import EvaluationRound
from monitoring import access, audit
from monitoring.admin_menu import StaffReaderMenuItem

from . import charts, exports, reading, selectors, types
from . import system_messages as messages
from .models import Question, Questionnaire, Response
from .offline.control import XLSX_CONTENT_TYPE

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def _staff(user) -> None:
    if not access.principal_for(user).is_staff_reader:
        raise PermissionDenied


def _response_or_404(user, pk: int) -> Response:
    response = selectors.responses_for(user).filter(pk=pk).first()
    if response is None:
        raise Http404
    return response


def _question_or_404(user, pk: int) -> Question:
    question = (
        Question.objects.filter(
            pk=pk, section__questionnaire__in=access.visible(user, Questionnaire)
        )
        .select_related("section__questionnaire__round", "country")
        .first()
    )
    if question is None:
        raise Http404
    return question


def _download(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    if isinstance(content, str):
        content = content.encode("utf-8-sig")  # the BOM lets Excel read UTF-8
    return HttpResponse(
        content,
        content_type=content_type,
        headers={
            "Content-Disposition": content_disposition_header(True, filename),
            "Cache-Control": "private, no-store",
        },
    )


def _response_filename(response: Response, extension: str) -> str:
    organisation = slugify(response.organisation.name_en)[:60] or "response"
    return (
        f"{response.evaluation.country.iso_code.lower()}-{organisation}-"
        f"{timezone.localdate():%Y-%m-%d}.{extension}"
    )


# --- views ------------------------------------------------------------------------------------


def index(request):
    _staff(request.user)
    questionnaires = list(
        access.visible(request.user, Questionnaire)
        .filter(frozen_at__isnull=False)
        .select_related("round")
        .prefetch_related("sections__questions")
        .order_by("-round__number", "audience", "-version")
    )
    responses: dict[int, list[Response]] = {}
    for response in selectors.responses_for(request.user).filter(questionnaire__in=questionnaires):
        responses.setdefault(response.questionnaire_id, []).append(response)
    rounds: dict[int, dict] = {}
    for questionnaire in questionnaires:
        entry = rounds.setdefault(
            questionnaire.round_id, {"round": questionnaire.round, "questionnaires": []}
        )
        entry["questionnaires"].append(
            {
                "questionnaire": questionnaire,
                "responses": responses.get(questionnaire.pk, []),
                "questions": [
                    q
                    for section in questionnaire.sections.all()
                    for q in section.questions.all()
                    if q.country_id is None
                ],
            }
        )
    return TemplateResponse(
        request,
        "questionnaires/admin/reading_index.html",
        {
            "header_title": _("Read and compare answers"),
            "page_title": _("Read and compare answers"),
            "header_icon": "table",
            "rounds": list(rounds.values()),
        },
    )


def _audit_confidential(user, response: Response, how: str) -> None:
    """Reading or exporting a response with confidential answers leaves a trace (`how`: an
    encoded `system_messages` sentence)."""
    if response.is_confidential or response.answers.filter(is_confidential=True).exists():
        audit.record(audit.Kind.VIEW_CONFIDENTIAL, actor=user, target=response, detail=how)


def response_read(request, pk: int):
    _staff(request.user)
    response = _response_or_404(request.user, pk)
    _audit_confidential(request.user, response, messages.RESPONSE_READ.encode())
    return TemplateResponse(
        request,
        "questionnaires/admin/reading_response.html",
        {
            "header_title": str(response),
            "page_title": str(response.organisation.name),
            "page_subtitle": str(response.questionnaire.title),
            "header_icon": "doc-full",
            "response": response,
            "sections": reading.response_reading(request.user, response),
        },
    )


def response_export(request, pk: int, fmt: str):
    _staff(request.user)
    response = _response_or_404(request.user, pk)
    if fmt == "xlsx":
        content = exports.response_xlsx(user=request.user, response=response)
        content_type = XLSX_CONTENT_TYPE
    elif fmt == "csv":
        content = exports.response_csv(user=request.user, response=response)
        content_type = CSV_CONTENT_TYPE
    elif fmt == "pdf":
        content = exports.response_pdf(user=request.user, response=response)
        content_type = "application/pdf"
    else:
        raise Http404
    audit.record(
        audit.Kind.EXPORT,
        actor=request.user,
        target=response,
        detail=messages.RESPONSE_EXPORTED.encode(format=fmt),
    )
    _audit_confidential(request.user, response, messages.RESPONSE_EXPORTED.encode(format=fmt))
    return _download(content, content_type, _response_filename(response, fmt))


def round_export(request, pk: int):
    _staff(request.user)
    round_ = get_object_or_404(EvaluationRound, pk=pk)
    content = exports.round_xlsx(user=request.user, round_=round_)
    audit.record(
        audit.Kind.EXPORT,
        actor=request.user,
        target=round_,
        detail=messages.ROUND_ANSWERS_EXPORTED.encode(),
    )
    return _download(content, XLSX_CONTENT_TYPE, f"round-{round_.number}-answers.xlsx")


def round_statistics(request, pk: int):
    _staff(request.user)
    round_ = get_object_or_404(EvaluationRound, pk=pk)
    content = exports.statistics_csv(user=request.user, round_=round_)
    return _download(content, CSV_CONTENT_TYPE, f"round-{round_.number}-statistics.csv")


def compare(request, pk: int):
    _staff(request.user)
    question = _question_or_404(request.user, pk)
    return TemplateResponse(
        request,
        "questionnaires/admin/reading_compare.html",
        {
            "header_title": _("Compare %(code)s") % {"code": question.code},
            "page_title": _("Question %(code)s across countries") % {"code": question.code},
            "page_subtitle": str(question.section.questionnaire),
            "header_icon": "table",
            "question": question,
            "columns": reading.question_comparison(request.user, question),
        },
    )


def statistics(request, pk: int):
    _staff(request.user)
    question = _question_or_404(request.user, pk)
    if not types.is_statistics(question):
        raise Http404
    table = reading.table_statistics(request.user, question, request.GET.get("column"))
    groups = [row.label for row in table.rows]
    series = [s.label for s in table.series]
    values = [row.values for row in table.rows]
    title = _("%(question)s — %(column)s, by country") % {
        "question": f"{question.code} {question.text}",
        "column": table.column_label,
    }
    chart = (
        charts.grouped_bar_chart_svg(
            title=title,
            description=charts.chart_description(groups=groups, series=series, values=values),
            groups=groups,
            series=series,
            values=values,
            id_prefix=f"chart-{question.pk}",
        )
        if table.has_values
        else None
    )
    return TemplateResponse(
        request,
        "questionnaires/admin/reading_statistics.html",
        {
            "header_title": _("Statistics %(code)s") % {"code": question.code},
            "page_title": _("Statistics of question %(code)s") % {"code": question.code},
            "page_subtitle": str(question.text),
            "header_icon": "table",
            "question": question,
            "table": table,
            "chart": chart,
            "chart_title": title,
        },
    )


app_name = "questionnaire_reading"
urlpatterns = [
    path("", index, name="index"),
    path("responses/<int:pk>/", response_read, name="response"),
    path(
        "responses/<int:pk>/export.xlsx",
        response_export,
        {"fmt": "xlsx"},
        name="response_xlsx",
    ),
    path("responses/<int:pk>/export.csv", response_export, {"fmt": "csv"}, name="response_csv"),
    path("responses/<int:pk>/export.pdf", response_export, {"fmt": "pdf"}, name="response_pdf"),
    path("rounds/<int:pk>/answers.xlsx", round_export, name="round_xlsx"),
    path("rounds/<int:pk>/statistics.csv", round_statistics, name="round_statistics"),
    path("questions/<int:pk>/compare/", compare, name="compare"),
    path("questions/<int:pk>/statistics/", statistics, name="statistics"),
]


# --- Wagtail hooks ------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_reading_urls():
    return [path("reading/", include((urlpatterns, app_name), namespace=app_name))]


@hooks.register("register_admin_menu_item")
def register_reading_menu_item():
    return StaffReaderMenuItem(
        gettext_lazy("Read and compare"),
        reverse("questionnaire_reading:index"),
        name="questionnaire-reading",
        icon_name="table",
        order=115,
    )
