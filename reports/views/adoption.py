"""The secretariat records a chapter's way through a plenary (submitted, withdrawn, adopted)
and accepts a placeholder as intended text, with a reason and a confirmation. The rules are
`reports.adoption`'s and `reports.placeholder_review`'s; these views show their refusals."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import adoption, placeholder_review
from ..adoption_forms import ChapterAdoptForm, ChapterSubmitForm, PlaceholderAcceptForm
from ..forms import attach_error
from ..models import Chapter, ChapterAdoption, Paragraph, Report
from ..selectors.adoption import adoption_label
from .editor import render_admin, secretariat_report, to_editor


def chapter_adoption(request, pk: int, chapter_pk: int):
    report = secretariat_report(request, pk)
    chapter = get_object_or_404(Chapter, pk=chapter_pk, report=report)
    decision = adoption.decision_at_hand(report)
    current = (
        ChapterAdoption.objects.filter(chapter=chapter, decision=decision)
        .select_related("plenary")
        .first()
    )
    action = request.POST.get("action") if request.method == "POST" else None
    submit_form = ChapterSubmitForm(request.POST if action == "submit" else None)
    default_day = timezone.localdate()
    if current is not None:
        default_day = min(default_day, current.plenary.end_date)
    adopt_form = ChapterAdoptForm(
        request.POST if action == "adopt" else None, initial={"adopted_on": default_day}
    )
    error = ""
    if action in ("submit", "withdraw", "adopt"):
        form = {"submit": submit_form, "adopt": adopt_form}.get(action)
        if form is None or form.is_valid():
            try:
                if action == "submit":
                    adoption.chapter_submit(
                        chapter=chapter, plenary=form.cleaned_data["plenary"], actor=request.user
                    )
                    done = _("Chapter %(chapter)s submitted to %(plenary)s.")
                elif action == "adopt":
                    adoption.chapter_adopt(
                        chapter=chapter,
                        adopted_on=form.cleaned_data["adopted_on"],
                        actor=request.user,
                    )
                    done = _("Chapter %(chapter)s adopted at %(plenary)s.")
                else:
                    adoption.chapter_withdraw(chapter=chapter, actor=request.user)
                    done = _("Chapter %(chapter)s withdrawn from %(plenary)s.")
            except ValidationError as refusal:
                if form is not None:
                    attach_error(form, refusal)
                else:
                    error = " ".join(refusal.messages)
            else:
                plenary = form.cleaned_data["plenary"] if action == "submit" else current.plenary
                messages.success(request, done % {"chapter": chapter.number, "plenary": plenary})
                return to_editor(report, f"chapter-{chapter.pk}")
    elif request.method == "POST":
        error = _("Choose what to record.")
    failed = bool(error or submit_form.errors or adopt_form.errors)
    return render_admin(
        request,
        "chapter_adoption.html",
        _("Chapter %(chapter)s: adoption") % {"chapter": chapter},
        {
            "report": report,
            "chapter": chapter,
            "decision_label": ChapterAdoption.Decision(decision).label if decision else "",
            "current": current,
            "current_label": adoption_label(current),
            "history": ChapterAdoption.objects.filter(chapter=chapter).select_related("plenary"),
            "submit_form": submit_form,
            "adopt_form": adopt_form,
            "error": error,
        },
        status=400 if failed else 200,
    )


def _placeholder_page(request, report: Report, *, paragraph=None, recommendation=None):
    target = paragraph or recommendation
    form = PlaceholderAcceptForm(request.POST if request.method == "POST" else None)
    confirming = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("confirm"):
            try:
                placeholder_review.placeholder_accept(
                    report=report,
                    paragraph=paragraph,
                    recommendation=recommendation,
                    language=data["language"],
                    text=data["text"],
                    reason=data["reason"],
                    actor=request.user,
                )
            except ValidationError as refusal:
                attach_error(form, refusal)
            else:
                messages.success(
                    request, _("Placeholder “%(text)s” accepted.") % {"text": data["text"]}
                )
                return to_editor(report, "adoption-checklist")
        else:
            confirming = True
    placeholders = [
        placeholder
        for placeholder in placeholder_review.report_placeholders(report)
        if (placeholder.recommendation or placeholder.paragraph) == target
    ]
    forms = [
        (
            placeholder,
            PlaceholderAcceptForm(
                initial={"language": placeholder.language, "text": placeholder.text},
                auto_id=f"id_placeholder{index}_%s",
            ),
        )
        for index, placeholder in enumerate(placeholders)
        if not placeholder.accepted
    ]
    title = (
        _("Placeholders of recommendation %(number)s")
        if recommendation is not None
        else _("Placeholders of paragraph %(number)s")
    ) % {"number": target.number}
    return render_admin(
        request,
        "placeholders.html",
        title,
        {
            "report": report,
            "target": target,
            "placeholders": placeholders,
            "forms": forms,
            "form": form,
            "confirming": confirming,
            "pending_text": form.data.get("text", "") if form.is_bound else "",
            "text_html": {"en": target.text_en, "ru": target.text_ru},
        },
        status=400 if form.errors else 200,
    )


def paragraph_placeholders(request, pk: int, paragraph_pk: int):
    report = secretariat_report(request, pk)
    paragraph = get_object_or_404(Paragraph, pk=paragraph_pk, chapter__report=report)
    return _placeholder_page(request, report, paragraph=paragraph)


def recommendation_placeholders(request, pk: int, recommendation_pk: int):
    report = secretariat_report(request, pk)
    recommendation = get_object_or_404(report.recommendations.all(), pk=recommendation_pk)
    return _placeholder_page(request, report, recommendation=recommendation)
