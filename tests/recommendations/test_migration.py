"""The recommendation models moved from reports to recommendations without losing a row.

Rows are written the way the database held them before the move (the historical models of
reports 0009), then the migrations run forward: the rows, their foreign keys (the government's
comment, the addressees, the assessments, progress and evidence), their reversion history and
their Wagtail log entries are all still there, under the recommendations app.
"""

import datetime
import json

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from reversion.models import Version
from wagtail.models import ModelLogEntry

from recommendations.models import Assessment, ProgressEvidence, ProgressUpdate, Recommendation
from reports.models import GovernmentComment
from tests.migrations import latest_nodes, migrate_to, migrate_to_latest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("reports", "0009_report_own_stage"), ("recommendations", None)]


def _old_rows(apps) -> dict:
    """A published report's recommendation with all that hangs off it, in the old tables."""
    User = apps.get_model("auth", "User")
    Country = apps.get_model("monitoring", "Country")
    Organisation = apps.get_model("monitoring", "Organisation")
    Round = apps.get_model("evaluation_rounds", "EvaluationRound")
    Evaluation = apps.get_model("evaluation_rounds", "CountryEvaluation")
    Report = apps.get_model("reports", "Report")
    Chapter = apps.get_model("reports", "Chapter")
    Paragraph = apps.get_model("reports", "Paragraph")
    Comment = apps.get_model("reports", "GovernmentComment")
    OldRecommendation = apps.get_model("reports", "Recommendation")
    Theme = apps.get_model("reports", "RecommendationTheme")
    OldAssessment = apps.get_model("reports", "Assessment")
    Update = apps.get_model("reports", "ProgressUpdate")
    Evidence = apps.get_model("reports", "ProgressEvidence")
    ContentTypeThen = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("reversion", "Revision")
    VersionThen = apps.get_model("reversion", "Version")
    LogEntry = apps.get_model("wagtailcore", "ModelLogEntry")

    user = User.objects.create(username="migration-expert")
    country = Country.objects.create(iso_code="ZZ", name_en="Zedland", name_ru="Зедland")
    ministry = Organisation.objects.create(
        kind="government", country=country, name_en="Ministry", name_ru="Министерство"
    )
    round = Round.objects.create(number=99, title_en="Round 99", title_ru="Раунд 99")
    evaluation = Evaluation.objects.create(round=round, country=country)
    report = Report.objects.create(evaluation=evaluation, title_en="Zedland report")
    chapter = Chapter.objects.create(report=report, number="1", title_en="Prevention")
    paragraph = Paragraph.objects.create(chapter=chapter, number=1, text_en="Paragraph")
    recommendation = OldRecommendation.objects.create(
        report=report,
        paragraph=paragraph,
        number=1,
        strength="urges",
        text_en="Adopt a compensation law",
        published_text_en="Adopt a compensation law",
        theme_mask=2,
        current_status="partly_implemented",
    )
    recommendation.addressees.add(ministry)
    recommendation.published_addressees.add(ministry)
    Theme.objects.create(recommendation=recommendation, theme="protection")
    assessment = OldAssessment.objects.create(
        recommendation=recommendation,
        cycle=1,
        status="partly_implemented",
        reasoning="A draft law exists.",
        assessed_on=datetime.date(2026, 3, 1),
        assessor=user,
    )
    update = Update.objects.create(
        recommendation=recommendation,
        text="A draft law went to parliament.",
        reported_on=datetime.date(2026, 2, 1),
        author=user,
        submitted=True,
    )
    evidence = Evidence.objects.create(
        update=update,
        file="evidence/2026/02/law.pdf",
        original_name="law.pdf",
        content_type="application/pdf",
        size=10,
        uploaded_by=user,
    )
    comment = Comment.objects.create(
        report=report, recommendation=recommendation, author=user, text="We agree."
    )

    recommendation_type = ContentTypeThen.objects.get(app_label="reports", model="recommendation")
    assessment_type = ContentTypeThen.objects.get(app_label="reports", model="assessment")
    revision = Revision.objects.create(
        date_created=timezone.now(), user=user, comment="Assessment recorded"
    )
    for obj, content_type, fields in [
        (recommendation, recommendation_type, {"text_en": recommendation.text_en, "number": 1}),
        (assessment, assessment_type, {"status": "partly_implemented", "cycle": 1}),
    ]:
        VersionThen.objects.create(
            revision=revision,
            object_id=str(obj.pk),
            content_type=content_type,
            db="default",
            format="json",
            serialized_data=json.dumps(
                [{"model": f"reports.{content_type.model}", "pk": obj.pk, "fields": fields}]
            ),
            object_repr=str(obj.pk),
        )
    LogEntry.objects.create(
        content_type=recommendation_type,
        label="Recommendation 1",
        action="wagtail.edit",
        timestamp=timezone.now(),
        object_id=str(recommendation.pk),
        user=user,
    )
    return {
        "recommendation": recommendation.pk,
        "recommendation_type": recommendation_type.pk,
        "assessment": assessment.pk,
        "update": update.pk,
        "evidence": evidence.pk,
        "comment": comment.pk,
        "ministry": ministry.pk,
        "permission": Permission.objects.get(
            content_type_id=recommendation_type.pk, codename="change_recommendation"
        ).pk,
    }


