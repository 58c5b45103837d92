"""Hostile files are refused through the pages' own forms before anything is parsed or stored:
a zip bomb as progress evidence, a workbook of a million cells or a zip bomb as a
recommendations import. (The checks themselves: tests/monitoring/test_upload_limits.py.)"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from recommendations.models import ProgressEvidence, ProgressUpdate, Recommendation
from tests import hostile_files
from tests.rendered_forms import submit


def test_a_zip_bomb_as_evidence_is_refused_and_nothing_is_saved(kz_report, login_as):
    client = login_as("kz-official")
    recommendation = kz_report.recommendations.first()
    page = client.get(reverse("portal:report_follow_up", args=[kz_report.pk]))
    prefix = f"r{recommendation.pk}"
    refused = submit(
        client,
        page,
        f"form:has(input[name='recommendation'][value='{recommendation.pk}'])",
        {
            f"{prefix}-text": "The referral mechanism was adopted.",
            f"{prefix}-files": [SimpleUploadedFile("decree.docx", hostile_files.zip_bomb())],
        },
    )
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "The file takes 1024 MB once unpacked; the limit is 200 MB." in html
    assert "The referral mechanism was adopted." in html  # the text is kept
    assert not ProgressUpdate.objects.filter(recommendation=recommendation).exists()
    assert not ProgressEvidence.objects.exists()


@pytest.mark.parametrize(
    ("hostile", "message"),
    [
        (
            hostile_files.million_cell_workbook,
            "The workbook has 1000000 cells; at most 200000 are read.",
        ),
        (
            lambda: hostile_files.zip_bomb("xlsx"),
            "The file takes 1024 MB once unpacked; the limit is 50 MB.",
        ),
    ],
    ids=["million-cells", "zip-bomb"],
)
def test_a_hostile_recommendations_import_is_refused(kg_report, login_as, hostile, message):
    client = login_as("secretariat")
    count = Recommendation.objects.count()
    page = client.get(reverse("recommendations:import"))
    assert page.status_code == 200
    upload = SimpleUploadedFile("recommendations.xlsx", hostile())
    refused = submit(client, page, "form[enctype='multipart/form-data']", {"file": upload})
    assert refused.status_code == 400
    assert message in refused.context["file_error"]
    assert message in refused.content.decode()
    assert Recommendation.objects.count() == count
