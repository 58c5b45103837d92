"""The recommendation in the back-office report editor: adding and editing one (the editor
itself is `reports.views.editor`, which lists a paragraph's recommendations through the reverse
relation and links here). Writes go through `recommendations.services`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from monitoring.params import whole_number
from monitoring.submission_tokens import once_per_token
from reports.forms import attach_error
from reports.models import Report
from reports.services import StaleVersion
from reports.views.editor import editable_report, render_admin, stale_save_page, to_editor

from .. import selectors, services, wording
from ..forms import RecommendationForm
from ..models import Recommendation


def _form(*args, adding: bool, **kwargs) -> RecommendationForm:
    form = RecommendationForm(*args, **kwargs)
    if adding:
        del form.fields["version"]  # a new recommendation has no version to check
    return form


def _recommendation_form(request, report: Report, recommendation: Recommendation | None):
    initial = {"paragraph": whole_number(request.GET.get("paragraph", ""))}
    if recommendation is not None:
        initial = {
            "paragraph": recommendation.paragraph_id,
            "strength": recommendation.strength,
            # The box holds what follows the lead-in shown in front of it (see wording).
            "text_en": wording.fragment_of(recommendation.text_en, recommendation.strength, "en"),
            "text_ru": wording.fragment_of(recommendation.text_ru, recommendation.strength, "ru"),
            "themes": recommendation.theme_values,
            "convention_articles": recommendation.convention_articles,
            "addressees": list(recommendation.addressees.all()),
            "sdg_target": recommendation.sdg_target,
            "reiterates": recommendation.reiterates_id,
            "version": recommendation.version,
        }
    form_kwargs = {"report": report, "reiterable": selectors.reiterable_recommendations(report)}
    adding = recommendation is None
    form = _form(request.POST or None, initial=initial, adding=adding, **form_kwargs)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["reiterates"] = data.get("reiterates")
        expected_version = data.pop("version", None)
        data.pop("keep_strength", None)
        try:
            if recommendation is None:
                recommendation = services.recommendation_create(actor=request.user, **data)
                done = _("Recommendation %(number)s added.")
            else:
                services.recommendation_update(
                    recommendation=recommendation,
                    actor=request.user,
                    expected_version=expected_version,
                    **data,
                )
                done = _("Recommendation %(number)s saved.")
        except StaleVersion as stale:
            form, conflict = stale_save_page(
                request, report, stale, _form, html=False, adding=False, **form_kwargs
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, done % {"number": recommendation.number})
            return to_editor(report, f"recommendation-{recommendation.pk}")
    title = (
        _("Add a recommendation")
        if recommendation is None
        else _("Edit recommendation %(number)s") % {"number": recommendation.number}
    )
    return render_admin(
        request,
        "recommendation_form.html",
        title,
        {
            "report": report,
            "form": form,
            "recommendation": recommendation,
            "conflict": conflict,
            "lead_ins": form.lead_ins(),
        },
        status=409 if conflict else 400 if form.errors else 200,
        app="recommendations",
    )


@once_per_token
def recommendation_add(request, pk: int):
    return _recommendation_form(request, editable_report(request, pk), None)


def recommendation_edit(request, pk: int, recommendation_pk: int):
    report = editable_report(request, pk)
    recommendation = get_object_or_404(Recommendation, pk=recommendation_pk, report=report)
    return _recommendation_form(request, report, recommendation)
