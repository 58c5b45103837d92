"""The back-office report editor: the index, the report with its numbered paragraphs,
recommendations and the government's comments, the editing forms, and the version diff.

Views read through `reports.selectors.editor` (scoped by `monitoring.access`) and write only through
`reports.services`, which enforce the permissions, the frozen published content and validation;
a refusal is shown on the form with the user's input kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from evaluation_rounds.models import EvaluationRound
from monitoring import access
from monitoring.models import Country
from monitoring.params import whole_number
from monitoring.submission_tokens import once_per_token

from .. import diff, selectors, services
from ..forms import (
    ChapterForm,
    CommentResponseForm,
    MoveForm,
    ParagraphForm,
    ParagraphInsertForm,
    PositionForm,
    ReportCreateForm,
    SectionForm,
    attach_error,
    place_value,
)
from ..models import Chapter, GovernmentComment, Paragraph, Report, Section
from ..selectors import adoption as adoption_selectors
from ..selectors import editor as editor_selectors
from ..selectors import translation
from ..selectors import versions as version_selectors
from .editor_rows import EditorRows

PAGE_SIZE = 25


def _staff(user) -> None:
    if not access.principal_for(user).is_staff_reader:
        raise PermissionDenied


def staff_report(request, pk: int) -> Report:
    _staff(request.user)
    try:
        return selectors.report_for(request.user, pk)
    except Report.DoesNotExist:
        raise Http404 from None


def editable_report(request, pk: int) -> Report:
    report = staff_report(request, pk)
    if not access.can_edit_report(request.user, report):
        raise PermissionDenied(_("Only the secretariat and the rapporteurs may edit this report."))
    return report


def secretariat_report(request, pk: int) -> Report:
    """The report, for a screen only the secretariat uses (publication, the plenary's decisions)."""
    access.require_secretariat(request.user)
    return staff_report(request, pk)


def _frozen(report: Report) -> bool:
    return report.is_published and not report.correction_open


def render_admin(
    request, template: str, title: str, context: dict, *, status: int = 200, app: str = "reports"
):
    """A back-office page of `app`'s admin templates, with the editor's header."""
    return TemplateResponse(
        request,
        f"{app}/admin/{template}",
        {"header_title": title, "page_title": title, "header_icon": "doc-full", **context},
        status=status,
    )


def to_editor(report: Report, anchor: str = ""):
    return redirect(reverse("reports:editor", args=[report.pk]) + (f"#{anchor}" if anchor else ""))


# --- Index ---------------------------------------------------------------------------------


def index(request):
    _staff(request.user)
    sort = request.GET.get("sort", "round")
    reports = editor_selectors.reports_for_index(
        request.user,
        round_id=whole_number(request.GET.get("round", "")),
        country_id=whole_number(request.GET.get("country", "")),
        sort=sort,
    )
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    for report in page.object_list:
        report.stage_label = Report.Stage(report.stage).label
        report.translation = translation.completeness_of(report)
    return render_admin(
        request,
        "index.html",
        _("Reports"),
        {
            "page": page,
            "rounds": EvaluationRound.objects.order_by("number"),
            "countries": Country.objects.order_by("name_en"),
            "sort": sort,
            "can_create": access.report_evaluations(request.user).exists(),
        },
    )


def report_add(request):
    evaluations = access.report_evaluations(request.user).select_related("round", "country")
    if not evaluations.exists():
        raise PermissionDenied(
            _("Only the secretariat and an evaluation's rapporteurs create its report.")
        )
    form = ReportCreateForm(request.POST or None, evaluations=evaluations)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("Report created."))
            return to_editor(report)
    return render_admin(
        request,
        "report_add.html",
        _("New report"),
        {"form": form},
        status=400 if form.errors else 200,
    )


# --- The editor page -----------------------------------------------------------------------


