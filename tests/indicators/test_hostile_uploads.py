"""A hostile file is refused through the statistics import's own form before it is parsed.
(The checks themselves: tests/monitoring/test_upload_limits.py.)"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import Observation
from tests import hostile_files
from tests.rendered_forms import submit


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
def test_a_hostile_statistics_import_is_refused(login_as, hostile, message):
    client = login_as("secretariat")
    count = Observation.objects.count()
    page = client.get(reverse("observation_import:upload"))
    assert page.status_code == 200
    upload = SimpleUploadedFile("figures.xlsx", hostile())
    refused = submit(client, page, "form[enctype='multipart/form-data']", {"file": upload})
    assert refused.status_code == 400
    assert message in refused.context["file_error"]
    assert message in refused.content.decode()
    assert Observation.objects.count() == count
