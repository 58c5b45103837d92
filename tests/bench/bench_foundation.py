"""Foundation pages on a large generated data set: 46 countries, ~2,800 organisations.

Run with `make bench`. Reports the median server time and the query count at demo size and at
large size, and their ratios. Timings are reported, never asserted; query counts must not grow.
"""

import pytest
from django.urls import reverse

from monitoring.models import Country, Membership, Organisation

from .conftest import measure

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

EXTRA_COUNTRIES = 41  # the five evaluated countries plus 41 others: 46 in all
ORGANISATIONS_PER_COUNTRY = 60


def generate_large_data_set(official):
    countries = Country.objects.bulk_create(
        Country(
            iso_code=f"{chr(65 + n // 26)}{chr(65 + n % 26)}",
            name_en=f"Country {n}",
            name_ru=f"Страна {n}",
        )
        for n in range(300, 300 + EXTRA_COUNTRIES)
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(
            kind="ngo" if n % 3 else "government",
            country=country,
            name_en=f"Organisation {country.iso_code}-{n}",
            name_ru=f"Организация {country.iso_code}-{n}",
        )
        for country in [*countries, *Country.objects.filter(iso_code__in=["KZ", "KG"])]
        for n in range(ORGANISATIONS_PER_COUNTRY)
    )
    kazakh_bodies = [
        o for o in organisations if o.kind == "government" and o.country.iso_code == "KZ"
    ]
    Membership.objects.bulk_create(
        Membership(user=official, organisation=body, role="government_respondent")
        for body in kazakh_bodies
    )


def test_foundation_pages_scale(demo_data, client, user_named, report):
    official = user_named("kz-official")
    secretariat = user_named("secretariat")
    pages = {
        "home page /en/": (None, "/en/"),
        "portal dashboard": (official, "/portal/"),
        "admin organisation list": (secretariat, reverse("organisation:index")),
    }

    def run_all():
        results = {}
        for name, (user, url) in pages.items():
            client.logout()
            if user is not None:
                client.force_login(user)
            results[name] = measure(client, url)
        return results

    small = run_all()
    generate_large_data_set(official)
    large = run_all()

    for name in pages:
        report.append(
            {
                "bench": "foundation",
                "page": name,
                "organisations": Organisation.objects.count(),
                "small_ms": small[name]["median_ms"],
                "large_ms": large[name]["median_ms"],
                "time_ratio": round(large[name]["median_ms"] / small[name]["median_ms"], 2),
                "small_queries": small[name]["queries"],
                "large_queries": large[name]["queries"],
            }
        )
        assert large[name]["queries"] == small[name]["queries"], name
