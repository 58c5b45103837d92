"""The text of the demo reports (demo/seed/reports.py). Written for the demonstration: the legal
references come from public sources (see /work/shared/domain.md), every figure, finding and
quotation is invented, and the introduction of each report says so in both languages."""

from __future__ import annotations

DEMO_NOTICE_EN = "DEMONSTRATION CONTENT"
DEMO_NOTICE_RU = "ДЕМОНСТРАЦИОННЫЙ МАТЕРИАЛ"

KZ_GOV = "Government of the Republic of Kazakhstan"
KZ_MIA = "Ministry of Internal Affairs of the Republic of Kazakhstan"
KZ_LABOUR = "Ministry of Labour and Social Protection of the Population"
KG_GOV = "Cabinet of Ministers of the Kyrgyz Republic"
KG_LABOUR = "Ministry of Labour, Social Security and Migration"
KG_MIA = "Ministry of Internal Affairs of the Kyrgyz Republic"


def _notice(country_en: str, country_ru: str) -> tuple[str, str]:
    return (
        f"<p><strong>{DEMO_NOTICE_EN}.</strong> This report on {country_en} was written to "
        "demonstrate the monitoring platform. Legal references are drawn from public sources, "
        "but the findings, figures and recommendations are invented and are not an evaluation "
        "by any expert body.</p>",
        f"<p><strong>{DEMO_NOTICE_RU}.</strong> Этот доклад о стране «{country_ru}» подготовлен "
        "для демонстрации платформы мониторинга. Ссылки на законодательство взяты из открытых "
        "источников, но выводы, цифры и рекомендации вымышлены и не являются оценкой какого-либо "
        "экспертного органа.</p>",
    )


