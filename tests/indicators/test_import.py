"""The secretariat's import of national figures (CSV/XLSX), through its URLs: every bad cell is
reported with the spreadsheet's row and column and nothing is saved; a valid table is previewed
(new, changed, unchanged), then saved once, in one revision."""

import html
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook
from reversion.models import Version
from wagtail.users.models import UserProfile

from evaluation_rounds.models import EvaluationRound
from indicators import imports, selectors, services
from indicators.models import Observation
from monitoring.models import Country

VI = "victims-identified"
HEADER = ["country_iso", "indicator", "year", "sex", "age_group", "value", "source"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def secretariat_client(login_as):
    return login_as("secretariat")


def line(country="KG", indicator=VI, year="2019", sex="", age_group="", value="10", source=""):
    return {
        "country_iso": country,
        "indicator": indicator,
        "year": year,
        "sex": sex,
        "age_group": age_group,
        "value": value,
        "source": source,
    }


def as_csv(rows: list[dict], header=HEADER) -> bytes:
    lines = [",".join(header)] + [",".join(f'"{row.get(c, "")}"' for c in header) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def as_xlsx(rows: list[dict]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:  # years and values as real number cells, as a spreadsheet keeps them
        sheet.append([int(row[c]) if c in ("year", "value") else row[c] for c in HEADER])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, content: bytes, name="figures.csv", round_pk=None):
    file = io.BytesIO(content)
    file.name = name
    data = {"file": file}
    if round_pk:
        data["round"] = round_pk
    return client.post(reverse("observation_import:upload"), data)


def confirm(client, preview, **kwargs):
    return client.post(
        reverse("observation_import:confirm"), {"token": preview.context["token"]}, **kwargs
    )


def text(response) -> str:
    return html.unescape(response.content.decode())


def kg_cells(year: int) -> dict[tuple, int]:
    return {
        (o.indicator.code, o.sex, o.age_group): o.value
        for o in Observation.objects.filter(country__iso_code="KG", year=year).select_related(
            "indicator"
        )
    }


# --- a valid table ------------------------------------------------------------------------------


def test_a_valid_table_is_previewed_then_saved_once(secretariat_client, demo_data):
    assert kg_cells(2019) == {}
    rows = [
        line(value="10", source="Ministry of Labour"),
        line(sex="F", value="7"),
        line(sex="M", value="3"),
        line(age_group="child", value="2"),
        line(country="kz", indicator="investigations", value="40"),
    ]
    preview = upload(secretariat_client, as_csv(rows))
    assert preview.status_code == 200
    plan = preview.context["plan"]
    assert plan.errors == [] and plan.counts() == {"new": 5, "changed": 0, "same": 0}
    page = text(preview)
    assert "5 figures checked" in page and "Confirm: save these figures" in page
    published = {country.iso_code: public for country, _counts, public in plan.by_country()}
    assert published == {"KG": False, "KZ": True}  # only Kazakhstan's report is published
    assert "public as soon as saved" in page
    assert kg_cells(2019) == {}  # nothing saved before the confirmation

    done = confirm(secretariat_client, preview, follow=True)
    assert done.redirect_chain[-1][0] == reverse("observation:index")
    assert "Figures saved: 5 new, 0 changed, 0 unchanged." in text(done)
    assert kg_cells(2019) == {
        (VI, "", ""): 10,
        (VI, "F", ""): 7,
        (VI, "M", ""): 3,
        (VI, "", "child"): 2,
    }
    total = Observation.objects.totals().get(country__iso_code="KG", indicator__code=VI, year=2019)
    assert total.source == "Ministry of Labour"
    assert Version.objects.get_for_object(total).count() == 1
    assert Observation.objects.filter(
        country__iso_code="KZ", indicator__code="investigations", year=2019, value=40
    ).exists()

    public = selectors.observations_for(None).filter(year=2019)
    assert {o.country.iso_code for o in public.select_related("country")} == {"KZ"}

    again = confirm(secretariat_client, preview, follow=True)  # a double submit
    assert "already been done" in text(again)
    assert Version.objects.get_for_object(total).count() == 1


def test_a_second_table_changes_figures_and_says_which(secretariat_client, demo_data):
    services.observations_save(
        country=Country.objects.get(iso_code="KG"),
        rows=[{"indicator": VI, "year": 2019, "value": 10}],
    )
    total = Observation.objects.get(country__iso_code="KG", indicator__code=VI, year=2019)
    services.observation_mark(observation=total, status="verified")
    rows = [line(value="12"), line(year="2018", value="11"), line(sex="F", value="6")]
    preview = upload(secretariat_client, as_csv(rows))
    plan = preview.context["plan"]
    assert [(i.row, i.change, i.stored) for i in plan.preview()] == [
        (2, "changed", 10),
        (3, "new", None),
        (4, "new", None),
    ]
    assert "was 10" in text(preview) and "sex: female" in text(preview)
    confirm(secretariat_client, preview)
    total.refresh_from_db()
    assert total.value == 12 and total.status == Observation.Status.UNVERIFIED  # to verify again


def test_an_xlsx_table_with_number_cells_is_read(secretariat_client, demo_data):
    preview = upload(
        secretariat_client, as_xlsx([line(value="9"), line(sex="M", value="9")]), "figures.xlsx"
    )
    assert preview.status_code == 200, preview.context.get("file_error")
    confirm(secretariat_client, preview)
    assert kg_cells(2019) == {(VI, "", ""): 9, (VI, "M", ""): 9}


def test_a_tidy_download_layout_is_read_back(secretariat_client, demo_data):
    header = ["country_iso", "country", "indicator", "indicator_name", "year", "sex", "value"]
    rows = [
        {"country_iso": "KG", "country": "Kyrgyzstan", "indicator": VI, "year": "2019"}
        | {"indicator_name": "Victims identified", "sex": "_T", "value": "8"},
        {"country_iso": "KG", "country": "Kyrgyzstan", "indicator": VI, "year": "2019"}
        | {"indicator_name": "Victims identified", "sex": "F", "value": "5"},
    ]
    preview = upload(secretariat_client, as_csv(rows, header))
    assert preview.status_code == 200, preview.context["plan"].errors
    confirm(secretariat_client, preview)
    assert kg_cells(2019) == {(VI, "", ""): 8, (VI, "F", ""): 5}


def test_a_jump_is_a_warning_and_the_table_can_still_be_saved(secretariat_client, demo_data):
    rows = [line(year="2018", value="4"), line(year="2019", value="40")]
    preview = upload(secretariat_client, as_csv(rows))
    assert preview.status_code == 200
    assert [(w.row, w.column) for w in preview.context["plan"].warnings] == [(3, "value")]
    assert "40 against 4 the year before" in text(preview)
    confirm(secretariat_client, preview)
    assert kg_cells(2019) == {(VI, "", ""): 40}


def test_the_legal_basis_a_country_counts_under_is_imported(secretariat_client, demo_data):
    header = [*HEADER, "counted_under", "definition_note"]
    rows = [line() | {"counted_under": "related_articles", "definition_note": "Art. 124 only"}]
    confirm(secretariat_client, upload(secretariat_client, as_csv(rows, header)))
    observation = Observation.objects.get(country__iso_code="KG", indicator__code=VI, year=2019)
    assert observation.counted_under == "related_articles"
    assert observation.definition_note == "Art. 124 only"


# --- bad cells: a message per cell, nothing saved ------------------------------------------------


def test_every_bad_cell_is_reported_by_row_and_column_and_nothing_is_saved(
    secretariat_client, demo_data
):
    count = Observation.objects.count()
    rows = [
        line(value="10"),  # row 2: fine on its own
        line(age_group="child", value="12"),  # 3: larger than its total
        line(indicator="investigations", value="-3"),  # 4
        line(indicator="prosecutions", value="2.5"),  # 5
        line(indicator="convictions", value="many"),  # 6
        line(indicator="victims-found"),  # 7: not in the catalogue
        line(country="XX"),  # 8
        line(year="2031"),  # 9
        line(sex="X", value="1"),  # 10
        line(indicator="counted-under", value="1"),  # 11: unknown code again
    ]
    response = upload(secretariat_client, as_csv(rows))
    assert response.status_code == 400
    found = {(e.row, e.column) for e in response.context["plan"].errors}
    assert found == {
        (3, "value"),
        (4, "value"),
        (5, "value"),
        (6, "value"),
        (7, "indicator"),
        (8, "country_iso"),
        (9, "year"),
        (10, "sex"),
        (11, "indicator"),
    }
    page = text(response)
    for message in (
        "12 is larger than the total 10.",
        "-3 is negative",
        "2.5 is not a whole number",
        "“many” is not a number.",
        "Unknown indicator code “victims-found”.",
        "Unknown country: XX",
        "2031 is in the future.",
        "9 errors, nothing saved",
    ):
        assert message in page, message
    assert "token" not in response.context
    assert Observation.objects.count() == count


def test_a_year_outside_the_rounds_reference_period_is_refused(secretariat_client, demo_data):
    evaluation_round = EvaluationRound.objects.get(number=1)
    first, last = evaluation_round.reference_first_year, evaluation_round.reference_last_year
    rows = [line(year=str(first - 1)), line(year=str(last), indicator="hotline-calls")]
    response = upload(secretariat_client, as_csv(rows), round_pk=evaluation_round.pk)
    assert response.status_code == 400
    assert [(e.row, e.column) for e in response.context["plan"].errors] == [(2, "year")]
    assert f"outside the round's reference period {first}–{last}" in text(response)
    without_round = upload(secretariat_client, as_csv(rows))
    assert without_round.context["plan"].errors == []


def test_a_cell_given_twice_names_the_first_row_of_the_file(secretariat_client, demo_data):
    rows = [line(country="KZ"), line(), line(value="11")]
    response = upload(secretariat_client, as_csv(rows))
    assert [(e.row, e.message) for e in response.context["plan"].errors] == [
        (4, "Row 3 already gives this cell.")
    ]


def test_the_check_takes_as_many_queries_for_five_countries_as_for_one(demo_data):
    def queries(countries: list[str]) -> int:
        rows = [
            {"row": n, **line(country=iso, year=str(year))}
            for n, (iso, year) in enumerate(
                ((iso, year) for iso in countries for year in (2017, 2018, 2019)), start=2
            )
        ]
        with CaptureQueriesContext(connection) as captured:
            plan = imports.plan_import(rows)
        assert plan.errors == [] and len(plan.items) == len(rows)
        return len(captured.captured_queries)

    assert queries(["KG"]) == queries(["KG", "KZ", "TJ", "TM", "UZ"])


def test_sexes_that_do_not_add_up_are_refused(secretariat_client, demo_data):
    rows = [line(value="10"), line(sex="F", value="6"), line(sex="M", value="3")]
    response = upload(secretariat_client, as_csv(rows))
    assert response.status_code == 400
    assert "Women and men add up to 9, but the total is 10." in text(response)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"%PDF-1.4 not a table", "figures.csv", "not a CSV or XLSX"),
        (b"PK\x03\x04broken", "figures.xlsx", "not a CSV or XLSX"),
        (b"country_iso,indicator,value\nKG,hotline-calls,1\n", "f.csv", "Missing columns: year"),
        (b"country_iso,indicator,year,value,colour\n", "f.csv", "Unknown columns: colour"),
        (b"country_iso,indicator,year,value\n", "f.csv", "no rows"),
        (
            "country_iso,indicator,year,value,note\nKG,x,2019,1,Жертвы\n".encode("cp1251"),
            "f.csv",
            "UTF-8",
        ),
    ],
)
def test_wrong_files_are_refused_clearly(secretariat_client, demo_data, content, name, message):
    count = Observation.objects.count()
    response = upload(secretariat_client, content, name)
    assert response.status_code == 400
    assert message in response.context["file_error"]
    assert Observation.objects.count() == count


