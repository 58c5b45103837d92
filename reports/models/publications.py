"""Published versions of a report: one row per version, written only by the publish service."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from monitoring.storage import private_storage


def _pdf_path(publication: ReportPublication, filename: str) -> str:
    return f"reports/publications/{publication.report_id}/{filename}"


class ReportPublication(models.Model):
    """One published version of a report: what the public reads, frozen at publication.

    `content` is the snapshot `services.report_publish` takes (titles, chapters, paragraphs,
    recommendations, submitted final comments). The PDF is rendered once per language after the
    publication commits (`reports.publication_tasks.publication_render_pdf`) and served from here;
    empty until then. The report points to its latest row (`Report.publication`).
    """

    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="publications",
    )
    version = models.PositiveSmallIntegerField(_("version"))
    # Empty only for a version published before versions were rows and recorded nowhere.
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    correction_note = models.TextField(_("note on the correction"), blank=True)
    # Empty only for an earlier version published before versions were rows: only the
    # latest version's content was kept then.
    content = models.JSONField(_("published content"), null=True, blank=True)
    pdf_en = models.FileField(
        _("PDF (English)"), upload_to=_pdf_path, storage=private_storage, blank=True
    )
    pdf_ru = models.FileField(
        _("PDF (Russian)"), upload_to=_pdf_path, storage=private_storage, blank=True
    )

    class Meta:
        ordering = ["report", "-version"]
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "version"], name="one_publication_per_report_version"
            )
        ]

    def __str__(self) -> str:
        return _("%(report)s, version %(version)s") % {
            "report": self.report,
            "version": self.version,
        }

    def pdf_field(self, language: str) -> models.fields.files.FieldFile:
        return self.pdf_ru if language == "ru" else self.pdf_en
