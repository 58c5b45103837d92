"""Numbers sent back by the browser: only plain ASCII digits count, and a bad one is a clean
answer (never a 500) on the staff screens that read them."""

import pytest
from django.urls import reverse

from monitoring.params import whole_number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("0", 0),
        ("²", None),
        ("١٢", None),
        ("-1", None),
        ("1.5", None),
        ("", None),
        (None, None),
        ("9" * 19, None),
        ("9" * 18, 10**18 - 1),
    ],
)
def test_whole_number(raw, expected):
    assert whole_number(raw) == expected


@pytest.mark.parametrize("value", ["²", "9" * 40, "1e3"])
def test_staff_screens_answer_cleanly_to_odd_numbers(login_as, value):
    client = login_as("secretariat")
    visits = client.get(reverse("procedure:visits"), {"round": value, "country": value})
    assert visits.status_code == 200
    export = client.get(reverse("recommendations:export_csv"), {"round": value})
    assert export.status_code == 400
    assert "whole number" in export.content.decode()