def test_the_move_keeps_every_row_its_links_and_its_history():
    old = _old_rows(migrate_to(BEFORE))

    migrate_to_latest()
    ContentType.objects.clear_cache()

    tables = connection.introspection.table_names()
    assert "recommendations_recommendation" in tables
    assert "recommendations_recommendation_addressees" in tables
    assert not [table for table in tables if table.startswith("reports_recommendation")]

    recommendation = Recommendation.objects.get(pk=old["recommendation"])
    # Typed as a fragment; recommendations/0004 made it a sentence (the history keeps it typed).
    assert recommendation.text_en == (
        "The expert group urges the authorities to adopt a compensation law."
    )
    assert recommendation.current_status == "partly_implemented"
    assert recommendation.theme_values == ["protection"]
    assert [o.pk for o in recommendation.addressees.all()] == [old["ministry"]]
    assert [o.pk for o in recommendation.published_addressees.all()] == [old["ministry"]]
    assert Assessment.objects.get(pk=old["assessment"]).recommendation == recommendation
    update = ProgressUpdate.objects.get(pk=old["update"])
    assert update.recommendation == recommendation
    assert ProgressEvidence.objects.get(pk=old["evidence"]).update == update
    assert GovernmentComment.objects.get(pk=old["comment"]).recommendation == recommendation

    # The content type kept its id: the history and permissions hanging off it followed.
    content_type = ContentType.objects.get_for_model(Recommendation)
    assert content_type.pk == old["recommendation_type"]
    assert content_type.app_label == "recommendations"
    assert not ContentType.objects.filter(app_label="reports", model="recommendation").exists()
    assert Permission.objects.get(pk=old["permission"]).content_type == content_type

    versions = Version.objects.get_for_object(recommendation)
    assert [version.field_dict["text_en"] for version in versions] == ["Adopt a compensation law"]
    (assessment_version,) = Version.objects.get_for_object(
        Assessment.objects.get(pk=old["assessment"])
    )
    assert assessment_version.field_dict["status"] == "partly_implemented"
    assert assessment_version.revision.comment == "Assessment recorded"

    (entry,) = ModelLogEntry.objects.for_instance(recommendation)
    assert entry.action == "wagtail.edit"


def test_the_move_can_be_undone_and_redone():
    old = _old_rows(migrate_to(BEFORE))
    leaves = latest_nodes()
    migrate_to(leaves)
    apps = migrate_to(BEFORE)

    assert apps.get_model("reports", "Recommendation").objects.filter(pk=old["recommendation"])
    assert (
        apps.get_model("contenttypes", "ContentType")
        .objects.get(pk=old["recommendation_type"])
        .app_label
        == "reports"
    )
    migrate_to(leaves)
    ContentType.objects.clear_cache()
    assert Recommendation.objects.filter(pk=old["recommendation"]).exists()
