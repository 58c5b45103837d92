"""The confidentiality matrix of the report screens in the portal: every role by every screen.

Kyrgyzstan's draft is for Kyrgyzstan's officials only; Kazakhstan's follow-up for Kazakhstan's.
The expert group works in the back office, so the portal shows it nothing but evidence files
(which it assesses)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from recommendations import services as recommendation_services
from recommendations.models import ProgressEvidence, ProgressUpdate
from reports import services
from reports.models import GovernmentComment

ROLES = [
    "anonymous",
    "ngo-kg",
    "ngo-kz",
    "kz-official",
    "kz-contact",
    "kg-official",
    "kg-contact",
    "expert-tm",  # an expert who is no rapporteur of KG or KZ
    "expert-kz-2",  # a rapporteur of Kyrgyzstan
    "expert-kg",  # a rapporteur of Kazakhstan
    "secretariat",
]
KG_GOVERNMENT = {"kg-official", "kg-contact"}
KZ_GOVERNMENT = {"kz-official", "kz-contact"}
STAFF = {"expert-tm", "expert-kz-2", "expert-kg", "secretariat"}
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def client_for(client, user_named):
    def sign_in(role):
        if role != "anonymous":
            client.force_login(user_named(role))
        return client

    return sign_in


def _refused(response, role) -> bool:
    if role == "anonymous":
        return response.status_code == 302 and "/accounts/login/" in response["Location"]
    return response.status_code == 404


@pytest.fixture
def kg_comment(kg_report, user_named):
    return services.comment_add(
        report=kg_report, text="Draft comment", actor=user_named("kg-official")
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_draft_page(kg_report, client_for, role):
    response = client_for(role).get(reverse("portal:report", args=[kg_report.pk]))
    if role in KG_GOVERNMENT:
        assert response.status_code == 200
        assert "Chapter 1, text 1" in response.content.decode()
    else:
        assert _refused(response, role)
        assert b"Chapter 1, text 1" not in response.content


@pytest.mark.parametrize("role", ROLES)
def test_adding_a_comment(kg_report, client_for, role):
    response = client_for(role).post(
        reverse("portal:report_comment_add", args=[kg_report.pk]), {"text": "Hello"}
    )
    if role in KG_GOVERNMENT:
        assert response.status_code == 302
        assert kg_report.comments.get().text == "Hello"
    else:
        assert _refused(response, role)
        assert not kg_report.comments.exists()


@pytest.mark.parametrize("role", ROLES)
def test_editing_a_comment(kg_report, kg_comment, client_for, role):
    url = reverse("portal:report_comment_edit", args=[kg_report.pk, kg_comment.pk])
    client = client_for(role)
    shown = client.get(url)
    response = client.post(url, {"text": "Changed"})
    kg_comment.refresh_from_db()
    if role in KG_GOVERNMENT:
        assert shown.status_code == 200 and response.status_code == 302
        assert kg_comment.text == "Changed"
    else:
        assert _refused(shown, role) and _refused(response, role)
        assert b"Draft comment" not in shown.content
        assert kg_comment.text == "Draft comment"


@pytest.mark.parametrize("role", ROLES)
def test_deleting_a_comment(kg_report, kg_comment, client_for, role):
    url = reverse("portal:report_comment_delete", args=[kg_report.pk, kg_comment.pk])
    response = client_for(role).post(url)
    exists = GovernmentComment.objects.filter(pk=kg_comment.pk).exists()
    if role in KG_GOVERNMENT:
        assert response.status_code == 302 and not exists
    else:
        assert _refused(response, role) and exists


@pytest.mark.parametrize("role", ROLES)
def test_submitting_the_comments(kg_report, kg_comment, client_for, role):
    url = reverse("portal:report_comments_submit", args=[kg_report.pk])
    client = client_for(role)
    shown = client.get(url)
    response = client.post(url)
    kg_comment.refresh_from_db()
    if role == "kg-contact":
        assert b"Confirm and submit" in shown.content
        assert kg_comment.status == GovernmentComment.Status.SUBMITTED
    elif role == "kg-official":
        assert b"Confirm and submit" not in shown.content
        assert response.status_code == 302
        assert kg_comment.status == GovernmentComment.Status.IN_PROGRESS
    else:
        assert _refused(shown, role) and _refused(response, role)
        assert kg_comment.status == GovernmentComment.Status.IN_PROGRESS


@pytest.mark.parametrize("role", ROLES)
def test_the_follow_up_page(kz_report, client_for, role):
    response = client_for(role).get(reverse("portal:report_follow_up", args=[kz_report.pk]))
    if role in KZ_GOVERNMENT:
        assert response.status_code == 200
        assert b"Report progress on recommendation 1" in response.content
    else:
        assert _refused(response, role)


@pytest.mark.parametrize("role", ROLES)
def test_adding_a_progress_update(kz_report, client_for, role):
    recommendation = kz_report.recommendations.first()
    prefix = f"r{recommendation.pk}"
    response = client_for(role).post(
        reverse("portal:report_follow_up", args=[kz_report.pk]),
        {
            "recommendation": recommendation.pk,
            f"{prefix}-text": "Measures",
            f"{prefix}-reported_on": timezone.localdate().isoformat(),
        },
    )
    if role in KZ_GOVERNMENT:
        assert response.status_code == 302
        assert ProgressUpdate.objects.get().author.username == role
    else:
        assert _refused(response, role)
        assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_downloading_evidence(kz_report, user_named, client_for, role):
    recommendation_services.progress_update_report(
        recommendation=kz_report.recommendations.first(),
        text="Measures",
        files=[SimpleUploadedFile("decree.pdf", PDF)],
        actor=user_named("kz-contact"),
    )
    stored = ProgressEvidence.objects.get()
    response = client_for(role).get(reverse("portal:report_evidence", args=[stored.pk]))
    if role in KZ_GOVERNMENT | STAFF:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
    else:
        assert _refused(response, role)


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_the_dashboard_never_leaks_the_draft(kg_report, client_for, role):
    html = client_for(role).get(reverse("portal:dashboard")).content.decode()
    link = reverse("portal:report", args=[kg_report.pk])
    assert (link in html) == (role in KG_GOVERNMENT)
    assert ("Draft report awaiting your comments" in html) == (role in KG_GOVERNMENT)
    assert kg_report.title_en not in html or role in KG_GOVERNMENT


@pytest.mark.parametrize("role", ROLES)
def test_deleting_a_progress_update(kz_report, user_named, client_for, role):
    update = recommendation_services.progress_update_report(
        recommendation=kz_report.recommendations.first(),
        text="Measures",
        actor=user_named("kz-official"),
    )
    url = reverse("portal:report_follow_up_update_delete", args=[kz_report.pk, update.pk])
    response = client_for(role).post(url)
    exists = ProgressUpdate.objects.filter(pk=update.pk).exists()
    if role in KZ_GOVERNMENT:
        assert response.status_code == 302 and not exists
    else:
        assert _refused(response, role) and exists
