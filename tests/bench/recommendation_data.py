"""Many generated recommendations spread over given reports, for the tracker and status
benchmarks: bulk inserts (the services are exercised by the unit tests; here only the size of
the data matters), written as the services would leave them: two themes each (rows and mask),
addressees, assessments, and the stored current status."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import timedelta

from django.utils import timezone

from recommendations.models import (
    Assessment,
    AssessmentStatus,
    Recommendation,
    RecommendationTheme,
    Theme,
    theme_mask_of,
    themes_of_mask,
)
from reports.models import Report

STATUSES = [s for s in AssessmentStatus.values if s != AssessmentStatus.NOT_ASSESSED]
BATCH = 5000


def generate_recommendations(
    reports: list[Report],
    *,
    total: int,
    paragraph_of: Callable[[Report, int], int],
    addressees_of: Callable[[int, int], Iterable[int]],
    cycles: int,
    assessor,
    text_en: str = "Generated recommendation {n}.",
    text_ru: str = "Сгенерированная рекомендация {n}.",
    text_of: Callable[[int], tuple[str, str]] | None = None,
) -> int:
    """`total` recommendations dealt round the reports; `paragraph_of(report, n)` gives the
    paragraph of the n-th, `addressees_of(i, country_id)` the bodies it is addressed to; each
    has `cycles` assessments, the latest most recent; `text_of(n)`, if given, its English and
    Russian texts. Returns how many there are. The published copy is indexed for search."""
    text_of = text_of or (lambda n: (text_en.format(n=n), text_ru.format(n=n)))
    Recommendation.objects.bulk_create(
        (
            Recommendation(
                report=reports[n % len(reports)],
                paragraph_id=paragraph_of(reports[n % len(reports)], n),
                number=n // len(reports) + 1,
                strength=Recommendation.Strength.values[n % 3],
                text_en=text_of(n)[0],
                text_ru=text_of(n)[1],
                convention_articles="Articles 10, 12",
                sdg_target=("5.2", "8.7", "16.2", "")[n % 4],
                # Two themes each; the rows below follow the mask (as the services write both).
                theme_mask=theme_mask_of({Theme.values[n % 5], Theme.values[(n * 3 + 1) % 5]}),
            )
            for n in range(total)
        ),
        batch_size=BATCH,
    )
    generated = list(
        Recommendation.objects.filter(report__in=reports).values_list(
            "pk", "report__evaluation__country_id", "theme_mask"
        )
    )
    RecommendationTheme.objects.bulk_create(
        (
            RecommendationTheme(recommendation_id=pk, theme=theme)
            for pk, _country, mask in generated
            for theme in themes_of_mask(mask)
        ),
        batch_size=BATCH,
    )
    through = Recommendation.addressees.through
    through.objects.bulk_create(
        (
            through(recommendation_id=pk, organisation_id=body)
            for i, (pk, country_id, _mask) in enumerate(generated)
            for body in addressees_of(i, country_id)
        ),
        batch_size=BATCH,
    )
    today = timezone.localdate()
    Assessment.objects.bulk_create(
        (
            Assessment(
                recommendation_id=pk,
                cycle=cycle,
                status=STATUSES[(i + cycle) % len(STATUSES)],
                reasoning_en="Generated assessment.",
                assessed_on=today - timedelta(days=100 * (cycles + 1 - cycle)),
                assessor=assessor,
            )
            for i, (pk, _country, _mask) in enumerate(generated)
            for cycle in range(1, cycles + 1)
        ),
        batch_size=BATCH,
    )
    Recommendation.objects.all().refresh_current_status()
    # The reports are published: the copy the public searches, filters and counts.
    Recommendation.objects.filter(report__in=reports).copy_to_published()
    return len(generated)
