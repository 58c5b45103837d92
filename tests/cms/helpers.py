"""Helpers shared by the public site tests."""

from reports.models import Report


def report_path(report: Report, language: str = "en", slug: str = "") -> str:
    slug = slug or report.evaluation.country.name_en.lower()
    return f"/{language}/countries/{slug}/reports/{report.pk}/"


# A sentence only Kyrgyzstan's confidential draft contains, in each language.
KG_DRAFT_TEXT = {
    "en": "consular staff have no procedure for referring them",
    "ru": "у сотрудников консульств нет процедуры их перенаправления",
}