# (chapter number, title en, title ru, [(paragraph en, paragraph ru), …])
KZ_CHAPTERS = [
    (
        "I",
        "Introduction",
        "Введение",
        [
            _notice("Kazakhstan", "Казахстан"),
            (
                "<p>The evaluation of Kazakhstan is the first in the first evaluation round, "
                "which gives an overview of how the country prevents trafficking in human "
                "beings, protects its victims and prosecutes traffickers.</p>",
                "<p>Оценка Казахстана — первая в первом раунде оценки, посвящённом общему обзору "
                "того, как страна предупреждает торговлю людьми, защищает пострадавших и "
                "преследует торговцев людьми.</p>",
            ),
            (
                "<p>The evaluation drew on the government's reply to the questionnaire, the "
                "replies of civil society and a five-day visit by two rapporteurs, who met:</p>"
                "<ul><li>the Ministry of Internal Affairs and the Ministry of Labour and Social "
                "Protection of the Population;</li><li>prosecutors, judges and labour "
                "inspectors;</li><li>the NGOs Sana Sezim, Rodnik and Meyirim, and shelters in "
                "Almaty and Aktau.</li></ul>",
                "<p>Оценка основана на ответе правительства на вопросник, ответах гражданского "
                "общества и пятидневном визите двух докладчиков, которые встретились:</p>"
                "<ul><li>с Министерством внутренних дел и Министерством труда и социальной "
                "защиты населения;</li><li>с прокурорами, судьями и трудовыми инспекторами;"
                "</li><li>с НПО «Сана Сезим», «Родник» и «Мейірім», а также посетили приюты в "
                "Алматы и Актау.</li></ul>",
            ),
            (
                "<p>The expert group thanks the authorities and the contact person for their "
                "co-operation. The draft report was sent to the government for comments; its "
                "final comments are published with this report, separately from the expert "
                "group's text.</p>",
                "<p>Группа экспертов благодарит органы власти и контактное лицо за "
                "сотрудничество. Проект доклада был направлен правительству для комментариев; "
                "его итоговые комментарии публикуются вместе с докладом, отдельно от текста "
                "группы экспертов.</p>",
            ),
        ],
    ),
    (
        "II",
        "National framework",
        "Национальная правовая и институциональная база",
        [
            (
                "<h3>Legislation</h3><p>Trafficking in persons is an offence under Article 128 "
                "of the Criminal Code, and trafficking in minors under Article 135. A special "
                "law <em>On countering trafficking in persons</em> was adopted in 2024."
                '<span class="footnote">Demonstration note: the dates of adoption and entry '
                "into force should be checked against the official gazette.</span></p>",
                "<h3>Законодательство</h3><p>Торговля людьми является преступлением по статье "
                "128 Уголовного кодекса, торговля несовершеннолетними — по статье 135. В 2024 "
                "году принят специальный закон <em>«О противодействии торговле людьми»</em>."
                '<span class="footnote">Демонстрационное примечание: даты принятия и вступления '
                "в силу следует сверить с официальным изданием.</span></p>",
            ),
            (
                "<p>The Interagency Commission on combating illegal export, import and "
                "trafficking of persons is chaired by the Ministry of Internal Affairs and the "
                "Ministry of Labour and Social Protection. It meets twice a year; NGOs take part "
                "as observers but have no vote.</p>",
                "<p>Межведомственную комиссию по вопросам борьбы с незаконным вывозом, ввозом и "
                "торговлей людьми возглавляют Министерство внутренних дел и Министерство труда и "
                "социальной защиты. Комиссия заседает два раза в год; НПО участвуют как "
                "наблюдатели без права голоса.</p>",
            ),
            (
                "<p>The government's action plan for 2024–2026, approved on 28.11.2023, sets "
                "measures on prevention, assistance and prosecution, but most of them have no "
                "budget line of their own and no indicators of results.</p>",
                "<p>План действий правительства на 2024–2026 годы, утверждённый 28.11.2023, "
                "предусматривает меры по предупреждению, помощи и уголовному преследованию, но "
                "большинство из них не имеют отдельной строки бюджета и показателей "
                "результативности.</p>",
            ),
            (
                "<p>Data are collected separately by the police, the prosecution service and "
                "the social services. The figures given to the rapporteurs (invented for this "
                "demonstration) were:</p><table><caption>Victims identified (demonstration "
                'figures)</caption><thead><tr><th scope="col">Year</th><th scope="col">Sexual '
                'exploitation</th><th scope="col">Labour exploitation</th></tr></thead><tbody>'
                "<tr><td>2022</td><td>41</td><td>63</td></tr><tr><td>2023</td><td>38</td>"
                "<td>77</td></tr></tbody></table>",
                "<p>Данные собираются отдельно полицией, прокуратурой и социальными службами. "
                "Докладчикам были представлены следующие цифры (вымышлены для демонстрации):"
                "</p><table><caption>Выявленные пострадавшие (демонстрационные цифры)</caption>"
                '<thead><tr><th scope="col">Год</th><th scope="col">Сексуальная эксплуатация'
                '</th><th scope="col">Трудовая эксплуатация</th></tr></thead><tbody><tr><td>'
                "2022</td><td>41</td><td>63</td></tr><tr><td>2023</td><td>38</td><td>77</td>"
                "</tr></tbody></table>",
            ),
        ],
    ),
    (
        "III",
        "Prevention",
        "Предупреждение",
        [
            (
                "<p>Awareness campaigns are run each year with NGOs, mostly before the summer "
                "season of seasonal work. The national hotline <strong>116 16</strong> answers "
                "in Kazakh and Russian; callers from Uzbekistan and Kyrgyzstan said it was hard "
                "to reach in their languages.</p>",
                "<p>Информационные кампании проводятся ежегодно совместно с НПО, в основном "
                "перед летним сезоном сезонных работ. Национальная горячая линия "
                "<strong>116 16</strong> отвечает на казахском и русском языках; звонившие из "
                "Узбекистана и Кыргызстана сообщали, что на их языках до неё трудно дозвониться."
                "</p>",
            ),
            (
                "<p>Kazakhstan is a destination for labour migrants from the region. Migrant "
                "workers in construction, agriculture and domestic work described withheld "
                "passports, unpaid wages and debts to recruiters. Labour inspections of these "
                "sectors are rare and announced in advance.</p>",
                "<p>Казахстан является страной назначения для трудовых мигрантов из региона. "
                "Работники-мигранты в строительстве, сельском хозяйстве и домашнем труде "
                "рассказывали об изъятии паспортов, невыплате заработной платы и долгах перед "
                "вербовщиками. Проверки трудовой инспекции в этих отраслях редки и проводятся с "
                "предварительным уведомлением.</p>",
            ),
            (
                "<p>Private employment agencies recruiting abroad must be licensed, but "
                "recruitment through social media and messaging channels escapes any "
                "control.</p>",
                "<p>Частные агентства занятости, набирающие работников за рубеж, должны иметь "
                "лицензию, однако вербовка через социальные сети и мессенджеры остаётся вне "
                "всякого контроля.</p>",
            ),
            (
                "<p>Prevention in schools and orphanages is carried out by NGOs with foreign "
                "grants; the expert group welcomes the teaching materials prepared with the "
                'ministry (see <a href="https://www.osce.org/">OSCE</a> programmes).</p>',
                "<p>Профилактическую работу в школах и детских домах ведут НПО на средства "
                "иностранных грантов; группа экспертов приветствует учебные материалы, "
                'подготовленные совместно с министерством (см. программы <a href="https://'
                'www.osce.org/">ОБСЕ</a>).</p>',
            ),
        ],
    ),
    (
        "IV",
        "Identification and protection of victims",
        "Выявление и защита пострадавших",
        [
            (
                "<p>Identification depends largely on the police. Labour inspectors, medical "
                "staff and migration officers have no screening tool and are rarely trained, so "
                "victims of labour exploitation are often treated as irregular migrants.</p>",
                "<p>Выявление пострадавших во многом зависит от полиции. У трудовых инспекторов, "
                "медицинских работников и сотрудников миграционной службы нет инструментов "
                "скрининга, и их редко обучают, поэтому пострадавших от трудовой эксплуатации "
                "часто рассматривают как нарушителей миграционных правил.</p>",
            ),
            (
                "<p>The 2015 standard of special social services provides eight types of "
                "service to victims: shelter, medical, psychological, legal, social, "
                "economic, cultural and educational help. Access to them does not depend on a "
                "criminal case being opened, which the expert group welcomes.</p>",
                "<p>Стандарт специальных социальных услуг 2015 года предусматривает восемь видов "
                "услуг для пострадавших: приют, медицинскую, психологическую, юридическую, "
                "социальную, экономическую, культурную и образовательную помощь. Доступ к ним не "
                "зависит от возбуждения уголовного дела, что группа экспертов приветствует.</p>",
            ),
            (
                "<p>Shelters are run by NGOs under one-year state social contracts. Between "
                "contracts the shelters in Aktau and Almaty closed for several months; staff "
                "said they kept victims at their own expense.</p>",
                "<p>Приюты работают на базе НПО по годовым государственным социальным заказам. "
                "В перерывах между заказами приюты в Актау и Алматы закрывались на несколько "
                "месяцев; сотрудники рассказали, что содержали пострадавших за свой счёт.</p>",
            ),
            (
                "<p>Foreign victims receive no recovery and reflection period in law, and a "
                "temporary residence permit only if they co-operate with the investigation.</p>",
                "<p>Иностранным пострадавшим законом не предоставляется период восстановления и "
                "размышления, а временный вид на жительство выдаётся только при условии "
                "сотрудничества со следствием.</p>",
            ),
            (
                "<p>Child victims are interviewed by the police without a psychologist in "
                "about half of the cases reported to the rapporteurs; child-friendly interview "
                "rooms exist only in Almaty and Astana.</p>",
                "<p>Примерно в половине случаев, о которых сообщили докладчикам, детей-"
                "пострадавших допрашивала полиция без психолога; помещения для щадящего опроса "
                "детей есть только в Алматы и Астане.</p>",
            ),
        ],
    ),
    (
        "V",
        "Prosecution and substantive criminal law",
        "Уголовное преследование и материальное уголовное право",
        [
            (
                "<p>Most cases are prosecuted under Article 128 for sexual exploitation. Cases "
                "of labour exploitation are usually reclassified as lesser offences, such as "
                "violations of labour law, and end with fines.</p>",
                "<p>Большинство дел возбуждается по статье 128 за сексуальную эксплуатацию. Дела "
                "о трудовой эксплуатации обычно переквалифицируются на менее тяжкие составы, "
                "например нарушения трудового законодательства, и заканчиваются штрафами.</p>",
            ),
            (
                "<p>The victims' compensation fund paid compensation to four victims in 2023. "
                "Victims and lawyers said they were not told that they could apply, and "
                "confiscated assets of traffickers are rarely used to pay them."
                '<span class="footnote">Figures as given by the authorities during the visit; '
                "not verified for this demonstration.</span></p>",
                "<p>В 2023 году фонд компенсации пострадавшим выплатил компенсацию четырём "
                "пострадавшим. Пострадавшие и адвокаты сообщили, что им не разъяснили право "
                "обратиться за компенсацией, а конфискованное имущество торговцев людьми редко "
                'используется для выплат.<span class="footnote">Цифры приведены по данным '
                "органов власти во время визита; для демонстрации не проверялись.</span></p>",
            ),
            (
                "<p>There is no provision on the non-punishment of victims for offences they "
                "were compelled to commit, such as migration offences or prostitution-related "
                "administrative offences.</p>",
                "<p>Отсутствует норма о неприменении наказания к пострадавшим за "
                "правонарушения, которые они были вынуждены совершить, например миграционные "
                "правонарушения или административные правонарушения, связанные с "
                "проституцией.</p>",
            ),
            (
                "<p>Financial investigations are opened in few trafficking cases, and judges "
                "met by the rapporteurs had not received training on trafficking for labour "
                "exploitation.</p>",
                "<p>Финансовые расследования проводятся лишь по немногим делам о торговле "
                "людьми, а судьи, с которыми встретились докладчики, не проходили обучения по "
                "вопросам торговли людьми в целях трудовой эксплуатации.</p>",
            ),
        ],
    ),
    (
        "VI",
        "Partnerships and international co-operation",
        "Партнёрство и международное сотрудничество",
        [
            (
                "<p>Co-operation with NGOs is close in practice, but not set out in a written "
                "agreement or in the referral procedures.</p>",
                "<p>На практике сотрудничество с НПО тесное, но оно не закреплено ни в "
                "письменном соглашении, ни в процедурах перенаправления.</p>",
            ),
            (
                "<p>Kazakhstan co-operates with Kyrgyzstan and Uzbekistan on the return of "
                "victims, case by case and through consular channels, with the support of IOM "
                "and the OSCE. There is no agreement on the transfer of victims' files.</p>",
                "<p>Казахстан сотрудничает с Кыргызстаном и Узбекистаном по возвращению "
                "пострадавших в индивидуальном порядке и по консульским каналам при поддержке "
                "МОМ и ОБСЕ. Соглашения о передаче дел пострадавших нет.</p>",
            ),
            (
                "<p>Joint investigations with countries of origin remain rare; police officers "
                "cited delays of several months in replies to requests for legal "
                "assistance.</p>",
                "<p>Совместные расследования со странами происхождения остаются редкими; "
                "сотрудники полиции указали на задержки в несколько месяцев с ответами на "
                "запросы о правовой помощи.</p>",
            ),
        ],
    ),
    (
        "VII",
        "Conclusions",
        "Выводы",
        [
            (
                "<p>Kazakhstan has built a legal and institutional framework against "
                "trafficking, and its special social services are a good basis for assisting "
                "victims.</p>",
                "<p>Казахстан создал правовую и институциональную базу противодействия торговле "
                "людьми, а его специальные социальные услуги являются хорошей основой для "
                "помощи пострадавшим.</p>",
            ),
            (
                "<p>The main gaps concern labour exploitation of migrant workers, the "
                "identification of victims outside police work, stable funding of shelters and "
                "access to compensation.</p>",
                "<p>Основные пробелы касаются трудовой эксплуатации работников-мигрантов, "
                "выявления пострадавших вне работы полиции, устойчивого финансирования приютов "
                "и доступа к компенсации.</p>",
            ),
            (
                "<p>The recommendations in this report are listed at the end, grouped by "
                "strength. The expert group will assess their implementation in the follow-up "
                "procedure.</p>",
                "<p>Рекомендации доклада приведены в конце, сгруппированные по степени "
                "настоятельности. Группа экспертов оценит их выполнение в ходе процедуры "
                "последующих действий.</p>",
            ),
        ],
    ),
]

