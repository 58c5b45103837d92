"""One date and number format per language, from one place (monitoring.display, the |day and
|number filters): Russian 02.12.2026 and its long form, English 2 December 2026."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from cms.models import NewsPage
from evaluation_rounds.models import Plenary
from monitoring import display

DAY = date(2026, 12, 2)
MOMENT = datetime(2026, 12, 2, 23, 30, tzinfo=ZoneInfo("UTC"))  # 3 December in Almaty


@pytest.mark.parametrize(
    ("language", "short", "long", "moment", "moment_day", "number", "thousands"),
    [
        (
            "ru",
            "02.12.2026",
            "2 декабря 2026 г.",
            "03.12.2026 04:30",
            "03.12.2026",
            "1\xa0234\xa0567,5",
            "12\xa0345",
        ),
        (
            "en",
            "2 December 2026",
            "2 December 2026",
            "3 December 2026, 04:30",
            "3 December 2026",
            "1,234,567.5",
            "12,345",
        ),
    ],
)
def test_the_filters_in_both_languages(
    language, short, long, moment, moment_day, number, thousands
):
    template = Template(
        '{% load monitoring_tags %}{{ d|day }}|{{ d|day:"long" }}|{{ m|day:"datetime" }}|'
        '{{ m|day }}|{{ d|day:"iso" }}|{{ n|number:1 }}|{{ i|number }}|{{ none|day }}'
    )
    context = Context({"d": DAY, "m": MOMENT, "n": Decimal("1234567.5"), "i": 12345})
    with translation.override(language):
        rendered = template.render(context)
        assert display.day(DAY) == short
    assert rendered.split("|") == [
        short,
        long,
        moment,
        moment_day,
        "2026-12-02",
        number,
        thousands,
        "",
    ]


def test_an_html_date_input_keeps_iso_in_russian():
    """Django's DateInput writes the first input format; <input type="date"> needs ISO."""
    from django import forms

    class Form(forms.Form):
        day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    with translation.override("ru"):
        assert 'value="2026-12-02"' in str(Form(initial={"day": DAY})["day"])
        assert Form({"day": "02.12.2026"}).is_valid()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "02.12.2026 – 04.12.2026"), ("en", "2 December 2026 – 4 December 2026")],
)
def test_the_back_office_shows_the_one_format(
    login_as, user_named, language, expected, django_assert_max_num_queries
):
    plenary = Plenary.objects.create(
        number=97,
        start_date=DAY,
        end_date=date(2026, 12, 4),
        place_en="Almaty",
        place_ru="Алматы",
    )
    profile = UserProfile.get_for_user(user_named("secretariat"))
    profile.preferred_language = language
    profile.save()
    client = login_as("secretariat")
    with django_assert_max_num_queries(25):
        content = client.get(reverse("procedure:agenda", args=[plenary.pk])).content.decode()
    assert expected in content
    assert "Dec." not in content and "12/02/2026" not in content


@pytest.mark.parametrize(
    ("language", "expected"), [("ru", "2 декабря 2026 г."), ("en", "2 December 2026")]
)
def test_the_public_site_shows_the_one_format(
    demo_data, client, language, expected, django_assert_max_num_queries
):
    page = NewsPage.objects.live().filter(locale__language_code=language).first()
    page.date = DAY
    page.save_revision().publish()
    with django_assert_max_num_queries(30):
        content = client.get(page.get_url()).content.decode()
    assert f'<time datetime="2026-12-02">{expected}</time>' in content


TEMPLATE_DIRS = ("accounts", "api", "cms", "evaluation_rounds", "indicators", "monitoring")
TEMPLATE_DIRS += ("portal", "questionnaires", "recommendations", "reports")
AD_HOC = re.compile(r"\|\s*date\b|\|\s*time\s*:|\|\s*naturalday\b")


def test_no_template_formats_a_date_of_its_own():
    """Dates are shown through |day only: a new |date:"…" would bring back a second format."""
    base = Path(settings.BASE_DIR)
    found = [
        f"{path.relative_to(base)}:{number}: {line.strip()}"
        for app in TEMPLATE_DIRS
        for path in (base / app).rglob("templates/**/*")
        if path.suffix in (".html", ".txt", ".xml", ".svg")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if AD_HOC.search(line)
    ]
    assert not found, "Use |day (monitoring_tags) instead:\n" + "\n".join(found)
