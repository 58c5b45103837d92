"""Who reads what: drafts stay inside the expert group and the evaluated government until the
report is published. These rules are the protection, so every demo role is checked."""

import pytest
from django.contrib.auth.models import AnonymousUser

from monitoring import access
from recommendations import services as recommendation_services
from recommendations.models import Assessment, ProgressUpdate, Recommendation
from reports import services
from reports.models import Chapter, GovernmentComment, Paragraph, Report

# expert-tm: no national of Kyrgyzstan or Kazakhstan (nationals: tests/security/test_nationals.py)
EXPERT_GROUP = ["secretariat", "expert-tm"]
KYRGYZ_GOVERNMENT = ["kg-contact", "kg-official"]
OUTSIDERS = ["kz-contact", "kz-official", "ngo-kz", "ngo-kg", "anonymous"]
EVERYONE = EXPERT_GROUP + KYRGYZ_GOVERNMENT + OUTSIDERS


@pytest.fixture
def as_user(user_named):
    def get(username):
        return AnonymousUser() if username == "anonymous" else user_named(username)

    return get


@pytest.fixture
def kg_comment(kg_report, user_named):
    return services.comment_add(
        report=kg_report, text="Confidential remark", actor=user_named("kg-official")
    )


def sees(user, queryset) -> bool:
    return access.visible(user, queryset).exists()


@pytest.mark.parametrize("username", EVERYONE)
def test_confidentiality_matrix(username, as_user, kg_report, kg_comment, kz_report):
    user = as_user(username)
    insider = username in EXPERT_GROUP + KYRGYZ_GOVERNMENT
    draft = {
        "draft report": Report.objects.filter(pk=kg_report.pk),
        "draft chapters": Chapter.objects.filter(report=kg_report),
        "draft paragraphs": Paragraph.objects.filter(chapter__report=kg_report),
        "draft recommendations": Recommendation.objects.filter(report=kg_report),
        "comments on the draft": GovernmentComment.objects.filter(pk=kg_comment.pk),
    }
    for name, queryset in draft.items():
        assert sees(user, queryset) is insider, f"{username} / {name}"
    published = {
        "published report": Report.objects.filter(pk=kz_report.pk),
        "published paragraphs": Paragraph.objects.filter(chapter__report=kz_report),
        "published recommendations": Recommendation.objects.filter(report=kz_report),
    }
    for name, queryset in published.items():
        assert sees(user, queryset), f"{username} / {name}"
    # Whole-table scoping gives the same answer as the filtered one.
    visible_reports = set(access.visible(user, Report).values_list("pk", flat=True))
    assert visible_reports == ({kg_report.pk, kz_report.pk} if insider else {kz_report.pk})


@pytest.mark.parametrize("username", KYRGYZ_GOVERNMENT + OUTSIDERS)
def test_the_draft_stays_inside_the_expert_group_until_sent(username, as_user, kg_report):
    kg_report.evaluation.state = "draft_approved"
    kg_report.evaluation.save(update_fields=["state"])
    assert not sees(as_user(username), Report.objects.filter(pk=kg_report.pk))
    assert not sees(as_user(username), Paragraph.objects.filter(chapter__report=kg_report))


@pytest.mark.parametrize("username", EVERYONE)
def test_only_submitted_final_comments_are_published(username, as_user, kz_report, user_named):
    author = user_named("kz-contact")
    make = GovernmentComment.objects.create
    final = make(report=kz_report, author=author, kind="final", status="submitted", text="F")
    on_draft = make(report=kz_report, author=author, kind="draft", status="submitted", text="D")
    unsent = make(report=kz_report, author=author, kind="final", status="in_progress", text="U")
    visible = set(access.visible(as_user(username), GovernmentComment).values_list("pk", flat=True))
    assert final.pk in visible
    kz_insider = username in [*EXPERT_GROUP, "kz-contact", "kz-official"]
    assert (on_draft.pk in visible) is kz_insider
    assert (unsent.pk in visible) is kz_insider


@pytest.mark.parametrize("username", EVERYONE)
def test_follow_up_visibility(username, as_user, kz_report, user_named):
    recommendation = kz_report.recommendations.first()
    recommendation_services.assessment_record(
        recommendation=recommendation,
        status="partly_implemented",
        reasoning="A law was adopted; no funding yet.",
        actor=user_named("expert-kg"),
    )
    recommendation_services.progress_update_add(
        recommendation=recommendation, text="Draft law prepared.", actor=user_named("kz-official")
    )
    user = as_user(username)
    assert sees(user, Assessment.objects.all())  # the status of a published recommendation
    kz_insider = username in [*EXPERT_GROUP, "kz-contact", "kz-official"]
    assert sees(user, ProgressUpdate.objects.all()) is kz_insider


def test_during_a_correction_the_public_reads_the_snapshot(kz_report, secretariat, as_user):
    services.report_correction_open(report=kz_report, note="Fix para. 1", actor=secretariat)
    anonymous = as_user("anonymous")
    assert sees(anonymous, Report.objects.filter(pk=kz_report.pk))
    assert not sees(anonymous, Paragraph.objects.filter(chapter__report=kz_report))
    assert sees(anonymous, Recommendation.objects.filter(report=kz_report))
    assert kz_report.published_content["chapters"][0]["paragraphs"][0]["number"] == 1


def test_every_reports_model_has_a_rule(demo_data):
    from django.apps import apps

    # Evaluating each queryset raises ImproperlyConfigured for a model without a rule. The demo
    # seed publishes Kazakhstan's report, so the public sees some rows, but never a draft.
    visible = {
        model: access.visible(AnonymousUser(), model)
        for label in ("reports", "recommendations")
        for model in apps.get_app_config(label).get_models()
    }
    for queryset in visible.values():
        list(queryset)
    assert visible[Report].exists()
    assert not visible[Report].filter(published_at__isnull=True).exists()
    assert not visible[GovernmentComment].exclude(kind="final", status="submitted").exists()