# (chapter number, paragraph index in that chapter, strength, themes, articles, addressees,
#  SDG target, text en, text ru)
KZ_RECOMMENDATIONS = [
    (
        "II",
        2,
        "considers",
        ["general"],
        "Article 29",
        [KZ_GOV],
        "",
        "The expert group considers that the Kazakh authorities should give each measure of the "
        "2024–2026 action plan a budget and indicators of results.",
        "Группа экспертов считает, что органам власти Казахстана следует предусмотреть для каждой "
        "меры плана действий на 2024–2026 годы бюджет и показатели результативности.",
    ),
    (
        "II",
        1,
        "invites",
        ["partnership"],
        "Articles 29 and 35",
        [KZ_MIA, KZ_LABOUR],
        "",
        "The expert group invites the authorities to give NGOs a full seat on the Interagency "
        "Commission.",
        "Группа экспертов предлагает органам власти предоставить НПО полноправное членство в "
        "Межведомственной комиссии.",
    ),
    (
        "II",
        3,
        "considers",
        ["general"],
        "Article 31",
        [KZ_MIA],
        "16.2",
        "The expert group considers that the authorities should set up a single system of data "
        "on victims, investigations, prosecutions and convictions, disaggregated by sex, age, form "
        "of exploitation and nationality.",
        "Группа экспертов считает, что органам власти следует создать единую систему данных о "
        "пострадавших, расследованиях, уголовном преследовании и приговорах с разбивкой по полу, "
        "возрасту, форме эксплуатации и гражданству.",
    ),
    (
        "III",
        0,
        "invites",
        ["prevention"],
        "Article 5",
        [KZ_LABOUR],
        "",
        "The expert group invites the authorities to make the 116 16 hotline available in the "
        "languages of the main groups of migrant workers.",
        "Группа экспертов предлагает органам власти обеспечить работу горячей линии 116 16 на "
        "языках основных групп работников-мигрантов.",
    ),
    (
        "III",
        1,
        "urges",
        ["prevention", "protection"],
        "Articles 5 and 10",
        [KZ_LABOUR],
        "8.7",
        "The expert group urges the Kazakh authorities to give labour inspectors the mandate and "
        "resources to carry out unannounced inspections in construction, agriculture and domestic "
        "work, and to detect trafficking for labour exploitation.",
        "Группа экспертов настоятельно призывает органы власти Казахстана наделить трудовых "
        "инспекторов полномочиями и ресурсами для проведения внезапных проверок в строительстве, "
        "сельском хозяйстве и домашнем труде и для выявления торговли людьми в целях трудовой "
        "эксплуатации.",
    ),
    (
        "III",
        2,
        "considers",
        ["prevention"],
        "Article 5",
        [KZ_MIA],
        "",
        "The expert group considers that the authorities should monitor recruitment for work "
        "abroad offered through social media and messaging channels.",
        "Группа экспертов считает, что органам власти следует отслеживать вербовку на работу за "
        "рубежом через социальные сети и мессенджеры.",
    ),
    (
        "IV",
        0,
        "urges",
        ["protection"],
        "Article 10",
        [KZ_MIA, KZ_LABOUR],
        "8.7",
        "The expert group urges the authorities to give labour inspectors, medical staff and "
        "migration officers a screening tool and training to identify victims, including victims "
        "of labour exploitation.",
        "Группа экспертов настоятельно призывает органы власти обеспечить трудовых инспекторов, "
        "медицинских работников и сотрудников миграционной службы инструментом скрининга и "
        "обучением для выявления пострадавших, в том числе от трудовой эксплуатации.",
    ),
    (
        "IV",
        2,
        "urges",
        ["protection", "partnership"],
        "Article 12",
        [KZ_LABOUR],
        "5.2",
        "The expert group urges the authorities to fund NGO shelters through multi-year contracts "
        "so that assistance to victims is never interrupted.",
        "Группа экспертов настоятельно призывает органы власти финансировать приюты НПО на "
        "основе многолетних договоров, чтобы помощь пострадавшим никогда не прерывалась.",
    ),
    (
        "IV",
        3,
        "urges",
        ["protection"],
        "Articles 13 and 14",
        [KZ_GOV, KZ_MIA],
        "",
        "The expert group urges the authorities to provide in law a recovery and reflection period "
        "of at least 30 days for foreign victims, and a residence permit on the basis of their "
        "personal situation.",
        "Группа экспертов настоятельно призывает органы власти закрепить в законе период "
        "восстановления и размышления не менее 30 дней для иностранных пострадавших и выдачу вида "
        "на жительство с учётом их личного положения.",
    ),
    (
        "IV",
        4,
        "considers",
        ["protection"],
        "Articles 10 and 28",
        [KZ_MIA],
        "16.2",
        "The expert group considers that the authorities should ensure that child victims are "
        "interviewed in child-friendly rooms with a psychologist throughout the country.",
        "Группа экспертов считает, что органам власти следует обеспечить опрос детей-пострадавших "
        "в помещениях для щадящего опроса с участием психолога по всей стране.",
    ),
    (
        "V",
        0,
        "urges",
        ["prosecution"],
        "Articles 18 and 23",
        [KZ_MIA],
        "8.7",
        "The expert group urges the authorities to investigate and prosecute trafficking for "
        "labour exploitation as trafficking, leading to proportionate and dissuasive sanctions.",
        "Группа экспертов настоятельно призывает органы власти расследовать дела о торговле людьми "
        "в целях трудовой эксплуатации и преследовать за неё именно как за торговлю людьми, с "
        "назначением соразмерных и сдерживающих наказаний.",
    ),
    (
        "V",
        1,
        "urges",
        ["prosecution", "protection"],
        "Article 15",
        [KZ_GOV],
        "",
        "The expert group urges the authorities to inform every victim of the right to "
        "compensation and to use confiscated assets of traffickers to pay it.",
        "Группа экспертов настоятельно призывает органы власти информировать каждого "
        "пострадавшего о праве на компенсацию и использовать для её выплаты конфискованное "
        "имущество торговцев людьми.",
    ),
    (
        "V",
        2,
        "considers",
        ["prosecution", "protection"],
        "Article 26",
        [KZ_GOV],
        "",
        "The expert group considers that the authorities should adopt a provision on not punishing "
        "victims for their involvement in unlawful activities they were compelled to commit.",
        "Группа экспертов считает, что органам власти следует принять норму о неприменении "
        "наказания к пострадавшим за участие в противоправной деятельности, к которой их "
        "принудили.",
    ),
    (
        "V",
        3,
        "considers",
        ["prosecution"],
        "Articles 23 and 29",
        [KZ_MIA],
        "",
        "The expert group considers that the authorities should open a financial investigation in "
        "every trafficking case and train judges on trafficking for labour exploitation.",
        "Группа экспертов считает, что органам власти следует проводить финансовое расследование "
        "по каждому делу о торговле людьми и обучать судей по вопросам торговли людьми в целях "
        "трудовой эксплуатации.",
    ),
    (
        "VI",
        0,
        "invites",
        ["partnership"],
        "Article 35",
        [KZ_LABOUR],
        "",
        "The expert group invites the authorities to set out their co-operation with NGOs in a "
        "written agreement that is part of the referral procedures.",
        "Группа экспертов предлагает органам власти закрепить сотрудничество с НПО в письменном "
        "соглашении, входящем в процедуры перенаправления.",
    ),
    (
        "VI",
        1,
        "invites",
        ["partnership", "protection"],
        "Articles 16 and 32",
        [KZ_GOV],
        "",
        "The expert group invites the authorities to conclude agreements with Kyrgyzstan and "
        "Uzbekistan on the safe return of victims and the transfer of their files.",
        "Группа экспертов предлагает органам власти заключить с Кыргызстаном и Узбекистаном "
        "соглашения о безопасном возвращении пострадавших и передаче их дел.",
    ),
]

