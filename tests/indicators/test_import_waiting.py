"""A previewed table of figures waits for its confirmation: the secretariat's home lists it, its
page shows the preview again (checked again), and it is confirmed or discarded from there."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from indicators import import_views, services
from indicators.models import Observation
from monitoring.models import Country
from tests import home_page
from tests.rendered_forms import form_in, forms_in, submit

PANEL = "Imports waiting for confirmation"
EMPTY = "No import is waiting for confirmation."
VI = "victims-identified"
TABLE = (
    f"country_iso,indicator,year,sex,value\nKG,{VI},2019,,10\nKG,{VI},2019,F,7\nKG,{VI},2019,M,3\n"
).encode()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def text(response) -> str:
    return html.unescape(response.content.decode())


def kg_2019() -> dict[str, int]:
    return {
        o.sex: o.value
        for o in Observation.objects.filter(country__iso_code="KG", indicator__code=VI, year=2019)
    }


def upload_through_the_form(client, content: bytes = TABLE, name: str = "kg-2019.csv"):
    page = client.get(reverse("observation_import:upload"))
    assert page.status_code == 200
    file = SimpleUploadedFile(name, content, content_type="text/csv")
    preview = submit(client, page, "form[enctype='multipart/form-data']", {"file": file})
    assert preview.status_code == 200, text(preview)
    assert "Confirm: save these figures" in text(preview)
    return preview


def confirmation_form() -> str:
    return f"form[action='{reverse('observation_import:confirm')}']"


def discard_form() -> str:
    return f"form[action='{reverse('observation_import:discard')}']"


def test_a_previewed_table_waits_on_the_home_page_until_confirmed(login_as, demo_data):
    client = login_as("secretariat")
    assert home_page.work_panel(client, PANEL) == ([], EMPTY)
    assert kg_2019() == {}

    upload_through_the_form(client)
    assert kg_2019() == {}  # nothing is saved by the preview
    lines, _empty = home_page.work_panel(client, PANEL)
    assert lines == [
        ("National figures: kg-2019.csv · 3 rows", reverse("observation_import:preview"))
    ]

    # The secretariat left the preview; the panel's link brings it back, checked again.
    page = client.get(lines[0][1])
    assert page.status_code == 200
    assert page.context["plan"].counts() == {"new": 3, "changed": 0, "same": 0}
    shown = text(page)
    assert "kg-2019.csv: 3 figures checked" in shown
    assert "3 new, 0 changing a stored figure, 0 unchanged." in shown

    done = submit(client, page, confirmation_form(), follow=True)
    assert done.redirect_chain[-1][0] == reverse("observation:index")
    assert "Figures saved: 3 new, 0 changed, 0 unchanged." in text(done)
    assert kg_2019() == {"": 10, "F": 7, "M": 3}
    assert home_page.work_panel(client, PANEL) == ([], EMPTY)

    gone = client.get(reverse("observation_import:preview"), follow=True)
    assert gone.redirect_chain[-1][0] == reverse("observation_import:upload")
    assert "No table of figures is waiting for confirmation." in text(gone)


def test_a_previewed_table_is_discarded_without_saving(login_as, demo_data):
    client = login_as("secretariat")
    preview = upload_through_the_form(client)
    assert len(forms_in(preview, discard_form())) == 1  # offered with the preview itself

    page = client.get(reverse("observation_import:preview"))
    discarded = submit(client, page, discard_form(), follow=True)
    assert discarded.redirect_chain[-1][0] == reverse("observation_import:upload")
    assert "The import of kg-2019.csv was discarded. Nothing was saved." in text(discarded)
    assert kg_2019() == {}
    assert home_page.work_panel(client, PANEL) == ([], EMPTY)

    # The confirmation form of the page left open confirms nothing any more.
    late = submit(client, page, confirmation_form(), follow=True)
    assert "already been done, or its preview expired" in text(late)
    assert kg_2019() == {}


def test_a_kept_preview_that_no_longer_passes_shows_why_and_can_only_be_discarded(
    login_as, demo_data
):
    client = login_as("secretariat")
    upload_through_the_form(client)
    # Meanwhile a questionnaire's table stores the total the preview saw as new.
    services.observations_save(
        country=Country.objects.get(iso_code="KG"),
        rows=[{"indicator": VI, "year": 2019, "value": 12}],
    )

    page = client.get(reverse("observation_import:preview"))
    assert page.status_code == 200
    shown = text(page)
    assert "The stored figure has changed since the preview (now 12)." in shown
    assert "no longer passes its checks" in shown
    assert forms_in(page, confirmation_form()) == []
    assert home_page.work_panel(client, PANEL)[0] != []  # still waiting, to be discarded

    submit(client, page, discard_form())
    assert home_page.work_panel(client, PANEL) == ([], EMPTY)
    assert kg_2019() == {"": 12}


def test_a_second_upload_replaces_the_waiting_one(login_as, demo_data):
    client = login_as("secretariat")
    upload_through_the_form(client)
    upload_through_the_form(client, TABLE.rsplit(b"\n", 2)[0] + b"\n", name="kg-total.csv")
    lines, _empty = home_page.work_panel(client, PANEL)
    assert [line for line, _link in lines] == ["National figures: kg-total.csv · 2 rows"]


@pytest.mark.parametrize("username", ["expert-uz", "expert-kz-2"])
def test_an_expert_never_sees_the_panel_nor_the_preview(login_as, demo_data, username):
    client = login_as(username)
    # Even with a preview in her session (she cannot upload one), nothing of it is shown.
    session = client.session
    session[import_views.SESSION_KEY] = {
        "token": "t",
        "filename": "kept.csv",
        "round": None,
        "rows": [],
    }
    session.save()
    assert PANEL not in home_page.work_panels(client)
    refused = client.get(reverse("observation_import:preview"))
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    refused = client.post(reverse("observation_import:discard"), {"token": "t"})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert client.session[import_views.SESSION_KEY]["token"] == "t"


@pytest.mark.parametrize("username", ["kg-contact", "ngo-kg"])
def test_a_respondent_is_sent_to_sign_in(login_as, demo_data, username):
    client = login_as(username)
    for url in (home_page.HOME, reverse("observation_import:preview")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_the_discard_form_needs_the_previews_own_token(login_as, demo_data):
    client = login_as("secretariat")
    preview = upload_through_the_form(client)
    form = form_in(preview, discard_form())
    stale = client.post(form.action, form.data({"token": "another"}), follow=True)
    assert "already confirmed or discarded. Nothing was changed." in text(stale)
    assert home_page.work_panel(client, PANEL)[0] != []
