"""The open-data API on the demo data: Kazakhstan's report published with 16 recommendations,
assessments over two cycles, final and draft comments and progress updates; Kyrgyzstan's
report a confidential draft with the government's comments in progress."""

import os
import tempfile
from pathlib import Path

import pytest

from reports.models import Report
from tests.reports.conftest import (  # noqa: F401 (fixtures)
    kg_evaluation,
    secretariat,
    to_final_comments,
)

# Hypothesis (under schemathesis) keeps a cache of constants; not in the working tree.
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY", str(Path(tempfile.gettempdir()) / "thb-monitoring-hypothesis")
)


@pytest.fixture
def kz_published(demo_data) -> Report:
    return Report.objects.get(evaluation__country__iso_code="KZ", kind="evaluation")


@pytest.fixture
def kg_draft(demo_data) -> Report:
    return Report.objects.get(evaluation__country__iso_code="KG", kind="evaluation")


@pytest.fixture
def api_get(client):
    """GET an API path and return the response, its JSON decoded as `response.data`."""

    def get(path: str, **headers):
        response = client.get(f"/api/v1{path}", headers=headers)
        if response.get("Content-Type", "").startswith("application/json"):
            response.data = response.json()
        return response

    return get