# Follow-up of KZ recommendations (by number): the government's progress reports and the expert
# group's assessments per cycle; numbers left out have not yet been assessed.
KZ_FOLLOW_UP = {
    1: [
        ("partly_implemented", "Budget lines exist for half of the measures."),
        ("implemented", "All measures now have a budget and indicators."),
    ],
    2: [
        ("not_implemented", "NGOs still attend as observers."),
        ("partly_implemented", "Two NGOs were given a seat; the regulation is pending."),
    ],
    3: [("not_implemented", "No single data system has been set up.")],
    4: [("implemented", "The hotline answers in Uzbek, Kyrgyz and Tajik.")],
    5: [("partly_implemented", "Unannounced inspections are allowed in construction only.")],
    6: [("no_longer_relevant", "Superseded by the 2024 law, which regulates online recruitment.")],
    8: [
        ("not_implemented", "Contracts are still for one year."),
        ("not_implemented", "No change since the previous cycle."),
    ],
    9: [("partly_implemented", "A draft amendment is before Parliament.")],
    11: [("implemented", "Guidelines of the Prosecutor General's Office apply since 2025.")],
    12: [
        ("partly_implemented", "Victims are informed; assets are not yet used."),
        ("partly_implemented", "Confiscated assets paid one award; not yet systematic."),
    ],
    14: [("not_implemented", "Financial investigations remain exceptional.")],
    15: [("implemented", "A memorandum with NGOs was signed and annexed to the procedures.")],
}

