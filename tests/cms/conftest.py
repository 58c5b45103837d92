"""The public site on top of the demo data: Kazakhstan's round-1 report is published (with
final comments and two follow-up cycles), Kyrgyzstan's is a draft with the government."""

import pytest

from reports.models import Report


@pytest.fixture
def secretariat(user_named):
    return user_named("secretariat")


@pytest.fixture
def kz_report(demo_data) -> Report:
    return Report.objects.get(evaluation__country__iso_code="KZ", published_at__isnull=False)


@pytest.fixture
def kg_draft(demo_data) -> Report:
    return Report.objects.get(evaluation__country__iso_code="KG")
