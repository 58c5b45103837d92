"""Import of recommendations from CSV/XLSX: every bad row is reported with its row and column and
nothing is written; a valid file creates exactly its rows once, through the services."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import Workbook
from reversion.models import Version

from monitoring.models import Organisation
from recommendations import imports
from recommendations import services as recommendation_services
from recommendations.models import Assessment, Recommendation
from reports import services
from reports.models import Report

HEADER = [
    "country_iso",
    "round",
    "report_kind",
    "number",
    "paragraph_number",
    "strength",
    "text_en",
    "text_ru",
    "themes",
    "convention_articles",
    "addressees",
    "sdg_target",
    "status",
    "status_assessed_on",
]


@pytest.fixture
def kg_draft(demo_data):
    return Report.objects.get(evaluation__country__iso_code="KG", kind="evaluation")


@pytest.fixture
def kz_published(demo_data):
    return Report.objects.get(evaluation__country__iso_code="KZ", kind="evaluation")


@pytest.fixture
def kg_government(demo_data):
    return Organisation.objects.get(country__iso_code="KG", is_national_government=True)


def row(**values) -> dict:
    base = {
        "country_iso": "KG",
        "round": "1",
        "report_kind": "",
        "number": "",
        "paragraph_number": "2",
        "strength": "urges",
        "text_en": "Identify victims among labour migrants (imported).",
        "text_ru": "Выявлять жертв среди трудовых мигрантов.",
        "themes": "protection; prevention",
        "convention_articles": "Articles 10, 12",
        "addressees": "",
        "sdg_target": "8.7",
        "status": "",
        "status_assessed_on": "",
    }
    return base | values


def as_csv(rows: list[dict], delimiter: str = ",") -> bytes:
    lines = [delimiter.join(HEADER)]
    for item in rows:
        lines.append(delimiter.join(f'"{item[column]}"' for column in HEADER))
    return ("\n".join(lines) + "\n").encode("utf-8")


def as_xlsx(rows: list[dict]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for item in rows:
        sheet.append(
            [int(item[c]) if c == "round" else item[c] for c in HEADER]  # a real number cell
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, content: bytes, name: str = "recommendations.csv"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse("recommendations:import"), {"file": file})


def token_of(response) -> str:
    return response.context["token"]


@pytest.fixture
def secretariat_client(login_as):
    return login_as("secretariat")


# --- a valid file -----------------------------------------------------------------------------


def test_valid_csv_previews_then_creates_exactly_its_rows_once(
    secretariat_client, kg_draft, kg_government
):
    before = set(kg_draft.recommendations.values_list("pk", flat=True))
    last = max(kg_draft.recommendations.values_list("number", flat=True), default=0)
    rows = [
        row(addressees=kg_government.name_en),
        row(strength="Considers", text_en="", themes="", addressees=str(kg_government.pk)),
        row(strength="invites", paragraph_number="3", sdg_target=""),
    ]
    preview = upload(secretariat_client, as_csv(rows, delimiter=";"))
    assert preview.status_code == 200
    assert preview.context["plan"].errors == []
    assert [i.number for i in preview.context["plan"].items] == [last + 1, last + 2, last + 3]
    assert "3 recommendations will be created" in preview.content.decode()
    assert set(kg_draft.recommendations.values_list("pk", flat=True)) == before  # not yet

    confirm = secretariat_client.post(
        reverse("recommendations:import_confirm"), {"token": token_of(preview)}
    )
    assert confirm.status_code == 302
    created = kg_draft.recommendations.exclude(pk__in=before).order_by("number")
    assert [r.number for r in created] == [last + 1, last + 2, last + 3]
    first, second, third = created
    assert first.strength == "urges" and first.sdg_target == "8.7"
    assert first.paragraph.number == 2 and third.paragraph.number == 3
    assert sorted(first.theme_values) == ["prevention", "protection"]
    assert list(first.addressees.all()) == [kg_government]
    assert list(second.addressees.all()) == [kg_government]
    assert second.strength == "considers" and second.text_en == "" and second.text_ru
    assert Version.objects.get_for_object(first).exists()

    confirm = reverse("recommendations:import_confirm")
    again = secretariat_client.post(confirm, {"token": token_of(preview)})
    assert again.status_code == 302
    assert kg_draft.recommendations.exclude(pk__in=before).count() == 3


def test_valid_xlsx_with_given_numbers_and_a_status_into_a_correction(
    secretariat_client, kz_published, user_named
):
    services.report_correction_open(
        report=kz_published, note="Adding recommendations", actor=user_named("secretariat")
    )
    last = max(kz_published.recommendations.values_list("number", flat=True))
    rows = [
        row(
            country_iso="kz",
            number=str(last + 5),
            status="partly_implemented",
            status_assessed_on="2026-03-01",
        ),
        row(country_iso="KZ", number=str(last + 2)),
    ]
    preview = upload(secretariat_client, as_xlsx(rows), "recommendations.xlsx")
    assert preview.status_code == 200, preview.context["plan"].errors
    secretariat_client.post(reverse("recommendations:import_confirm"), {"token": token_of(preview)})
    numbered = {r.number: r for r in kz_published.recommendations.filter(number__gt=last)}
    assert set(numbered) == {last + 2, last + 5}
    assessment = Assessment.objects.get(recommendation=numbered[last + 5])
    assert assessment.status == "partly_implemented"
    assert assessment.assessed_on.isoformat() == "2026-03-01"
    assert not Assessment.objects.filter(recommendation=numbered[last + 2]).exists()


# --- bad rows: every one reported, nothing written --------------------------------------------

BAD_ROWS = [
    ({"country_iso": "XX"}, "country_iso", "Unknown country: XX"),
    ({"round": "7"}, "round", "has no evaluation report in round 7"),
    ({"round": "one"}, "round", "whole number"),
    ({"report_kind": "annual"}, "report_kind", "Unknown report kind"),
    ({"themes": "protection;rescue"}, "themes", "Unknown theme: rescue"),
    ({"strength": ""}, "strength", "Give the strength"),
    ({"strength": "demands"}, "strength", "Unknown strength: demands"),
    ({"text_en": "", "text_ru": ""}, "text_en", "at least one language"),
    ({"addressees": "Ministry of Magic"}, "addressees", "Unknown addressee"),
    ({"sdg_target": "5.2.1"}, "sdg_target", "SDG target such as 5.2"),
    ({"number": "1"}, "number", "Recommendation 1 already exists"),
    ({"number": "2.5"}, "number", "whole number"),
    ({"paragraph_number": "x"}, "paragraph_number", "whole number"),
    ({"paragraph_number": "999"}, "paragraph_number", "no paragraph 999"),
    ({"status": "implemented", "status_assessed_on": "2026-01-01"}, "status", "published report"),
    ({"status_assessed_on": "2026-01-01"}, "status", "Give the status"),
    ({"country_iso": "KZ"}, "round", "published and frozen"),
]


@pytest.mark.parametrize(("values", "column", "message"), BAD_ROWS)
def test_each_bad_row_gets_its_message_and_nothing_is_written(
    secretariat_client, kg_draft, values, column, message
):
    count = Recommendation.objects.count()
    response = upload(secretariat_client, as_csv([row(), row(**values)]))
    assert response.status_code == 400
    errors = response.context["plan"].errors
    assert any(e.row == 3 and e.column == column and message in e.message for e in errors), errors
    assert "token" not in response.context
    assert message in response.content.decode()
    assert Recommendation.objects.count() == count


def test_all_errors_are_listed_at_once(secretariat_client, kg_draft):
    response = upload(
        secretariat_client,
        as_csv([row(country_iso="XX"), row(), row(themes="rescue", strength="")]),
    )
    errors = response.context["plan"].errors
    assert sorted((e.row, e.column) for e in errors) == [
        (2, "country_iso"),
        (4, "strength"),
        (4, "themes"),
    ]


def test_duplicate_numbers_in_the_file(secretariat_client, kg_draft):
    count = Recommendation.objects.count()
    response = upload(secretariat_client, as_csv([row(number="40"), row(number="40")]))
    errors = response.context["plan"].errors
    assert [(e.row, e.column) for e in errors] == [(3, "number")]
    assert "already given to row 2" in errors[0].message
    assert Recommendation.objects.count() == count


# --- bad files --------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (PNG, "recommendations.csv", "not a CSV or XLSX"),
        (b"%PDF-1.7\n1 0 obj\n", "recommendations.xlsx", "not a CSV or XLSX"),
        (b"PK\x03\x04broken", "recommendations.xlsx", "not a CSV or XLSX"),
        (b"country_iso,round,strength\nKG,1,urges\n", "r.csv", "Missing columns: paragraph_number"),
        (b"country_iso,round,paragraph_number,strength,staus\n", "r.csv", "Unknown columns: staus"),
        (b"country_iso,round,paragraph_number,strength\n", "r.csv", "no rows"),
        ("country_iso\nKG\n".encode("utf-16"), "r.csv", "not a CSV or XLSX"),
        ("country_iso,text_ru\nKG,Жертвы\n".encode("cp1251"), "r.csv", "UTF-8"),
    ],
)
def test_wrong_files_are_refused_clearly(secretariat_client, kg_draft, content, name, message):
    count = Recommendation.objects.count()
    response = upload(secretariat_client, content, name)
    assert response.status_code == 400
    assert message in response.context["file_error"]
    assert Recommendation.objects.count() == count


def test_a_huge_file_is_refused_before_it_is_read(secretariat_client, kg_draft, monkeypatch):
    monkeypatch.setattr(imports, "MAX_BYTES", 2000)
    response = upload(secretariat_client, as_csv([row()] * 40))
    assert response.status_code == 413
    assert "too large" in response.context["file_error"]


def test_too_many_rows(secretariat_client, kg_draft, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    response = upload(secretariat_client, as_csv([row()] * 4))
    assert "at most 3" in response.context["file_error"]


# --- a stale preview, permissions --------------------------------------------------------------


def test_a_stale_preview_creates_nothing(secretariat_client, kg_draft, user_named):
    preview = upload(secretariat_client, as_csv([row(), row()]))
    planned = [i.number for i in preview.context["plan"].items]
    # someone takes the first planned number meanwhile
    recommendation_services.recommendation_create(
        paragraph=kg_draft.recommendations.first().paragraph,
        strength="urges",
        text_en="Written in the editor meanwhile",
        actor=user_named("secretariat"),
    )
    count = Recommendation.objects.count()
    response = secretariat_client.post(
        reverse("recommendations:import_confirm"), {"token": token_of(preview)}, follow=True
    )
    assert f"Recommendation {planned[0]} already exists" in response.content.decode()
    assert Recommendation.objects.count() == count


@pytest.mark.parametrize("username", ["expert-kg", "expert-uz", "kg-contact", "ngo-kg"])
def test_only_the_secretariat_imports(login_as, kg_draft, username):
    count = Recommendation.objects.count()
    client = login_as(username)
    assert upload(client, as_csv([row()])).status_code == 302  # refused (Wagtail redirects)
    response = client.post(reverse("recommendations:import_confirm"), {"token": "x"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/" or response["Location"].startswith("/admin/login/")
    assert Recommendation.objects.count() == count


def test_anonymous_is_sent_to_sign_in(client, demo_data):
    response = client.get(reverse("recommendations:import"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_service_refuses_an_expert(user_named, kg_draft):
    with pytest.raises(PermissionDenied):
        imports.import_recommendations(
            rows=[{"row": 2, **row()}], actor=user_named("expert-uz"), source="x.csv"
        )