# The same assessments' reasoning in Russian, cycle by cycle.
KZ_FOLLOW_UP_RU = {
    1: [
        "Бюджетные статьи предусмотрены для половины мер.",
        "Все меры теперь обеспечены бюджетом и показателями.",
    ],
    2: [
        "НПО по-прежнему участвуют в качестве наблюдателей.",
        "Двум НПО предоставлены места; положение ещё не принято.",
    ],
    3: ["Единая система данных не создана."],
    4: ["Горячая линия отвечает на узбекском, кыргызском и таджикском языках."],
    5: ["Внеплановые проверки разрешены только в строительстве."],
    6: ["Утратила актуальность в связи с законом 2024 года, регулирующим онлайн-вербовку."],
    8: [
        "Договоры по-прежнему заключаются на один год.",
        "Изменений с предыдущего цикла нет.",
    ],
    9: ["Проект поправки внесён в Парламент."],
    11: ["С 2025 года действуют методические рекомендации Генеральной прокуратуры."],
    12: [
        "Потерпевших информируют; активы пока не используются.",
        "Из конфискованных активов выплачена одна компенсация; системной практики пока нет.",
    ],
    14: ["Финансовые расследования остаются исключением."],
    15: ["Меморандум с НПО подписан и приложен к процедурам."],
}