def test_a_huge_file_is_refused_before_it_is_read(secretariat_client, demo_data, monkeypatch):
    monkeypatch.setattr(imports, "MAX_BYTES", 2000)
    response = upload(secretariat_client, as_csv([line()] * 60))
    assert response.status_code == 413
    assert "too large" in response.context["file_error"]


def test_the_upload_still_checks_csrf_after_the_size_limit(user_named, demo_data):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user_named("secretariat"))
    assert upload(client, as_csv([line()])).status_code == 403
    page = client.get(reverse("observation_import:upload"))
    token = page.cookies["csrftoken"].value
    file = io.BytesIO(as_csv([line()]))
    file.name = "figures.csv"
    preview = client.post(
        reverse("observation_import:upload"), {"file": file, "csrfmiddlewaretoken": token}
    )
    assert preview.status_code == 200 and preview.context["plan"].errors == []
    assert kg_cells(2019) == {}


def test_too_many_rows(secretariat_client, demo_data, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    response = upload(secretariat_client, as_csv([line(year=str(y)) for y in range(2015, 2019)]))
    assert "at most 3" in response.context["file_error"]


# --- a stale preview, permissions ----------------------------------------------------------------


def test_a_figure_changed_since_the_preview_stops_the_import(secretariat_client, demo_data):
    preview = upload(secretariat_client, as_csv([line(value="10"), line(year="2018", value="9")]))
    kg = Country.objects.get(iso_code="KG")
    services.observations_save(country=kg, rows=[{"indicator": VI, "year": 2019, "value": 11}])
    response = confirm(secretariat_client, preview, follow=True)
    assert "The stored figure has changed since the preview (now 11)" in text(response)
    assert kg_cells(2019) == {(VI, "", ""): 11} and kg_cells(2018) == {}


@pytest.mark.parametrize("username", ["expert-kz-2", "expert-tm-2", "kg-contact", "ngo-kg"])
def test_only_the_secretariat_imports(login_as, demo_data, username):
    count = Observation.objects.count()
    client = login_as(username)
    upload(client, as_csv([line()]))
    client.post(reverse("observation_import:confirm"), {"token": "guess"})
    assert Observation.objects.count() == count
    assert kg_cells(2019) == {}


def test_the_menu_offers_the_import_to_the_secretariat_only(login_as, demo_data):
    url = reverse("observation_import:upload")
    assert url in text(login_as("secretariat").get(reverse("wagtailadmin_home")))
    assert url not in text(login_as("expert-kz-2").get(reverse("wagtailadmin_home")))


def test_the_import_speaks_russian_to_a_russian_reader(login_as, user_named, demo_data):
    profile = UserProfile.get_for_user(user_named("secretariat"))
    profile.preferred_language = "ru"
    profile.save()
    client = login_as("secretariat")
    assert "Импорт национальных данных" in text(client.get(reverse("observation_import:upload")))
    response = upload(client, as_csv([line(indicator="victims-found"), line(value="-1")]))
    page = text(response)
    assert "Неизвестный код показателя «victims-found»." in page
    assert "ничего не сохранено" in page
    preview = upload(client, as_csv([line()]))
    assert "Подтвердить: сохранить эти данные" in text(preview)
