"""The recommendations' move out of reports, on a copy of the demo data (SQLite, and
PostgreSQL when DATABASE_URL points there): the demo is seeded with today's code, the move is
taken back (the models return to reports, their tables to `reports_*`) and forward again, and
every row, its links and its django-reversion history come through both ways."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from reversion.models import Version

from demo import seeding as demo
from recommendations.models import (
    Assessment,
    ProgressEvidence,
    ProgressUpdate,
    Recommendation,
    RecommendationTheme,
)
from tests.migrations import migrate_to, migrate_to_latest

pytestmark = pytest.mark.django_db(transaction=True)

MOVED = {
    "Recommendation": Recommendation,
    "RecommendationTheme": RecommendationTheme,
    "Assessment": Assessment,
    "ProgressUpdate": ProgressUpdate,
    "ProgressEvidence": ProgressEvidence,
}


BEFORE_THE_MOVE = ("reports", "0012_remove_report_version_published_content")


def _rows(models) -> dict[str, list[tuple]]:
    return {
        "Recommendation": sorted(
            models["Recommendation"].objects.values_list(
                "pk", "report_id", "paragraph_id", "number", "text_en", "current_status"
            )
        ),
        "RecommendationTheme": sorted(
            models["RecommendationTheme"].objects.values_list("recommendation_id", "theme")
        ),
        "Assessment": sorted(
            models["Assessment"].objects.values_list("pk", "recommendation_id", "status")
        ),
        "ProgressUpdate": sorted(
            models["ProgressUpdate"].objects.values_list("pk", "recommendation_id", "text")
        ),
        "ProgressEvidence": sorted(
            models["ProgressEvidence"].objects.values_list("pk", "update_id", "original_name")
        ),
    }


def test_the_demo_goes_through_the_move_back_and_forth_without_losing_a_row():
    demo.seed()
    before = _rows(MOVED)
    assert len(before["Recommendation"]) >= 20 and before["Assessment"] and before["ProgressUpdate"]
    recommendation_type = ContentType.objects.get_for_model(Recommendation)
    history = Version.objects.filter(content_type=recommendation_type).count()
    assert history > 0

    old = migrate_to([("recommendations", None)], state_at=[BEFORE_THE_MOVE])
    assert _rows({name: old.get_model("reports", name) for name in MOVED}) == before
    old_type = old.get_model("contenttypes", "ContentType").objects.get(pk=recommendation_type.pk)
    assert (old_type.app_label, old_type.model) == ("reports", "recommendation")

    migrate_to_latest()
    assert _rows(MOVED) == before
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(Recommendation).pk == recommendation_type.pk
    assert Version.objects.filter(content_type=recommendation_type).count() == history
    some = Recommendation.objects.order_by("pk").first()
    assert Version.objects.get_for_object(some).exists()
    assert Version.objects.get_for_object(some).first().field_dict["number"] == some.number