KZ_PROGRESS = {  # recommendation number: what the government reported
    1: "The action plan was revised with a budget annex and result indicators.",
    2: "The Interagency Commission's regulation is being amended to admit NGOs as members.",
    3: "A working group on an integrated data system was set up under the prosecution service.",
    4: "Operators speaking Uzbek, Kyrgyz and Tajik were recruited for the 116 16 hotline.",
    5: "The Labour Code was amended to allow unannounced inspections in construction.",
    6: "The 2024 law requires online recruiters to register with the labour authorities.",
    8: "A proposal for three-year social contracts was sent to the Ministry of Finance.",
    9: "A draft amendment introducing a 30-day reflection period was tabled.",
    11: "The Prosecutor General issued guidelines on qualifying labour exploitation cases.",
    12: "Police now hand every victim a leaflet on compensation in four languages.",
    14: "Training on financial investigations was held for 60 investigators.",
    15: "A memorandum of co-operation with eleven NGOs was signed.",
}

KZ_FINAL_COMMENTS = [
    "The Government of the Republic of Kazakhstan thanks the expert group for its report. "
    "Since the visit, the special law on countering trafficking in persons has entered into "
    "force and many of the recommendations are already being implemented. (Demonstration "
    "content.)",
    "On paragraph 19: the compensation fund was created recently; information on the right to "
    "compensation is now given to every victim at the first interview. (Demonstration "
    "content.)",
]

