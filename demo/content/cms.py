"""Texts of the public demo pages, in English and Russian. Facts on laws and institutions are
the public ones listed in the project's domain brief; the news items are invented and say so."""

HOME = {
    "en": {
        "title": "Monitoring action against trafficking in human beings in Central Asia",
        "intro": (
            "An independent expert group evaluates how Kazakhstan, Kyrgyzstan, Tajikistan, "
            "Turkmenistan and Uzbekistan prevent trafficking, protect victims and prosecute "
            "offenders, and follows every recommendation until it is implemented."
        ),
    },
    "ru": {
        "title": "Мониторинг противодействия торговле людьми в Центральной Азии",
        "intro": (
            "Независимая группа экспертов оценивает, как Казахстан, Кыргызстан, Таджикистан, "
            "Туркменистан и Узбекистан предупреждают торговлю людьми, защищают пострадавших и "
            "преследуют виновных, и отслеживает каждую рекомендацию до её выполнения."
        ),
    },
}

ABOUT = {
    "en": {
        "title": "About the evaluation procedure",
        "intro": (
            "Each evaluation round starts with a questionnaire to the government and to NGOs, "
            "continues with a country visit and a draft report on which the government comments, "
            "and ends with a published report and recommendations that are followed up."
        ),
        "body": [
            ("heading", {"text": "The steps of an evaluation", "level": "h2"}),
            (
                "paragraph",
                "<p>Every country goes through the same steps in every round. Drafts stay "
                "confidential between the expert group and the government concerned until the "
                "final report is published together with the government's final comments.</p>",
            ),
            ("procedure_diagram", {"heading": "", "follow_up": True}),
        ],
    },
    "ru": {
        "title": "О процедуре оценки",
        "intro": (
            "Каждый раунд оценки начинается с вопросника правительству и НПО, продолжается "
            "страновым визитом и проектом доклада, который комментирует правительство, и "
            "завершается публикацией доклада и рекомендаций, выполнение которых отслеживается."
        ),
        "body": [
            ("heading", {"text": "Этапы оценки", "level": "h2"}),
            (
                "paragraph",
                "<p>В каждом раунде каждая страна проходит одни и те же этапы. Проекты докладов "
                "остаются конфиденциальными между группой экспертов и правительством страны, "
                "пока итоговый доклад не опубликован вместе с окончательными комментариями "
                "правительства.</p>",
            ),
            ("procedure_diagram", {"heading": "", "follow_up": True}),
        ],
    },
}

COUNTRY_INDEX = {
    "en": {
        "title": "Countries",
        "intro": "The five countries evaluated by the expert group and where each stands in "
        "every evaluation round.",
    },
    "ru": {
        "title": "Страны",
        "intro": "Пять стран, которые оценивает группа экспертов, и этап оценки каждой из них "
        "в каждом раунде.",
    },
}

COUNTRY_INTRO = {
    "en": "{name}: the stage of its evaluation in each round, the published reports and the "
    "status of the recommendations.",
    "ru": "{name}: этап оценки в каждом раунде, опубликованные доклады и статус рекомендаций.",
}

KEY_LAWS = {  # ISO code: (English, Russian), as rich text
    "KZ": (
        "<ul><li>Criminal Code, article 128 (trafficking in persons) and article 135 "
        "(trafficking in minors).</li><li>Law “On countering trafficking in persons” (2024).</li>"
        "<li>Government action plan for 2024–2026, approved on 28 November 2023.</li>"
        "<li>Standard of special social services for victims (2015, eight types of service); "
        "victims’ compensation fund; hotline 116 16.</li></ul>",
        "<ul><li>Уголовный кодекс, статья 128 (торговля людьми) и статья 135 (торговля "
        "несовершеннолетними).</li><li>Закон «О противодействии торговле людьми» (2024).</li>"
        "<li>План действий правительства на 2024–2026 годы, утверждён 28.11.2023.</li>"
        "<li>Стандарт специальных социальных услуг для пострадавших (2015, восемь видов "
        "услуг); фонд компенсации пострадавшим; горячая линия 116 16.</li></ul>",
    ),
    "KG": (
        "<ul><li>Law “On preventing and combating trafficking in persons” of 17 March 2005, "
        "No. 55.</li><li>Criminal Code, article 166 (trafficking in persons) and article 167 "
        "(child trafficking).</li><li>National referral mechanism, resolution No. 493 of "
        "19 September 2019.</li><li>State programme for 2022–2025, No. 227 of 15 April 2022."
        "</li></ul>",
        "<ul><li>Закон «О предупреждении и борьбе с торговлей людьми» от 17.03.2005 № 55.</li>"
        "<li>Уголовный кодекс, статья 166 (торговля людьми) и статья 167 (торговля детьми)."
        "</li><li>Национальный механизм перенаправления, постановление № 493 от 19.09.2019."
        "</li><li>Государственная программа на 2022–2025 годы, № 227 от 15.04.2022.</li></ul>",
    ),
    "TJ": (
        "<ul><li>Law “On countering trafficking in persons and assisting victims” (2014).</li>"
        "<li>Interagency commission under the Ministry of Internal Affairs (since 2023).</li>"
        "<li>Referral mechanism for victims, resolution of 2016.</li></ul>",
        "<ul><li>Закон «О противодействии торговле людьми и оказании помощи жертвам торговли "
        "людьми» (2014).</li><li>Межведомственная комиссия при Министерстве внутренних дел "
        "(с 2023 года).</li><li>Механизм перенаправления жертв, постановление 2016 года.</li>"
        "</ul>",
    ),
    "TM": (
        "<ul><li>Law on combating trafficking in persons.</li><li>National Action Plan on "
        "combating trafficking in persons; a national referral mechanism in development.</li>"
        "<li>Hotline “Stop trafficking” in Ashgabat (since 2009).</li></ul>",
        "<ul><li>Закон о противодействии торговле людьми.</li><li>Национальный план действий "
        "по борьбе с торговлей людьми; национальный механизм перенаправления в разработке.</li>"
        "<li>Горячая линия «Стоп торговле людьми» в Ашхабаде (с 2009 года).</li></ul>",
    ),
    "UZ": (
        "<ul><li>National Commission on Countering Trafficking in Persons and Forced Labour."
        "</li></ul>",
        "<ul><li>Национальная комиссия по противодействию торговле людьми и принудительному "
        "труду.</li></ul>",
    ),
}

