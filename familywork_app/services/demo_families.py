"""The demo data as a table: staff and the families of the demo, with their cases.

Read by `demo_data.load_demo_data`; kept apart so the loader stays readable.
"""

SUPERVISOR = "supervisor@example.org"
WORKER = "worker@example.org"
WORKER2 = "worker2@example.org"
STAFF = (
    (SUPERVISOR, "supervisor", "Riitta Karjalainen"),
    (WORKER, "worker", "Anna Heikkinen"),
    (WORKER2, "worker", "Mikko Pulkkinen"),
)
# Meetings: (status, days from today, Helsinki hour, minutes, place, topic[, text, internal,
# methods]); `text` is the shared summary (held), the family's change note or the cancel reason.
# Goal entries: (days ago, author "w"/"g0"/"g1", text, rating).
# Messages: (days ago, author, body, read by the other side).
# Methods: (days ago, kind, respondent, phase, data) as stored in MethodRecord.data; role-map
# members are written "g0"/"c0" (first guardian / child) and get their real ids when loaded.
FAMILIES = (
    dict(
        name="Kemppainen",
        municipality="Kajaani",
        address="Pohjolankatu 12 B 4, 87100 Kajaani",
        worker=WORKER,
        guardians=(
            ("family@example.org", "Laura Kemppainen"),
            ("family2@example.org", "Jussi Kemppainen"),
        ),
        children=(("Eetu", 2017), ("Aino", 2021)),
        app=(
            "accepted",
            60,
            "eform",
            "parenting,everyday",
            "Arki on kahden lapsen kanssa raskasta, aamut ja iltaisin nukkumaanmeno riitelevät. "
            "Toivomme tukea rutiineihin ja keinoja rauhoittaa tilanteita.",
            "arkisin klo 9–15",
        ),
        meetings=(
            (
                "held",
                -35,
                14,
                90,
                "home",
                "Tutustumiskäynti ja tavoitteiden kirjaaminen",
                "Tutustuimme ja kirjasimme yhdessä kaksi tavoitetta: aamut ja iltarutiinit.",
                "Vanhemmat väsyneitä mutta motivoituneita. Ei huolta lasten turvallisuudesta.",
                "discussion,evaluation",
            ),
            (
                "held",
                -14,
                13,
                60,
                "home",
                "Aamujärjestyksen kuvat",
                "Teimme Eetun kanssa aamujärjestyksen kuvakortit jääkaapin oveen.",
                "Eetu innostui korteista. Jussi osallistui ensimmäistä kertaa.",
                "together,cards,child",
            ),
            ("agreed", 3, 10, 60, "home", "Iltarutiinien läpikäynti"),
            ("proposed", 10, 14, 90, "family_centre", "Väliarviointi perhekeskuksessa"),
        ),
        goals=(
            (
                "everyday",
                "Aamut sujuvat ilman riitaa",
                "Aamujärjestys kuvina, vaatteet valmiiksi illalla, herätys 15 min aiemmin.",
                (
                    (40, "g0", "Aamut ovat kaoottisia, Eetu myöhästyy usein.", 3),
                    (33, "w", "Sovittiin kokeilusta: vaatteet valmiiksi edellisenä iltana.", None),
                    (21, "g1", "Vähän parempi, kortit auttavat.", 4),
                    (14, "w", "Kuvakortit tehty yhdessä Eetun kanssa.", None),
                    (4, "g0", "Eetu ehtii kouluun ajoissa useimpina aamuina.", 6),
                ),
            ),
            (
                "parenting",
                "Rauhallinen iltarutiini",
                "Sama iltajärjestys joka ilta, ruutuaika päättyy klo 19, iltasatu vuorotellen.",
                (
                    (38, "g1", "Aino nukahtaa vasta kymmeneltä.", 3),
                    (28, "w", "Mietittiin iltaan rauhoittumisen hetki ja ruutuajan raja.", None),
                    (17, "g0", "", 5),
                    (6, "g1", "Iltasatu on vakiintunut, nukahtaminen nopeampaa.", 6),
                ),
            ),
        ),
        # Methods done together: (days ago, kind, respondent "w"/"g0"/"c0", phase, data).
        methods=(
            (
                35,
                "evaluation",
                "g0",
                "start",
                {
                    "scores": {
                        "parenting": 2,
                        "growth": 4,
                        "everyday": 2,
                        "interaction": 3,
                        "resources": 2,
                    }
                },
            ),
            (
                35,
                "evaluation",
                "w",
                "start",
                {
                    "scores": {
                        "parenting": 3,
                        "growth": 4,
                        "everyday": 2,
                        "interaction": 3,
                        "resources": 3,
                    }
                },
            ),
            (
                35,
                "network",
                "w",
                "",
                {
                    "people": [
                        {
                            "name": "Mummo",
                            "category": "relatives",
                            "closeness": 2,
                            "effect": "helps",
                        },
                        {
                            "name": "Eetun koulu",
                            "category": "school",
                            "closeness": 2,
                            "effect": "both",
                        },
                        {
                            "name": "Neuvola",
                            "category": "clinic",
                            "closeness": 3,
                            "effect": "helps",
                        },
                        {
                            "name": "Laura: työ",
                            "category": "services",
                            "closeness": 1,
                            "effect": "strains",
                        },
                    ]
                },
            ),
            (
                35,
                "rolemap",
                "w",
                "",
                {
                    "tasks": {
                        "mornings": ["g0"],
                        "meals": ["g0"],
                        "bedtime": ["g0"],
                        "school": ["g0"],
                        "chores": ["g0"],
                        "fun": ["g1"],
                    }
                },
            ),
            (
                14,
                "child",
                "c0",
                "",
                {"faces": {"today": 4, "home": 4, "school": 3, "friends": 5, "sleep": 2}},
            ),
        ),
        messages=(
            (20, "w", "Hei! Kiitos käynnistä. Laitoin muistiin sopimamme aamukokeilun.", True),
            (19, "g0", "Kiitos! Kokeillaan heti huomenna.", True),
            (12, "g1", "Kuvakortit ovat jääkaapissa, Eetu näyttää niitä ylpeänä.", True),
            (11, "w", "Hienoa kuulla! Jatketaan niistä ensi kerralla.", True),
            (
                1,
                "w",
                "Muistutus: seuraava käynti on sovittu klo 10 kotonanne. Tervetuloa myös Jussi!",
                False,
            ),
        ),
    ),
    dict(
        name="Tolonen",
        municipality="Sotkamo",
        address="Kainuuntie 5, 88600 Sotkamo",
        worker=None,
        guardians=(("applicant@example.org", "Sanna Tolonen"),),
        children=(("Onni", 2019),),
        app=(
            "submitted",
            4,
            "eform",
            "growth,resources",
            "Olen yksinhuoltaja ja tarvitsisin tukea Onnin uhmaikään ja omaan jaksamiseeni.",
            "arkisin iltapäivisin",
        ),
    ),
    dict(
        name="Väisänen",
        municipality="Hyrynsalmi",
        address="Keskustie 21, 89400 Hyrynsalmi",
        worker=None,
        guardians=(("satu.vaisanen@example.org", "Satu Väisänen"),),
        children=(("Emma", 2014), ("Leo", 2016)),
        app=(
            "in_review",
            12,
            "phone",
            "interaction",
            "Sisarukset riitelevät paljon, toivomme keinoja perheen vuorovaikutukseen.",
            "parhaiten aamupäivisin",
        ),
    ),
    dict(
        name="Huttunen",
        municipality="Sotkamo",
        address="Markkinatie 8 A 2, 88600 Sotkamo",
        worker=WORKER,
        guardians=(("tiina.huttunen@example.org", "Tiina Huttunen"),),
        children=(("Veeti", 2013),),
        app=(
            "accepted",
            45,
            "eform",
            "growth,interaction",
            "Veetin koulunkäynti on takkuillut ja kotona on paljon riitaa.",
            "iltaisin klo 16–19",
        ),
        meetings=(
            (
                "held",
                -9,
                15,
                60,
                "home",
                "Koulupäivän rytmi",
                "Käytiin läpi Veetin viikko ja tehtiin läksyaikataulu.",
                "Veeti vetäytyvä, seurataan koulun kanssa.",
                "discussion,child",
            ),
            ("proposed", 5, 15, 60, "home", "Yhteinen tapaaminen Veetin kanssa"),
        ),
        goals=(
            (
                "growth",
                "Läksyt tehdään päivittäin",
                "Läksyhetki klo 17 keittiön pöydässä.",
                (
                    (30, "g0", "Läksyt jäävät usein tekemättä.", 2),
                    (16, "w", "Aikataulu tehty.", None),
                    (9, "g0", "", 4),
                    (2, "g0", "Neljänä päivänä viidestä onnistui!", 6),
                ),
            ),
        ),
        messages=(
            (8, "w", "Kiitos tapaamisesta, läksyaikataulu liitteenä paperilla.", True),
            (1, "g0", "Veeti sai kokeesta kahdeksikon, halusin kertoa!", False),
        ),
    ),
    dict(
        name="Korhonen",
        municipality="Kuhmo",
        address="Kainuuntie 60, 88900 Kuhmo",
        worker=WORKER,
        guardians=(
            ("petri.korhonen@example.org", "Petri Korhonen"),
            ("maria.korhonen@example.org", "Maria Korhonen"),
        ),
        children=(("Ella", 2018), ("Niilo", 2020), ("Iida", 2023)),
        app=(
            "accepted",
            70,
            "paper",
            "resources,everyday",
            "Kolmen pienen lapsen arki ja vuorotyö uuvuttavat. Toivomme apua arjen rytmiin.",
            "viikonloppuisin tai puhelimitse iltaisin",
        ),
        meetings=(
            (
                "held",
                -21,
                12,
                90,
                "home",
                "Perheen voimavarakartta",
                "Teimme yhdessä roolikartan: kuka tekee mitä kotona.",
                "Äidillä paljon kuormaa, isä vuorotyössä.",
                "rolemap,discussion",
            ),
            (
                "held",
                -7,
                12,
                60,
                "remote",
                "Tukiverkoston kartoitus",
                "Mietimme, keneltä isovanhemmista voisi pyytää apua.",
                "",
                "networking",
            ),
            (
                "change_requested",
                4,
                9,
                60,
                "home",
                "Arjen viikkosuunnitelma",
                "Petri on silloin töissä, sopisiko perjantai iltapäivällä?",
            ),
        ),
        goals=(
            (
                "resources",
                "Vanhemmille oma vapaailta kerran viikossa",
                "Kysytään mummolta apua, sovitaan vuorot kalenteriin.",
                (
                    (50, "g1", "Ei ole ollut omaa aikaa kuukausiin.", 2),
                    (30, "g0", "", 3),
                    (21, "w", "Roolikartta tehty, tukiverkko kartoitettu.", None),
                    (5, "g1", "", 5),
                ),
            ),
        ),
        messages=(
            (6, "w", "Ehdotin seuraavaa tapaamista, katsokaa sopiiko.", True),
            (3, "g1", "Voisiko aikaa siirtää? Kirjoitin toiveen tapaamiseen.", False),
        ),
    ),
    dict(
        name="Seppänen",
        municipality="Suomussalmi",
        address="Kirkkotie 3, 89600 Suomussalmi",
        worker=WORKER,
        guardians=(("minna.seppanen@example.org", "Minna Seppänen"),),
        children=(("Lilja", 2016), ("Aaro", 2011)),
        app=(
            "accepted",
            30,
            "eform",
            "interaction,parenting",
            "Murrosikäisen Aaron kanssa välit ovat tulehtuneet.",
            "arkisin klo 8–12",
        ),
        meetings=(
            (
                "cancelled",
                -3,
                14,
                60,
                "home",
                "Aaron kanssa keskustelu",
                "Aaro sairastui, siirretään myöhemmäksi.",
            ),
            ("agreed", 6, 14, 60, "family_centre", "Aaron kanssa keskustelu"),
        ),
        goals=(
            (
                "interaction",
                "Puhumme toisillemme rauhallisesti",
                "Sovitut aikalisät riitatilanteissa, viikoittainen perhepalaveri.",
                (
                    (25, "g0", "Huutamista päivittäin.", 3),
                    (18, "w", "Aikalisän malli opeteltu.", None),
                    (10, "g0", "", 4),
                    (3, "g0", "Aikalisä toimii jo joskus.", 5),
                ),
            ),
        ),
        messages=(
            (4, "g0", "Aaro on kipeänä, perutaan huominen.", True),
            (3, "w", "Selvä, paranemisia! Uusi aika on kalenterissa.", True),
        ),
    ),
    dict(
        name="Pikkarainen",
        municipality="Paltamo",
        address="Kajaanintie 14, 88300 Paltamo",
        worker=WORKER,
        guardians=(("jenni.pikkarainen@example.org", "Jenni Pikkarainen"),),
        children=(("Sisu", 2022),),
        app=(
            "accepted",
            24,
            "eform",
            "parenting",
            "Ensimmäinen lapsi, kaipaan varmuutta vanhemmuuteen.",
            "milloin vain",
        ),
        meetings=(
            (
                "held",
                -10,
                10,
                60,
                "home",
                "Tutustuminen",
                "Tutustuimme ja juttelimme Sisun päivärytmistä.",
                "",
                "discussion,guidance",
            ),
            ("agreed", 2, 12, 60, "home", "Leikki ja vuorovaikutus"),
        ),
        goals=(
            (
                "parenting",
                "Luotan omaan vanhemmuuteeni",
                "Mallinnetaan leikkihetkiä yhdessä.",
                (
                    (18, "g0", "", 4),
                    (10, "w", "Leikkihetki mallinnettu.", None),
                    (3, "g0", "Rohkeampi olo jo.", 6),
                ),
            ),
        ),
        messages=((2, "g0", "Voiko ensi kerralla ottaa mukaan mummon?", False),),
    ),
    dict(
        name="Komulainen",
        municipality="Puolanka",
        address="Kauppatie 9, 89200 Puolanka",
        worker=WORKER,
        guardians=(("heikki.komulainen@example.org", "Heikki Komulainen"),),
        children=(("Venla", 2012),),
        app=(
            "accepted",
            200,
            "phone",
            "everyday,resources",
            "Ero ja muutto, arki uudessa kodissa tarvitsee rakennetta.",
            "arkisin",
        ),
        meetings=(
            (
                "held",
                -25,
                13,
                60,
                "home",
                "Loppuarviointi",
                "Arvioimme yhdessä työskentelyn: arki sujuu ja tavoitteet täyttyivät.",
                "Ei jatkotarvetta.",
                "evaluation,discussion",
            ),
        ),
        closed=(
            20,
            "Perhetyö päättyi tavoitteiden toteuduttua. Arki on vakiintunut ja Venla "
            "on sopeutunut uuteen kouluun. Perhe tietää, mistä saa tarvittaessa apua.",
        ),
    ),
    dict(
        name="Ryynänen",
        municipality="Ristijärvi",
        address="Ristijärventie 2, 88400 Ristijärvi",
        worker=WORKER2,
        guardians=(("johanna.ryynanen@example.org", "Johanna Ryynänen"),),
        children=(("Eino", 2015),),
        app=("accepted", 40, "eform", "growth", "Einon tunnesäätely huolestuttaa.", "arkisin"),
        meetings=(("agreed", 4, 13, 60, "home", "Tunnekortit Einon kanssa"),),
        goals=(
            (
                "growth",
                "Eino osaa nimetä tunteitaan",
                "Tunnekortit päivittäin.",
                ((20, "g0", "", 3), (12, "w", "Kortit otettu käyttöön.", None), (4, "g0", "", 5)),
            ),
        ),
        messages=((5, "w", "Tunnekortit tulevat mukanani ensi käynnillä.", True),),
    ),
    dict(
        name="Moilanen",
        municipality="Kajaani",
        address="Lönnrotinkatu 7 C 15, 87100 Kajaani",
        worker=WORKER2,
        guardians=(("tuomas.moilanen@example.org", "Tuomas Moilanen"),),
        children=(("Oona", 2019), ("Elias", 2019)),
        app=("accepted", 28, "phone", "everyday", "Kaksosten kanssa arki on hektistä.", "iltaisin"),
        meetings=(("proposed", 7, 16, 60, "remote", "Viikkosuunnitelma etänä"),),
        messages=((2, "g0", "Sopiiko etätapaaminen Teamsissa?", False),),
    ),
)