KZ_DRAFT_COMMENTS = [  # (paragraph number, comment, response, reply)
    (6, "The commission met three times in 2023, not twice.", "taken_into_account", ""),
    (
        10,
        "Labour inspections are announced in advance as required by the Entrepreneurial Code.",
        "partly",
        "The legal basis is now mentioned; the recommendation stands.",
    ),
    (
        17,
        "Child-friendly rooms also exist in Shymkent.",
        "not_taken",
        "The authorities gave no details of this room during or after the visit.",
    ),
]


KG_CHAPTERS = [
    (
        "I",
        "Introduction",
        "Введение",
        [
            _notice("Kyrgyzstan", "Кыргызстан"),
            (
                "<p>This draft report was approved by the expert group at its plenary meeting "
                "and sent to the Government of the Kyrgyz Republic for comments. It is "
                "confidential until its final adoption.</p>",
                "<p>Проект доклада одобрен группой экспертов на пленарном заседании и направлен "
                "Кабинету министров Кыргызской Республики для комментариев. Он является "
                "конфиденциальным до окончательного принятия.</p>",
            ),
            (
                "<p>The rapporteurs visited Bishkek and Osh and met ministries, the police, the "
                "Ombudsman, the NGO El Agartuu and international partners.</p>",
                "<p>Докладчики посетили Бишкек и Ош и встретились с министерствами, полицией, "
                "Омбудсменом, НПО «Эл Агартуу» и международными партнёрами.</p>",
            ),
        ],
    ),
    (
        "II",
        "National framework",
        "Национальная правовая и институциональная база",
        [
            (
                "<p>The Law <em>On preventing and combating trafficking in persons</em> of "
                "17.03.2005 No. 55 is the basis of the framework. Trafficking is an offence "
                "under Article 166 of the Criminal Code, and child trafficking under Article "
                "167.</p>",
                "<p>Основой правовой базы является Закон <em>«О предупреждении и борьбе с "
                "торговлей людьми»</em> от 17.03.2005 № 55. Торговля людьми является "
                "преступлением по статье 166 Уголовного кодекса, торговля детьми — по статье "
                "167.</p>",
            ),
            (
                "<p>The state programme for 2022–2025 (resolution No. 227 of 15.04.2022) is "
                "co-ordinated by the Ministry of Labour, Social Security and Migration and the "
                "Ministry of Internal Affairs. No successor programme had been drafted at the "
                "time of the visit.</p>",
                "<p>Координацию государственной программы на 2022–2025 годы (постановление № 227 "
                "от 15.04.2022) осуществляют Министерство труда, социального обеспечения и "
                "миграции и Министерство внутренних дел. На момент визита новая программа не "
                "разрабатывалась.</p>",
            ),
            (
                "<p>The national referral mechanism was set by resolution No. 493 of 19.09.2019. "
                "Local authorities met by the rapporteurs did not know their role in it.</p>",
                "<p>Национальный механизм перенаправления установлен постановлением № 493 от "
                "19.09.2019. Представители местных органов власти, с которыми встретились "
                "докладчики, не знали своей роли в нём.</p>",
            ),
        ],
    ),
    (
        "III",
        "Prevention and protection",
        "Предупреждение и защита",
        [
            (
                "<p>Most Kyrgyz victims are exploited abroad, in the Russian Federation and "
                "Kazakhstan, in construction, agriculture and services. Pre-departure "
                "information is given in a few migrant service centres only.</p>",
                "<p>Большинство граждан Кыргызстана, пострадавших от торговли людьми, "
                "эксплуатируются за рубежом — в Российской Федерации и Казахстане, в "
                "строительстве, сельском хозяйстве и сфере услуг. Информирование перед выездом "
                "ведётся лишь в нескольких центрах обслуживания мигрантов.</p>",
            ),
            (
                "<p>Returning victims are identified mostly by NGOs and IOM; consular staff "
                "have no procedure for referring them.</p>",
                "<p>Возвращающихся пострадавших выявляют в основном НПО и МОМ; у сотрудников "
                "консульств нет процедуры их перенаправления.</p>",
            ),
            (
                "<p>Assistance relies on NGO crisis centres funded by donors. The state budget "
                "provides no funding line for assistance to victims of trafficking.</p>",
                "<p>Помощь оказывается в кризисных центрах НПО, финансируемых донорами. В "
                "государственном бюджете нет строки финансирования помощи пострадавшим от "
                "торговли людьми.</p>",
            ),
            (
                "<p>Children returning without parents are placed in state institutions without "
                "an individual assessment of their best interests.</p>",
                "<p>Детей, возвращающихся без родителей, помещают в государственные учреждения "
                "без индивидуальной оценки их наилучших интересов.</p>",
            ),
        ],
    ),
    (
        "IV",
        "Prosecution",
        "Уголовное преследование",
        [
            (
                "<p>In 2023, 106 cases were investigated under trafficking-related articles, but "
                "only 2 under Article 166; the others were qualified as related offences such as "
                "recruitment for exploitation.</p>",
                "<p>В 2023 году по статьям, связанным с торговлей людьми, расследовано 106 дел, "
                "но лишь 2 — по статье 166; остальные квалифицированы как смежные преступления, "
                "например вербовка для эксплуатации.</p>",
            ),
            (
                "<p>Victims seldom receive legal aid, and none received compensation from the "
                "offender in the cases examined.</p>",
                "<p>Пострадавшие редко получают юридическую помощь, и ни в одном из изученных "
                "дел они не получили компенсацию от виновного.</p>",
            ),
            (
                "<p>The expert group looks forward to the government's comments on this draft "
                "before its final adoption.</p>",
                "<p>Группа экспертов ожидает комментариев правительства по этому проекту до его "
                "окончательного принятия.</p>",
            ),
        ],
    ),
]

