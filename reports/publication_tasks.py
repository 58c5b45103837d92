"""The published version's PDF, rendered once per language after the publication commits.

The task takes only the publication's id, so a worker in production can run it later (Django's
Tasks framework; the immediate backend runs it at once in the demo and tests). The public PDF
view serves the stored file, and renders a missing one once (`publication_pdf`), never per
request: a file, once stored, is never rendered again.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.tasks import task
from django.utils import translation
from django.utils.text import slugify

from .models import ReportPublication


def publication_filename(publication: ReportPublication, language: str) -> str:
    evaluation = publication.report.evaluation
    name = slugify(f"{evaluation.country.name_en} round {evaluation.round.number}")
    return f"{name}-v{publication.version}-{language}.pdf"


def publication_pdf(*, publication_id: int, language: str) -> ReportPublication:
    """The publication with its PDF in `language` stored, rendering it if it is missing.

    The row is locked while rendering, so two workers asking at once render it once."""
    from .pdf import render_report_pdf
    from .pdf_content import publication_content

    with transaction.atomic():
        publication = (
            ReportPublication.objects.select_for_update()
            .select_related("report__evaluation__country", "report__evaluation__round")
            .get(pk=publication_id)
        )
        field = publication.pdf_field(language)
        if not field:
            with translation.override(language):
                content = publication_content(publication=publication, language=language)
                data = render_report_pdf(content)
            name = field.field.generate_filename(
                publication, publication_filename(publication, language)
            )
            # A report's version is unique, so a file already at this name belongs to no live
            # row (a deleted report whose id was reused, a restore): this version replaces it.
            if field.storage.exists(name):
                field.storage.delete(name)
            field.save(publication_filename(publication, language), ContentFile(data), save=False)
            publication.save(update_fields=[field.field.name])
    return publication


@task()
def publication_render_pdf(*, publication_id: int) -> None:
    """Render and store the publication's PDF in every language of the site."""
    for language, _name in settings.LANGUAGES:
        publication_pdf(publication_id=publication_id, language=language)