ROUND_INDEX = {
    "en": {
        "title": "Evaluation rounds",
        "intro": "Each round has its theme and its questionnaire; every country goes through "
        "every round.",
    },
    "ru": {
        "title": "Раунды оценки",
        "intro": "У каждого раунда своя тема и свой вопросник; каждая страна проходит каждый "
        "раунд.",
    },
}

ROUND_INTRO = {
    1: {
        "en": "The first round gives an overview of the legal and institutional framework and "
        "of its implementation in each country.",
        "ru": "Первый раунд даёт общий обзор правовой и институциональной базы и её применения "
        "в каждой стране.",
    },
    2: {
        "en": "The second round will look at access to justice and effective remedies for "
        "victims of trafficking.",
        "ru": "Второй раунд будет посвящён доступу к правосудию и эффективным средствам правовой "
        "защиты для жертв торговли людьми.",
    },
}

NEWS_INDEX = {
    "en": {"title": "News", "intro": "News of the expert group and its evaluations."},
    "ru": {"title": "Новости", "intro": "Новости группы экспертов и хода оценки."},
}

DEMO_LABEL = {
    "en": "<p><em>Demonstration content: this news item is invented for the demo.</em></p>",
    "ru": "<p><em>Демонстрационные данные: эта новость придумана для демонстрации.</em></p>",
}

# (slug, days from today, {language: (title, intro, body paragraph)})
NEWS = [
    (
        "first-report-kazakhstan",
        -478,
        {
            "en": (
                "First evaluation report published: Kazakhstan",
                "The expert group has published its first-round report on Kazakhstan, together "
                "with the government's final comments.",
                "<p>The report looks at the legal framework, the identification of victims, "
                "assistance and prosecution, and makes recommendations whose implementation the "
                "expert group will follow up.</p>",
            ),
            "ru": (
                "Опубликован первый доклад об оценке: Казахстан",
                "Группа экспертов опубликовала доклад первого раунда о Казахстане вместе с "
                "окончательными комментариями правительства.",
                "<p>Доклад рассматривает правовую базу, выявление пострадавших, помощь им и "
                "уголовное преследование и содержит рекомендации, выполнение которых группа "
                "экспертов будет отслеживать.</p>",
            ),
        },
    ),
    (
        "third-plenary-bishkek",
        -40,
        {
            "en": (
                "Third plenary meeting held in Bishkek",
                "At its third plenary meeting the expert group approved a draft report, now "
                "with the government concerned for comments.",
                "<p>Draft reports stay confidential until the final report is adopted and "
                "published with the government's final comments.</p>",
            ),
            "ru": (
                "Третье пленарное заседание прошло в Бишкеке",
                "На третьем пленарном заседании группа экспертов одобрила проект доклада; он "
                "направлен правительству соответствующей страны для комментариев.",
                "<p>Проекты докладов остаются конфиденциальными, пока итоговый доклад не принят "
                "и не опубликован вместе с окончательными комментариями правительства.</p>",
            ),
        },
    ),
]

SEARCH = {
    "en": {
        "title": "Search",
        "intro": "Search the pages, the published reports and the recommendations.",
    },
    "ru": {
        "title": "Поиск",
        "intro": "Поиск по страницам, опубликованным докладам и рекомендациям.",
    },
}