KG_RECOMMENDATIONS = [
    (
        "II",
        1,
        "urges",
        ["general"],
        "Article 29",
        [KG_GOV],
        "",
        "The expert group urges the authorities to adopt a new state programme for the period "
        "after 2025, with a budget.",
        "Группа экспертов настоятельно призывает органы власти принять новую государственную "
        "программу на период после 2025 года с бюджетом.",
    ),
    (
        "II",
        2,
        "considers",
        ["protection", "partnership"],
        "Article 10",
        [KG_LABOUR],
        "",
        "The expert group considers that the authorities should train local authorities on their "
        "role in the national referral mechanism.",
        "Группа экспертов считает, что органам власти следует обучить местные органы власти их "
        "роли в национальном механизме перенаправления.",
    ),
    (
        "III",
        0,
        "invites",
        ["prevention"],
        "Article 5",
        [KG_LABOUR],
        "8.7",
        "The expert group invites the authorities to extend pre-departure information to all "
        "migrant service centres.",
        "Группа экспертов предлагает органам власти распространить информирование перед выездом "
        "на все центры обслуживания мигрантов.",
    ),
    (
        "III",
        1,
        "considers",
        ["protection"],
        "Articles 10 and 16",
        [KG_GOV],
        "",
        "The expert group considers that the authorities should give consular staff a procedure "
        "to identify and refer victims abroad.",
        "Группа экспертов считает, что органам власти следует разработать для сотрудников "
        "консульств процедуру выявления и перенаправления пострадавших за рубежом.",
    ),
    (
        "III",
        2,
        "urges",
        ["protection"],
        "Article 12",
        [KG_GOV, KG_LABOUR],
        "5.2",
        "The expert group urges the authorities to fund assistance to victims from the state "
        "budget.",
        "Группа экспертов настоятельно призывает органы власти финансировать помощь пострадавшим "
        "из государственного бюджета.",
    ),
    (
        "III",
        3,
        "urges",
        ["protection"],
        "Articles 10 and 16",
        [KG_LABOUR],
        "16.2",
        "The expert group urges the authorities to assess the best interests of every child "
        "victim before any placement.",
        "Группа экспертов настоятельно призывает органы власти оценивать наилучшие интересы "
        "каждого ребёнка-пострадавшего до любого помещения в учреждение.",
    ),
    (
        "IV",
        0,
        "urges",
        ["prosecution"],
        "Articles 18 and 23",
        [KG_MIA],
        "",
        "The expert group urges the authorities to qualify trafficking cases under Article 166 "
        "whenever its elements are present.",
        "Группа экспертов настоятельно призывает органы власти квалифицировать дела о торговле "
        "людьми по статье 166 во всех случаях, когда присутствуют её признаки.",
    ),
    (
        "IV",
        1,
        "considers",
        ["prosecution", "protection"],
        "Article 15",
        [KG_GOV],
        "",
        "The expert group considers that the authorities should guarantee victims free legal aid "
        "and access to compensation.",
        "Группа экспертов считает, что органам власти следует гарантировать пострадавшим "
        "бесплатную юридическую помощь и доступ к компенсации.",
    ),
    (
        "IV",
        1,
        "invites",
        ["partnership"],
        "Article 35",
        [KG_MIA],
        "",
        "The expert group invites the authorities to involve NGOs in accompanying victims through "
        "criminal proceedings.",
        "Группа экспертов предлагает органам власти привлекать НПО к сопровождению пострадавших "
        "в уголовном процессе.",
    ),
]

# (author username, paragraph number or None, recommendation number or None, text)
KG_COMMENTS = [
    (
        "kg-official",
        5,
        None,
        "Draft comment (demonstration): a successor programme for 2026–2030 is being prepared by "
        "the Ministry of Labour.",
    ),
    (
        "kg-official",
        None,
        5,
        "Draft comment (demonstration): a budget line for crisis centres is proposed for 2026.",
    ),
    (
        "kg-contact",
        None,
        None,
        "Draft comment (demonstration): the consolidated position of the Cabinet of Ministers "
        "will follow before the deadline.",
    ),
]