def editor(request, pk: int):
    report = staff_report(request, pk)
    can_edit = access.can_edit_report(request.user, report)
    report.stage_label = Report.Stage(report.stage).label
    page = editor_selectors.editor_page(request.user, report)
    # Read before the rows are written: it gives each chapter its stage for the heading.
    adoption = adoption_selectors.adoption_panel(
        report, [chapter_view.chapter for chapter_view in page.chapters], page=page
    )
    response_choices = CommentResponseForm.base_fields["response"].choices
    rows = EditorRows(
        request,
        report,
        can_edit=can_edit and not _frozen(report),
        is_editor=can_edit,
        response_choices=response_choices,
    )
    return render_admin(
        request,
        "editor.html",
        str(report),
        {
            "report": report,
            "page": page,
            "chapters": rows.chapters(page.chapters),
            "adoption": adoption,
            "can_edit": can_edit and not _frozen(report),
            "is_editor": can_edit,
            "is_secretariat": access.principal_for(request.user).is_secretariat,
            "frozen": _frozen(report),
            "chapter_form": ChapterForm(),
            "response_choices": response_choices,
        },
    )


@require_POST
@once_per_token
def chapter_add(request, pk: int):
    report = editable_report(request, pk)
    form = ChapterForm(request.POST)
    if form.is_valid():
        try:
            chapter = services.chapter_create(
                report=report, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("Chapter added."))
            return to_editor(report, f"chapter-{chapter.pk}")
    return render_admin(
        request,
        "chapter_add.html",
        _("Add a chapter"),
        {"report": report, "form": form},
        status=400,
    )


# --- Chapters and sections: rename, reorder, delete ------------------------------------


def _chapter(report: Report, chapter_pk: int) -> Chapter:
    return get_object_or_404(Chapter, pk=chapter_pk, report=report)


def _section(report: Report, section_pk: int) -> Section:
    return get_object_or_404(
        Section.objects.select_related("chapter"), pk=section_pk, chapter__report=report
    )


def _structure_form(
    request, report, form, *, title: str, submit: str, anchor: str, one_time: bool = False
):
    """`one_time`: the form creates something, so it carries a submission token."""
    return render_admin(
        request,
        "structure_form.html",
        title,
        {
            "report": report,
            "form": form,
            "submit_label": submit,
            "anchor": anchor,
            "one_time": one_time,
        },
        status=400 if form.errors else 200,
    )


def chapter_edit(request, pk: int, chapter_pk: int):
    report = editable_report(request, pk)
    chapter = _chapter(report, chapter_pk)
    initial = {"number": chapter.number, "title_en": chapter.title_en, "title_ru": chapter.title_ru}
    form = ChapterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.chapter_update(chapter=chapter, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("Chapter %(number)s saved.") % {"number": chapter.number})
            return to_editor(report, f"chapter-{chapter.pk}")
    return _structure_form(
        request,
        report,
        form,
        title=_("Edit chapter %(number)s") % {"number": chapter.number},
        submit=_("Save the chapter"),
        anchor=f"chapter-{chapter.pk}",
    )


def _move(request, report, item, *, step, move, title: str, anchor: str, done: str):
    """Up/down buttons (a POST with `direction`) or the "move to" form (GET, then POST with a
    position); the refusal of a step at an end comes back as a message."""
    direction = request.POST.get("direction")
    if request.method == "POST" and direction in ("up", "down"):
        action, arguments = step, {"direction": direction}
    else:
        form = PositionForm(request.POST or None, initial={"position": item.sort_order + 1})
        if request.method != "POST" or not form.is_valid():
            return render_admin(
                request,
                "structure_move.html",
                title,
                {"report": report, "form": form, "anchor": anchor},
                status=400 if form.errors else 200,
            )
        action, arguments = move, {"position": form.cleaned_data["position"]}
    try:
        action(actor=request.user, **arguments)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return to_editor(report, anchor)


def chapter_move(request, pk: int, chapter_pk: int):
    report = editable_report(request, pk)
    chapter = _chapter(report, chapter_pk)
    return _move(
        request,
        report,
        chapter,
        step=lambda **kw: services.chapter_step(chapter=chapter, **kw),
        move=lambda **kw: services.chapter_move(chapter=chapter, **kw),
        title=_("Move chapter %(chapter)s") % {"chapter": chapter},
        anchor=f"chapter-{chapter.pk}",
        done=_("Chapter moved; the chapters and paragraphs are renumbered."),
    )


