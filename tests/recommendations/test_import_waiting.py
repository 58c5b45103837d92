"""A previewed file of recommendations waits for its confirmation: the secretariat's home lists
it, its page shows the preview again (checked again), and it is confirmed or discarded from
there. With the figures' import, both wait in the one panel."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from recommendations import services as recommendation_services
from recommendations.models import Recommendation
from recommendations.views import exports
from reports.models import Report
from tests import home_page
from tests.rendered_forms import forms_in, submit

PANEL = "Imports waiting for confirmation"
EMPTY = "No import is waiting for confirmation."
HEADER = "country_iso,round,paragraph_number,strength,text_en"
FILE = (
    f"{HEADER}\n"
    'KG,1,2,urges,"Identify victims among labour migrants (waiting)."\n'
    'KG,1,3,invites,"Train labour inspectors (waiting)."\n'
).encode()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def kg_draft(demo_data):
    return Report.objects.get(evaluation__country__iso_code="KG", kind="evaluation")


def text(response) -> str:
    return html.unescape(response.content.decode())


def waiting_in(report) -> int:
    return report.recommendations.filter(text_en__endswith="(waiting).").count()


def upload_through_the_form(client, content: bytes = FILE, name: str = "kg-recs.csv"):
    page = client.get(reverse("recommendations:import"))
    assert page.status_code == 200
    file = SimpleUploadedFile(name, content, content_type="text/csv")
    preview = submit(client, page, "form[enctype='multipart/form-data']", {"file": file})
    assert preview.status_code == 200, text(preview)
    assert "Confirm: create these recommendations" in text(preview)
    return preview


CONFIRM = f"form[action='{reverse('recommendations:import_confirm')}']"
DISCARD = f"form[action='{reverse('recommendations:import_discard')}']"


def test_a_previewed_file_waits_on_the_home_page_until_confirmed(login_as, kg_draft):
    client = login_as("secretariat")
    assert home_page.work_panel(client, PANEL) == ([], EMPTY)

    upload_through_the_form(client)
    assert waiting_in(kg_draft) == 0
    lines, _empty = home_page.work_panel(client, PANEL)
    assert lines == [
        ("Recommendations: kg-recs.csv · 2 rows", reverse("recommendations:import_preview"))
    ]

    page = client.get(lines[0][1])
    assert page.status_code == 200
    assert "kg-recs.csv: 2 recommendations will be created" in text(page)
    planned = [item.number for item in page.context["plan"].items]

    done = submit(client, page, CONFIRM, follow=True)
    assert done.redirect_chain[-1][0] == reverse("recommendations:export_index")
    assert "2 recommendations imported." in text(done)
    assert sorted(
        kg_draft.recommendations.filter(text_en__endswith="(waiting).").values_list(
            "number", flat=True
        )
    ) == sorted(planned)
    assert home_page.work_panel(client, PANEL) == ([], EMPTY)

    gone = client.get(reverse("recommendations:import_preview"), follow=True)
    assert gone.redirect_chain[-1][0] == reverse("recommendations:import")
    assert "No file of recommendations is waiting for confirmation." in text(gone)


def test_a_previewed_file_is_discarded_without_creating_anything(login_as, kg_draft):
    client = login_as("secretariat")
    count = Recommendation.objects.count()
    upload_through_the_form(client)

    page = client.get(reverse("recommendations:import_preview"))
    discarded = submit(client, page, DISCARD, follow=True)
    assert discarded.redirect_chain[-1][0] == reverse("recommendations:import")
    assert "The import of kg-recs.csv was discarded. Nothing was saved." in text(discarded)
    assert home_page.work_panel(client, PANEL) == ([], EMPTY)

    late = submit(client, page, CONFIRM, follow=True)
    assert "already been done, or its preview expired" in text(late)
    assert Recommendation.objects.count() == count


def test_a_kept_preview_whose_number_was_taken_shows_why(login_as, user_named, kg_draft):
    client = login_as("secretariat")
    preview = upload_through_the_form(client)
    first = preview.context["plan"].items[0].number
    recommendation_services.recommendation_create(  # written in the editor meanwhile
        paragraph=kg_draft.recommendations.first().paragraph,
        strength="urges",
        text_en="Written in the editor meanwhile",
        actor=user_named("secretariat"),
    )

    page = client.get(reverse("recommendations:import_preview"))
    shown = text(page)
    assert f"Recommendation {first} already exists in this report." in shown
    assert "no longer passes its checks" in shown
    assert forms_in(page, CONFIRM) == []
    submit(client, page, DISCARD)
    assert home_page.work_panel(client, PANEL) == ([], EMPTY)
    assert waiting_in(kg_draft) == 0


def test_both_imports_wait_in_one_panel_at_no_cost_in_queries(
    login_as, kg_draft, django_assert_max_num_queries
):
    client = login_as("secretariat")
    client.get(home_page.HOME)
    with django_assert_max_num_queries(45) as nothing_kept:
        client.get(home_page.HOME)
    bound = len(nothing_kept.captured_queries)  # read now: the query log is a bounded deque

    upload_through_the_form(client)
    figures = client.get(reverse("observation_import:upload"))
    table = SimpleUploadedFile(
        "kg-figures.csv", b"country_iso,indicator,year,value\nKG,victims-identified,2019,10\n"
    )
    submit(client, figures, "form[enctype='multipart/form-data']", {"file": table})

    with django_assert_max_num_queries(bound):
        lines, _empty = home_page.work_panel(client, PANEL)
    assert sorted(lines) == [
        ("National figures: kg-figures.csv · 1 row", reverse("observation_import:preview")),
        ("Recommendations: kg-recs.csv · 2 rows", reverse("recommendations:import_preview")),
    ]


@pytest.mark.parametrize("username", ["expert-uz", "expert-kz-2"])
def test_an_expert_never_sees_the_panel_nor_the_preview(login_as, kg_draft, username):
    client = login_as(username)
    session = client.session  # even with a preview in her session (she cannot upload one)
    session[exports.SESSION_KEY] = {"token": "t", "filename": "kept.csv", "rows": []}
    session.save()
    assert PANEL not in home_page.work_panels(client)
    for refused in (
        client.get(reverse("recommendations:import_preview")),
        client.post(reverse("recommendations:import_discard"), {"token": "t"}),
    ):
        assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert client.session[exports.SESSION_KEY]["token"] == "t"


@pytest.mark.parametrize("username", ["kg-contact", "ngo-kg"])
def test_a_respondent_is_sent_to_sign_in(login_as, kg_draft, username):
    client = login_as(username)
    for url in (home_page.HOME, reverse("recommendations:import_preview")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
