"""The core indicator set every monitoring body asks for (issue 8), in English and Russian.

Plain data, read by the data migration that seeds the catalogue and by `services.catalogue_seed`
(idempotent: an existing code is left as the secretariat edited it).
"""

from __future__ import annotations

SEX_AGE_FORM_CITIZENSHIP = {
    "by_sex": True,
    "by_age_group": True,
    "by_exploitation_form": True,
    "by_citizenship": True,
}

CORE_INDICATORS: list[dict] = [
    {
        "code": "victims-identified",
        "name_en": "Victims identified",
        "name_ru": "Выявленные жертвы",
        "definition_en": "Persons formally identified as victims of trafficking in human beings "
        "under the national referral mechanism during the year.",
        "definition_ru": "Лица, официально признанные жертвами торговли людьми в рамках "
        "национального механизма перенаправления в течение года.",
        "unit": "persons",
        "legal_basis": "nrm",
        "source_type": "social_services",
        **SEX_AGE_FORM_CITIZENSHIP,
    },
    {
        "code": "victims-criminal-proceedings",
        "name_en": "Victims in criminal proceedings",
        "name_ru": "Потерпевшие в уголовном процессе",
        "definition_en": "Persons recognised as victims (injured parties) in criminal proceedings "
        "for trafficking in human beings during the year.",
        "definition_ru": "Лица, признанные потерпевшими в уголовном процессе по делам о торговле "
        "людьми в течение года.",
        "unit": "persons",
        "legal_basis": "criminal_proceedings",
        "source_type": "police",
        **SEX_AGE_FORM_CITIZENSHIP,
    },
    {
        "code": "victims-assisted",
        "name_en": "Victims assisted",
        "name_ru": "Жертвы, получившие помощь",
        "definition_en": "Victims and presumed victims who received at least one assistance "
        "service (state or NGO) during the year.",
        "definition_ru": "Жертвы и предполагаемые жертвы, получившие хотя бы одну услугу помощи "
        "(государственную или НПО) в течение года.",
        "unit": "persons",
        "legal_basis": "services",
        "source_type": "social_services",
        **SEX_AGE_FORM_CITIZENSHIP,
    },
    {
        "code": "victims-sheltered",
        "name_en": "Victims in shelters",
        "name_ru": "Жертвы в приютах",
        "definition_en": "Victims accommodated in a shelter or crisis centre during the year.",
        "definition_ru": "Жертвы, размещённые в приюте или кризисном центре в течение года.",
        "unit": "persons",
        "legal_basis": "services",
        "source_type": "ngos",
        "by_sex": True,
        "by_age_group": True,
    },
    {
        "code": "investigations",
        "name_en": "Investigations opened",
        "name_ru": "Возбуждённые уголовные дела",
        "definition_en": "Criminal cases opened under the trafficking article of the criminal "
        "code during the year.",
        "definition_ru": "Уголовные дела, возбуждённые по статье уголовного кодекса о торговле "
        "людьми в течение года.",
        "unit": "cases",
        "legal_basis": "trafficking_article",
        "source_type": "police",
        "by_exploitation_form": True,
    },
    {
        "code": "investigations-related",
        "name_en": "Investigations under related articles",
        "name_ru": "Уголовные дела по смежным статьям",
        "definition_en": "Criminal cases opened under trafficking-related articles (for example "
        "recruitment for exploitation, child trafficking, organising illegal migration).",
        "definition_ru": "Уголовные дела, возбуждённые по смежным статьям (например, вербовка "
        "для эксплуатации, торговля детьми, организация незаконной миграции).",
        "unit": "cases",
        "legal_basis": "related_articles",
        "source_type": "police",
        "by_exploitation_form": True,
    },
    {
        "code": "prosecutions",
        "name_en": "Persons prosecuted",
        "name_ru": "Лица, привлечённые к уголовной ответственности",
        "definition_en": "Persons against whom a case under the trafficking article was sent to "
        "court during the year.",
        "definition_ru": "Лица, дела в отношении которых по статье о торговле людьми направлены "
        "в суд в течение года.",
        "unit": "persons",
        "legal_basis": "trafficking_article",
        "source_type": "prosecution",
        "by_sex": True,
        "by_citizenship": True,
        "suppress_small_counts": False,
    },
    {
        "code": "convictions",
        "name_en": "Persons convicted",
        "name_ru": "Осуждённые лица",
        "definition_en": "Persons convicted under the trafficking article by a final judgment "
        "during the year.",
        "definition_ru": "Лица, осуждённые по статье о торговле людьми вступившим в силу "
        "приговором в течение года.",
        "unit": "persons",
        "legal_basis": "trafficking_article",
        "source_type": "courts",
        "by_sex": True,
        "by_citizenship": True,
        "suppress_small_counts": False,
    },
    {
        "code": "sentences-over-5-years",
        "name_en": "Custodial sentences of more than 5 years",
        "name_ru": "Приговоры к лишению свободы на срок более 5 лет",
        "definition_en": "Convicted persons sentenced to imprisonment of more than five years "
        "(the longest length band).",
        "definition_ru": "Осуждённые, приговорённые к лишению свободы на срок более пяти лет "
        "(старшая группа по сроку).",
        "unit": "persons",
        "legal_basis": "trafficking_article",
        "source_type": "courts",
        "suppress_small_counts": False,
    },
    {
        "code": "sentences-up-to-5-years",
        "name_en": "Custodial sentences of up to 5 years",
        "name_ru": "Приговоры к лишению свободы на срок до 5 лет",
        "definition_en": "Convicted persons sentenced to imprisonment of up to five years "
        "(the middle length band).",
        "definition_ru": "Осуждённые, приговорённые к лишению свободы на срок до пяти лет "
        "включительно (средняя группа по сроку).",
        "unit": "persons",
        "legal_basis": "trafficking_article",
        "source_type": "courts",
        "suppress_small_counts": False,
    },
    {
        "code": "sentences-non-custodial",
        "name_en": "Non-custodial and suspended sentences",
        "name_ru": "Наказания, не связанные с лишением свободы, и условные сроки",
        "definition_en": "Convicted persons given a fine, a suspended sentence, probation or "
        "another penalty without imprisonment (the shortest length band).",
        "definition_ru": "Осуждённые, которым назначены штраф, условный срок, пробация или иное "
        "наказание без лишения свободы (младшая группа по сроку).",
        "unit": "persons",
        "legal_basis": "trafficking_article",
        "source_type": "courts",
        "suppress_small_counts": False,
    },
    {
        "code": "compensation-granted",
        "name_en": "Victims granted compensation",
        "name_ru": "Жертвы, которым присуждена компенсация",
        "definition_en": "Victims granted compensation by a court or a state fund during the year.",
        "definition_ru": "Жертвы, которым судом или государственным фондом присуждена "
        "компенсация в течение года.",
        "unit": "persons",
        "legal_basis": "criminal_proceedings",
        "source_type": "courts",
        "by_sex": True,
        "by_age_group": True,
    },
    {
        "code": "compensation-paid",
        "name_en": "Victims paid compensation",
        "name_ru": "Жертвы, получившие выплату компенсации",
        "definition_en": "Victims who actually received payment of compensation during the year.",
        "definition_ru": "Жертвы, фактически получившие выплату компенсации в течение года.",
        "unit": "persons",
        "legal_basis": "criminal_proceedings",
        "source_type": "courts",
    },
    {
        "code": "compensation-granted-amount",
        "name_en": "Compensation granted to victims (amount)",
        "name_ru": "Сумма компенсации, присуждённой жертвам",
        "definition_en": "Total compensation granted to victims by courts or a state fund during "
        "the year, in national currency.",
        "definition_ru": "Общая сумма компенсации, присуждённой жертвам судами или "
        "государственным фондом в течение года, в национальной валюте.",
        "unit": "amount",
        "legal_basis": "criminal_proceedings",
        "source_type": "courts",
        "suppress_small_counts": False,
    },
    {
        "code": "compensation-paid-amount",
        "name_en": "Compensation paid to victims (amount)",
        "name_ru": "Сумма компенсации, выплаченной жертвам",
        "definition_en": "Total compensation actually paid to victims during the year, in "
        "national currency.",
        "definition_ru": "Общая сумма компенсации, фактически выплаченной жертвам в течение "
        "года, в национальной валюте.",
        "unit": "amount",
        "legal_basis": "criminal_proceedings",
        "source_type": "courts",
        "suppress_small_counts": False,
    },
    {
        "code": "residence-permits",
        "name_en": "Residence permits issued to victims",
        "name_ru": "Виды на жительство, выданные жертвам",
        "definition_en": "Residence permits issued to foreign victims of trafficking "
        "during the year.",
        "definition_ru": "Виды на жительство, выданные иностранным жертвам торговли людьми в "
        "течение года.",
        "unit": "permits",
        "legal_basis": "administrative",
        "source_type": "migration",
    },
    {
        "code": "hotline-calls",
        "name_en": "Hotline calls",
        "name_ru": "Звонки на горячую линию",
        "definition_en": "Calls received by the national anti-trafficking hotline during the year.",
        "definition_ru": "Звонки, поступившие на национальную горячую линию по противодействию "
        "торговле людьми в течение года.",
        "unit": "calls",
        "legal_basis": "administrative",
        "source_type": "ngos",
    },
]


def seed_catalogue(indicator_model) -> int:
    """Create the missing core indicators, in the catalogue's order; return how many were
    created. An existing indicator keeps what the secretariat wrote, only its place moves."""
    created = 0
    for position, data in enumerate(CORE_INDICATORS):
        indicator, was_created = indicator_model.objects.get_or_create(
            code=data["code"], defaults={**data, "position": position}
        )
        if not was_created and indicator.position != position:
            indicator_model.objects.filter(pk=indicator.pk).update(position=position)
        created += was_created
    return created