def _delete(request, report, *, delete, refusal, title: str, question: str, anchor: str, done: str):
    """A confirmation page (POST to delete); an item that cannot go says why at once."""
    error = refusal
    if request.method == "POST":
        try:
            delete(actor=request.user)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(request, done)
            return to_editor(report)
    return render_admin(
        request,
        "structure_delete.html",
        title,
        {"report": report, "error": error, "question": question, "anchor": anchor},
        status=400 if error and request.method == "POST" else 200,
    )


def chapter_delete(request, pk: int, chapter_pk: int):
    report = editable_report(request, pk)
    chapter = _chapter(report, chapter_pk)
    return _delete(
        request,
        report,
        delete=lambda **kw: services.chapter_delete(chapter=chapter, **kw),
        refusal=services.chapter_delete_refusal(chapter),
        title=_("Delete chapter %(chapter)s") % {"chapter": chapter},
        question=_(
            "Delete chapter %(chapter)s? The chapters after it move up a place and take "
            "their numbers from the places."
        )
        % {"chapter": chapter},
        anchor=f"chapter-{chapter.pk}",
        done=_("Chapter deleted."),
    )


@once_per_token
def section_add(request, pk: int, chapter_pk: int):
    report = editable_report(request, pk)
    chapter = _chapter(report, chapter_pk)
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            section = services.section_create(
                chapter=chapter, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(
                request,
                _("Section %(letter)s added to chapter %(number)s.")
                % {"letter": section.letter, "number": chapter.number},
            )
            return to_editor(report, f"section-{section.pk}")
    return _structure_form(
        request,
        report,
        form,
        title=_("Add a section to chapter %(chapter)s") % {"chapter": chapter},
        submit=_("Add the section"),
        anchor=f"chapter-{chapter.pk}",
        one_time=True,
    )


def section_edit(request, pk: int, section_pk: int):
    report = editable_report(request, pk)
    section = _section(report, section_pk)
    initial = {"title_en": section.title_en, "title_ru": section.title_ru}
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_update(section=section, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("Section %(letter)s saved.") % {"letter": section.letter})
            return to_editor(report, f"section-{section.pk}")
    return _structure_form(
        request,
        report,
        form,
        title=_("Edit section %(chapter)s.%(letter)s")
        % {"chapter": section.chapter.number, "letter": section.letter},
        submit=_("Save the section"),
        anchor=f"section-{section.pk}",
    )


def section_move(request, pk: int, section_pk: int):
    report = editable_report(request, pk)
    section = _section(report, section_pk)
    return _move(
        request,
        report,
        section,
        step=lambda **kw: services.section_step(section=section, **kw),
        move=lambda **kw: services.section_move(section=section, **kw),
        title=_("Move section %(chapter)s.%(letter)s")
        % {"chapter": section.chapter.number, "letter": section.letter},
        anchor=f"section-{section.pk}",
        done=_("Section moved; the sections and paragraphs are renumbered."),
    )


def section_delete(request, pk: int, section_pk: int):
    report = editable_report(request, pk)
    section = _section(report, section_pk)
    name = f"{section.chapter.number}.{section.letter}. {section.title}"
    return _delete(
        request,
        report,
        delete=lambda **kw: services.section_delete(section=section, **kw),
        refusal=services.section_delete_refusal(section),
        title=_("Delete section %(section)s") % {"section": name},
        question=_("Delete section %(section)s? The sections after it take the letters up.")
        % {"section": name},
        anchor=f"section-{section.pk}",
        done=_("Section deleted."),
    )


@once_per_token
def paragraph_add(request, pk: int):
    report = editable_report(request, pk)
    chapter_id = whole_number(request.GET.get("chapter", ""))
    section_id = whole_number(request.GET.get("section", ""))
    initial = {
        "chapter": place_value(chapter_id, section_id) if chapter_id else None,
        "position": whole_number(request.GET.get("position", "")),
    }
    form = ParagraphInsertForm(request.POST or None, initial=initial, report=report)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            paragraph = services.paragraph_insert(
                chapter=data["chapter"],
                section=data["section"],
                position=data["position"],
                text_en=data["text_en"],
                text_ru=data["text_ru"],
                actor=request.user,
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(
                request, _("Paragraph %(number)s added.") % {"number": paragraph.number}
            )
            return to_editor(report, f"paragraph-{paragraph.pk}")
    return render_admin(
        request,
        "paragraph_form.html",
        _("Add a paragraph"),
        {"report": report, "form": form},
        status=400 if form.errors else 200,
    )


def _paragraph(report: Report, paragraph_pk: int) -> Paragraph:
    return get_object_or_404(
        Paragraph.objects.select_related("chapter"), pk=paragraph_pk, chapter__report=report
    )


def stale_save_page(request, report: Report, stale, form_class, /, *, html: bool, **kwargs):
    """The merge form after a refused stale save: the refused input as it was typed, now
    carrying the stored version, and the `conflict` (both texts and their diff) to show."""
    data = request.POST.copy()
    data["version"] = str(stale.current.version)
    yours = {name: data.get(name, "") for name in ("text_en", "text_ru")}
    form = form_class(data, **kwargs)
    if form.is_valid():  # the texts as they would be saved (paragraphs: sanitised)
        yours = {name: form.cleaned_data[name] for name in ("text_en", "text_ru")}
    return form, version_selectors.conflict(report, stale.current, yours, html=html)


def paragraph_edit(request, pk: int, paragraph_pk: int):
    report = editable_report(request, pk)
    paragraph = _paragraph(report, paragraph_pk)
    initial = {
        "text_en": paragraph.text_en,
        "text_ru": paragraph.text_ru,
        "version": paragraph.version,
    }
    form = ParagraphForm(request.POST or None, initial=initial, language=report.language)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.paragraph_update(
                paragraph=paragraph,
                text_en=data["text_en"],
                text_ru=data["text_ru"],
                expected_version=data["version"],
                actor=request.user,
            )
        except services.StaleVersion as stale:
            form, conflict = stale_save_page(
                request, report, stale, ParagraphForm, html=True, language=report.language
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(
                request, _("Paragraph %(number)s saved.") % {"number": paragraph.number}
            )
            return to_editor(report, f"paragraph-{paragraph.pk}")
    return render_admin(
        request,
        "paragraph_form.html",
        _("Edit paragraph %(number)s") % {"number": paragraph.number},
        {
            "report": report,
            "form": form,
            "paragraph": paragraph,
            "conflict": conflict,
            "comments": editor_selectors.paragraph_comments(request.user, paragraph),
        },
        status=409 if conflict else 400 if form.errors else 200,
    )


def _position_in_place(paragraph: Paragraph) -> int:
    """Its position (1 = first) among the paragraphs of its chapter's opening or its section."""
    return (
        paragraph.chapter.paragraphs.filter(
            section_id=paragraph.section_id, sort_order__lt=paragraph.sort_order
        ).count()
        + 1
    )


def paragraph_move(request, pk: int, paragraph_pk: int):
    report = editable_report(request, pk)
    paragraph = _paragraph(report, paragraph_pk)
    direction = request.POST.get("direction")
    old_number = paragraph.number
    if request.method == "POST" and direction in ("up", "down"):
        move = {"direction": direction}
    else:
        initial = {
            "chapter": place_value(paragraph.chapter_id, paragraph.section_id),
            "position": _position_in_place(paragraph),
        }
        form = MoveForm(request.POST or None, initial=initial, report=report)
        if request.method != "POST" or not form.is_valid():
            return render_admin(
                request,
                "paragraph_move.html",
                _("Move paragraph %(number)s") % {"number": paragraph.number},
                {"report": report, "form": form, "paragraph": paragraph},
                status=400 if form.errors else 200,
            )
        move = {key: form.cleaned_data[key] for key in ("chapter", "section", "position")}
    try:
        if "direction" in move:
            services.paragraph_step(paragraph=paragraph, actor=request.user, **move)
        else:
            services.paragraph_move(paragraph=paragraph, actor=request.user, **move)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Paragraph %(old)s is now paragraph %(new)s.")
            % {"old": old_number, "new": paragraph.number},
        )
    return to_editor(report, f"paragraph-{paragraph.pk}")


def paragraph_delete(request, pk: int, paragraph_pk: int):
    report = editable_report(request, pk)
    paragraph = _paragraph(report, paragraph_pk)
    error = None
    if request.method == "POST":
        number = paragraph.number
        try:
            services.paragraph_delete(paragraph=paragraph, actor=request.user)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(request, _("Paragraph %(number)s deleted.") % {"number": number})
            return to_editor(report)
    return render_admin(
        request,
        "paragraph_delete.html",
        _("Delete paragraph %(number)s") % {"number": paragraph.number},
        {
            "report": report,
            "paragraph": paragraph,
            "error": error,
            "anchored": paragraph.recommendations.order_by("number"),
        },
        status=400 if error else 200,
    )


def _editor_return(request, report: Report) -> str:
    """The `next` address an inline form on the editor page sends, kept only when it is a
    local address of this report's editor (never an open redirect)."""
    target = request.POST.get("next", "")
    editor_path = reverse("reports:editor", args=[report.pk])
    local = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if local and target.split("#")[0] == editor_path:
        return target
    return ""


def comment_respond(request, pk: int, comment_pk: int):
    report = editable_report(request, pk)
    comment = get_object_or_404(
        access.visible(request.user, GovernmentComment).select_related(
            "paragraph", "recommendation"
        ),
        pk=comment_pk,
        report=report,
        status=GovernmentComment.Status.SUBMITTED,
    )
    initial = {"response": comment.rapporteur_response or None, "reply": comment.rapporteur_reply}
    form = CommentResponseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_respond(
                comment=comment,
                response=form.cleaned_data["response"],
                reply=form.cleaned_data["reply"],
                actor=request.user,
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("Response recorded."))
            back = _editor_return(request, report)
            return redirect(back) if back else to_editor(report, f"comment-{comment.pk}")
    return render_admin(
        request,
        "comment_respond.html",
        _("Respond to the government's comment"),
        {
            "report": report,
            "form": form,
            "comment": comment,
            "next": _editor_return(request, report) if request.method == "POST" else "",
        },
        status=400 if form.errors else 200,
    )


# --- Versions and diff ---------------------------------------------------------------------


def compare(request, pk: int):
    report = staff_report(request, pk)
    history = diff.history_for(report)
    versions = history.revisions
    known = {v.revision_id for v in versions}

    def side(name: str) -> int | None:
        value = whole_number(request.GET.get(name, ""))
        return value if value in known else None

    preset = request.GET.get("preset") == "draft-final"
    notice = ""
    if preset:
        old_id = diff.draft_sent_revision(report, versions)
        new_id = diff.final_revision(report, versions)
        if old_id is None:
            notice = (
                _("No version of the report precedes its sending to the government.")
                if diff.draft_sent_at(report) is not None
                else _("The draft has not been sent to the government yet.")
            )
    else:
        old_id = side("from") or (versions[1].revision_id if len(versions) > 1 else None)
        new_id = side("to")
    rows = []
    if not notice and old_id is not None:
        old = diff.state_at(report, old_id, history=history)
        new = diff.state_at(report, new_id, history=history)
        rows = diff.compare(old, new)
    return render_admin(
        request,
        "compare.html",
        _("Compare versions: %(report)s") % {"report": report},
        {
            "report": report,
            "versions": versions,
            "old_id": old_id,
            "new_id": new_id,
            "preset": preset,
            "notice": notice,
            "rows": rows,
            "changed_count": sum(1 for row in rows if row.status != "unchanged"),
        },
    )
