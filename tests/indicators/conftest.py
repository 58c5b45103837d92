import pytest

from indicators.services import catalogue_seed
from monitoring.models import Country


@pytest.fixture
def catalogue(db):
    catalogue_seed()


@pytest.fixture
def country(db):
    return Country.objects.get_or_create(
        iso_code="KZ", defaults={"name_en": "Kazakhstan", "name_ru": "Казахстан"}
    )[0]
