"""Demo data for `manage.py seed_demo`: real institutions, fictional people.

This module seeds the shared core (countries, organisations, experts, respondents) itself, then
runs each area's step from `demo.seed` in order.

Every function here is idempotent: it looks records up by their natural key and updates them,
so running the seed twice leaves the same rows. Later features add their own steps to SEED_STEPS.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page

from evaluation_rounds.models import CountryEvaluation, Transition, VisitMeeting
from monitoring import services
from monitoring.access import EXPERTS_GROUP, SECRETARIAT_GROUP
from monitoring.groups import ensure_staff_groups
from monitoring.models import Country, ExpertMember, Membership, Organisation
from questionnaires.models import Answer, Question
from recommendations.models import Assessment, ProgressUpdate, Recommendation
from reports.models import Paragraph, Report

from .seed import accounts, cms, evaluation_rounds, indicators, questionnaires, reports

DEMO_PASSWORD = "demo-password"  # noqa: S105 (documented demo credential, DEBUG only)

COUNTRIES = [
    ("KZ", "Kazakhstan", "Казахстан"),
    ("KG", "Kyrgyzstan", "Кыргызстан"),
    ("TJ", "Tajikistan", "Таджикистан"),
    ("TM", "Turkmenistan", "Туркменистан"),
    ("UZ", "Uzbekistan", "Узбекистан"),
]

GOV = Organisation.Kind.GOVERNMENT
NGO = Organisation.Kind.NGO

# (country, kind, English name, Russian name, is the national government)
ORGANISATIONS = [
    (
        "KZ",
        GOV,
        "Government of the Republic of Kazakhstan",
        "Правительство Республики Казахстан",
        True,
    ),
    (
        "KZ",
        GOV,
        "Ministry of Internal Affairs of the Republic of Kazakhstan",
        "Министерство внутренних дел Республики Казахстан",
        False,
    ),
    (
        "KZ",
        GOV,
        "Ministry of Labour and Social Protection of the Population",
        "Министерство труда и социальной защиты населения",
        False,
    ),
    (
        "KZ",
        NGO,
        'Legal Center for Women\'s Initiatives "Sana Sezim"',
        "Центр правовых инициатив женщин «Сана Сезим»",
        False,
    ),
    ("KZ", NGO, 'Public Foundation "Rodnik"', "Общественный фонд «Родник»", False),
    ("KZ", NGO, '"Meyirim" (Aktau)', "«Мейірім» (Актау)", False),
    (
        "KG",
        GOV,
        "Cabinet of Ministers of the Kyrgyz Republic",
        "Кабинет министров Кыргызской Республики",
        True,
    ),
    (
        "KG",
        GOV,
        "Ministry of Labour, Social Security and Migration",
        "Министерство труда, социального обеспечения и миграции",
        False,
    ),
    (
        "KG",
        GOV,
        "Ministry of Internal Affairs of the Kyrgyz Republic",
        "Министерство внутренних дел Кыргызской Республики",
        False,
    ),
    ("KG", NGO, 'Public Association "El Agartuu"', "Общественное объединение «Эл Агартуу»", False),
    (
        "TJ",
        GOV,
        "Government of the Republic of Tajikistan",
        "Правительство Республики Таджикистан",
        True,
    ),
    (
        "TJ",
        GOV,
        "Ministry of Internal Affairs of the Republic of Tajikistan",
        "Министерство внутренних дел Республики Таджикистан",
        False,
    ),
    ("TJ", NGO, 'Public Organisation "Femida"', "Общественная организация «Фемида»", False),
    ("TJ", NGO, 'NGO network "Umed"', "Сеть НПО «Умед»", False),
    ("TM", GOV, "Cabinet of Ministers of Turkmenistan", "Кабинет министров Туркменистана", True),
    (
        "TM",
        GOV,
        "Ministry of Internal Affairs of Turkmenistan",
        "Министерство внутренних дел Туркменистана",
        False,
    ),
    (
        "TM",
        GOV,
        "Ministry of Labour and Social Protection of Population of Turkmenistan",
        "Министерство труда и социальной защиты населения Туркменистана",
        False,
    ),
    (
        "UZ",
        GOV,
        "Cabinet of Ministers of the Republic of Uzbekistan",
        "Кабинет министров Республики Узбекистан",
        True,
    ),
    (
        "UZ",
        GOV,
        "National Commission on Countering Trafficking in Persons and Forced Labour",
        "Национальная комиссия по противодействию торговле людьми и принудительному труду",
        False,
    ),
    (
        "UZ",
        GOV,
        "Ministry of Internal Affairs of the Republic of Uzbekistan",
        "Министерство внутренних дел Республики Узбекистан",
        False,
    ),
    ("UZ", NGO, 'NGO "Istiqbolli Avlod"', "ННО «Истикболли авлод»", False),
]

INTERNATIONAL = [
    (
        "Organization for Security and Co-operation in Europe (OSCE)",
        "Организация по безопасности и сотрудничеству в Европе (ОБСЕ)",
    ),
    (
        "International Organization for Migration (IOM)",
        "Международная организация по миграции (МОМ)",
    ),
    (
        "United Nations Office on Drugs and Crime (UNODC)",
        "Управление ООН по наркотикам и преступности (УНП ООН)",
    ),
]
EXPERT_BODY = (
    "Expert Group on Action against Trafficking in Human Beings in Central Asia",
    "Группа экспертов по противодействию торговле людьми в Центральной Азии",
)

# Fictional experts: two per country, one woman and one man each.
# (username, first name, last name, nationality, gender, office)
EXPERTS = [
    ("expert-kg", "Aizada", "Temirova", "KG", "female", "member"),
    ("expert-kg-2", "Erlan", "Bekmuratov", "KG", "male", "member"),
    ("expert-kz", "Aigerim", "Sadykova", "KZ", "female", "first_vice_president"),
    ("expert-kz-2", "Daniyar", "Omarov", "KZ", "male", "member"),
    ("expert-tj", "Firuza", "Rahimova", "TJ", "female", "member"),
    ("expert-tj-2", "Jamshed", "Nazarov", "TJ", "male", "second_vice_president"),
    ("expert-tm", "Ogulgerek", "Annayeva", "TM", "female", "member"),
    ("expert-tm-2", "Merdan", "Orazov", "TM", "male", "member"),
    ("expert-uz", "Dilnoza", "Yusupova", "UZ", "female", "member"),
    ("expert-uz-2", "Sardor", "Karimov", "UZ", "male", "president"),
]
EXPERT_TERM = (date(2025, 1, 1), date(2028, 12, 31))

# (username, first name, last name, country, organisation English name, role)
RESPONDENTS = [
    (
        "kz-contact",
        "Asel",
        "Mukanova",
        "KZ",
        "Government of the Republic of Kazakhstan",
        Membership.Role.CONTACT_PERSON,
    ),
    (
        "kz-official",
        "Timur",
        "Zhaksylykov",
        "KZ",
        "Ministry of Internal Affairs of the Republic of Kazakhstan",
        Membership.Role.GOVERNMENT_RESPONDENT,
    ),
    (
        "kg-contact",
        "Gulnara",
        "Sultanbekova",
        "KG",
        "Cabinet of Ministers of the Kyrgyz Republic",
        Membership.Role.CONTACT_PERSON,
    ),
    (
        "kg-official",
        "Azamat",
        "Toktomushev",
        "KG",
        "Ministry of Labour, Social Security and Migration",
        Membership.Role.GOVERNMENT_RESPONDENT,
    ),
    (
        "ngo-kz",
        "Madina",
        "Abenova",
        "KZ",
        'Legal Center for Women\'s Initiatives "Sana Sezim"',
        Membership.Role.NGO_RESPONDENT,
    ),
    (
        "ngo-kg",
        "Cholpon",
        "Dzhumabaeva",
        "KG",
        'Public Association "El Agartuu"',
        Membership.Role.NGO_RESPONDENT,
    ),
]

DEMO_LOGINS = [
    ("secretariat", "Secretariat (back office /admin/)"),
    ("expert-kg", "Expert of Kyrgyz nationality (back office /admin/)"),
    ("kz-contact", "Contact person, Government of Kazakhstan (portal /portal/)"),
    ("kz-official", "Official, Ministry of Internal Affairs of Kazakhstan (portal)"),
    ("kg-contact", "Contact person, Government of Kyrgyzstan (portal)"),
    ("kg-official", "Official, Ministry of Labour of Kyrgyzstan (portal)"),
    ("ngo-kz", 'NGO respondent, "Sana Sezim" (portal)'),
    ("ngo-kg", 'NGO respondent, "El Agartuu" (portal)'),
]


def demo_email(username: str) -> str:
    return f"{username}@demo.thb-monitoring.example"


def seed_reference_data() -> dict[str, Country]:
    countries = {
        iso: services.country_upsert(iso_code=iso, name_en=en, name_ru=ru, is_evaluated=True)
        for iso, en, ru in COUNTRIES
    }
    for iso, kind, name_en, name_ru, is_government in ORGANISATIONS:
        services.organisation_upsert(
            kind=kind,
            country=countries[iso],
            name_en=name_en,
            name_ru=name_ru,
            is_national_government=is_government,
        )
    for name_en, name_ru in INTERNATIONAL:
        services.organisation_upsert(
            kind=Organisation.Kind.INTERNATIONAL, country=None, name_en=name_en, name_ru=name_ru
        )
    services.organisation_upsert(
        kind=Organisation.Kind.EXPERT_BODY,
        country=None,
        name_en=EXPERT_BODY[0],
        name_ru=EXPERT_BODY[1],
    )
    return countries


def seed_people(countries: dict[str, Country]) -> None:
    groups: dict[str, Group] = ensure_staff_groups()
    password_hash = make_password(DEMO_PASSWORD)
    secretariat = services.user_upsert(
        username="secretariat",
        first_name="Irina",
        last_name="Volkova",
        email=demo_email("secretariat"),
        password_hash=password_hash,
    )
    secretariat.groups.add(groups[SECRETARIAT_GROUP])

    for username, first, last, iso, gender, office in EXPERTS:
        user = services.user_upsert(
            username=username,
            first_name=first,
            last_name=last,
            email=demo_email(username),
            password_hash=password_hash,
        )
        user.groups.add(groups[EXPERTS_GROUP])
        services.expert_member_upsert(
            user=user,
            nationality=countries[iso],
            gender=gender,
            term_start=EXPERT_TERM[0],
            term_end=EXPERT_TERM[1],
            office=office,
        )

    for username, first, last, iso, organisation_name, role in RESPONDENTS:
        user = services.user_upsert(
            username=username,
            first_name=first,
            last_name=last,
            email=demo_email(username),
            password_hash=password_hash,
        )
        organisation = Organisation.objects.get(country=countries[iso], name_en=organisation_name)
        services.membership_grant(user=user, organisation=organisation, role=role)


# The public site comes last: its round and country pages show the rounds and reports.
SEED_STEPS = [
    evaluation_rounds.seed_procedure,
    questionnaires.seed_questionnaires,
    reports.seed_reports,
    indicators.seed_statistics,
    cms.seed_public_site,
]


@transaction.atomic
def seed() -> None:
    countries = seed_reference_data()
    seed_people(countries)
    accounts.seed_authenticators()
    for step in SEED_STEPS:
        step()


def summary_counts() -> dict[str, int]:
    return {
        "countries": Country.objects.count(),
        "organisations": Organisation.objects.count(),
        "experts": ExpertMember.objects.count(),
        "memberships": Membership.objects.count(),
        "users": get_user_model().objects.count(),
        "pages": Page.objects.count(),
        "evaluations": CountryEvaluation.objects.count(),
        "procedure steps": Transition.objects.count(),
        "visit meetings": VisitMeeting.objects.count(),
        "questions": Question.objects.count(),
        "answers": Answer.objects.count(),
        "reports": Report.objects.count(),
        "paragraphs": Paragraph.objects.count(),
        "recommendations": Recommendation.objects.count(),
        "progress updates": ProgressUpdate.objects.count(),
        "assessments": Assessment.objects.count(),
    }
