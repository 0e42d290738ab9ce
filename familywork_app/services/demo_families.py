"""The demo data as a table: staff and the families of the demo, with their cases.

Read by `demo_data.load_demo_data`; the shapes of the rows are in `demo_specs.py`.
"""

from familywork_app.domain import (
    ApplicationChannel,
    ApplicationStatus,
    EvaluationPhase,
    MeetingPlace,
    MeetingStatus,
    Method,
    MethodKind,
    Municipality,
    Role,
    SupportArea,
)
from familywork_app.services.demo_specs import (
    AppSpec,
    FamilySpec,
    GoalEntrySpec,
    GoalSpec,
    MeetingSpec,
    MessageSpec,
    MethodSpec,
)

SUPERVISOR = "supervisor@example.org"
WORKER = "worker@example.org"
WORKER2 = "worker2@example.org"
STAFF: tuple[tuple[str, Role, str], ...] = (
    (SUPERVISOR, Role.SUPERVISOR, "Riitta Karjalainen"),
    (WORKER, Role.WORKER, "Anna Heikkinen"),
    (WORKER2, Role.WORKER, "Mikko Pulkkinen"),
)
FAMILIES: tuple[FamilySpec, ...] = (
    FamilySpec(
        name="Kemppainen",
        municipality=Municipality.KAJAANI,
        address="Pohjolankatu 12 B 4, 87100 Kajaani",
        worker=WORKER,
        guardians=(
            ("family@example.org", "Laura Kemppainen"),
            ("family2@example.org", "Jussi Kemppainen"),
        ),
        children=(("Eetu", 2017), ("Aino", 2021)),
        app=AppSpec(
            ApplicationStatus.ACCEPTED,
            60,
            ApplicationChannel.EFORM,
            (SupportArea.PARENTING, SupportArea.EVERYDAY),
            "Arki on kahden lapsen kanssa raskasta, aamut ja iltaisin nukkumaanmeno riitelevät. "
            "Toivomme tukea rutiineihin ja keinoja rauhoittaa tilanteita.",
            "arkisin klo 9–15",
        ),
        meetings=(
            MeetingSpec(
                MeetingStatus.HELD,
                -35,
                14,
                90,
                MeetingPlace.HOME,
                "Tutustumiskäynti ja tavoitteiden kirjaaminen",
                "Tutustuimme ja kirjasimme yhdessä kaksi tavoitetta: aamut ja iltarutiinit.",
                "Vanhemmat väsyneitä mutta motivoituneita. Ei huolta lasten turvallisuudesta.",
                (Method.DISCUSSION, Method.EVALUATION),
            ),
            MeetingSpec(
                MeetingStatus.HELD,
                -14,
                13,
                60,
                MeetingPlace.HOME,
                "Aamujärjestyksen kuvat",
                "Teimme Eetun kanssa aamujärjestyksen kuvakortit jääkaapin oveen.",
                "Eetu innostui korteista. Jussi osallistui ensimmäistä kertaa.",
                (Method.TOGETHER, Method.CARDS, Method.CHILD),
            ),
            MeetingSpec(
                MeetingStatus.AGREED, 3, 10, 60, MeetingPlace.HOME, "Iltarutiinien läpikäynti"
            ),
            MeetingSpec(
                MeetingStatus.PROPOSED,
                10,
                14,
                90,
                MeetingPlace.FAMILY_CENTRE,
                "Väliarviointi perhekeskuksessa",
            ),
        ),
        goals=(
            GoalSpec(
                SupportArea.EVERYDAY,
                "Aamut sujuvat ilman riitaa",
                "Aamujärjestys kuvina, vaatteet valmiiksi illalla, herätys 15 min aiemmin.",
                (
                    GoalEntrySpec(40, "g0", "Aamut ovat kaoottisia, Eetu myöhästyy usein.", 3),
                    GoalEntrySpec(
                        33, "w", "Sovittiin kokeilusta: vaatteet valmiiksi edellisenä iltana.", None
                    ),
                    GoalEntrySpec(21, "g1", "Vähän parempi, kortit auttavat.", 4),
                    GoalEntrySpec(14, "w", "Kuvakortit tehty yhdessä Eetun kanssa.", None),
                    GoalEntrySpec(4, "g0", "Eetu ehtii kouluun ajoissa useimpina aamuina.", 6),
                ),
            ),
            GoalSpec(
                SupportArea.PARENTING,
                "Rauhallinen iltarutiini",
                "Sama iltajärjestys joka ilta, ruutuaika päättyy klo 19, iltasatu vuorotellen.",
                (
                    GoalEntrySpec(38, "g1", "Aino nukahtaa vasta kymmeneltä.", 3),
                    GoalEntrySpec(
                        28, "w", "Mietittiin iltaan rauhoittumisen hetki ja ruutuajan raja.", None
                    ),
                    GoalEntrySpec(17, "g0", "", 5),
                    GoalEntrySpec(6, "g1", "Iltasatu on vakiintunut, nukahtaminen nopeampaa.", 6),
                ),
            ),
        ),
        # Methods done together: respondent "w"/"g0"/"c0"; role-map members "g0"/"c0".
        methods=(
            MethodSpec(
                35,
                MethodKind.EVALUATION,
                "g0",
                EvaluationPhase.START,
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
            MethodSpec(
                35,
                MethodKind.EVALUATION,
                "w",
                EvaluationPhase.START,
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
            MethodSpec(
                35,
                MethodKind.NETWORK,
                "w",
                None,
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
            MethodSpec(
                35,
                MethodKind.ROLEMAP,
                "w",
                None,
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
            MethodSpec(
                14,
                MethodKind.CHILD,
                "c0",
                None,
                {"faces": {"today": 4, "home": 4, "school": 3, "friends": 5, "sleep": 2}},
            ),
        ),
        messages=(
            MessageSpec(
                20, "w", "Hei! Kiitos käynnistä. Laitoin muistiin sopimamme aamukokeilun.", True
            ),
            MessageSpec(19, "g0", "Kiitos! Kokeillaan heti huomenna.", True),
            MessageSpec(12, "g1", "Kuvakortit ovat jääkaapissa, Eetu näyttää niitä ylpeänä.", True),
            MessageSpec(11, "w", "Hienoa kuulla! Jatketaan niistä ensi kerralla.", True),
            MessageSpec(
                1,
                "w",
                "Muistutus: seuraava käynti on sovittu klo 10 kotonanne. Tervetuloa myös Jussi!",
                False,
            ),
        ),
    ),
    FamilySpec(
        name="Tolonen",
        municipality=Municipality.SOTKAMO,
        address="Kainuuntie 5, 88600 Sotkamo",
        worker=None,
        guardians=(("applicant@example.org", "Sanna Tolonen"),),
        children=(("Onni", 2019),),
        app=AppSpec(
            ApplicationStatus.SUBMITTED,
            4,
            ApplicationChannel.EFORM,
            (SupportArea.GROWTH, SupportArea.RESOURCES),
            "Olen yksinhuoltaja ja tarvitsisin tukea Onnin uhmaikään ja omaan jaksamiseeni.",
            "arkisin iltapäivisin",
        ),
    ),
    FamilySpec(
        name="Väisänen",
        municipality=Municipality.HYRYNSALMI,
        address="Keskustie 21, 89400 Hyrynsalmi",
        worker=None,
        guardians=(("satu.vaisanen@example.org", "Satu Väisänen"),),
        children=(("Emma", 2014), ("Leo", 2016)),
        app=AppSpec(
            ApplicationStatus.IN_REVIEW,
            12,
            ApplicationChannel.PHONE,
            (SupportArea.INTERACTION,),
            "Sisarukset riitelevät paljon, toivomme keinoja perheen vuorovaikutukseen.",
            "parhaiten aamupäivisin",
        ),
    ),
    FamilySpec(
        name="Huttunen",
        municipality=Municipality.SOTKAMO,
        address="Markkinatie 8 A 2, 88600 Sotkamo",
        worker=WORKER,
        guardians=(("tiina.huttunen@example.org", "Tiina Huttunen"),),
        children=(("Veeti", 2013),),
        app=AppSpec(
            ApplicationStatus.ACCEPTED,
            45,
            ApplicationChannel.EFORM,
            (SupportArea.GROWTH, SupportArea.INTERACTION),
            "Veetin koulunkäynti on takkuillut ja kotona on paljon riitaa.",
            "iltaisin klo 16–19",
        ),
        meetings=(
            MeetingSpec(
                MeetingStatus.HELD,
                -9,
                15,
                60,
                MeetingPlace.HOME,
                "Koulupäivän rytmi",
                "Käytiin läpi Veetin viikko ja tehtiin läksyaikataulu.",
                "Veeti vetäytyvä, seurataan koulun kanssa.",
                (Method.DISCUSSION, Method.CHILD),
            ),
            MeetingSpec(
                MeetingStatus.PROPOSED,
                5,
                15,
                60,
                MeetingPlace.HOME,
                "Yhteinen tapaaminen Veetin kanssa",
            ),
        ),
        goals=(
            GoalSpec(
                SupportArea.GROWTH,
                "Läksyt tehdään päivittäin",
                "Läksyhetki klo 17 keittiön pöydässä.",
                (
                    GoalEntrySpec(30, "g0", "Läksyt jäävät usein tekemättä.", 2),
                    GoalEntrySpec(16, "w", "Aikataulu tehty.", None),
                    GoalEntrySpec(9, "g0", "", 4),
                    GoalEntrySpec(2, "g0", "Neljänä päivänä viidestä onnistui!", 6),
                ),
            ),
        ),
        messages=(
            MessageSpec(8, "w", "Kiitos tapaamisesta, läksyaikataulu liitteenä paperilla.", True),
            MessageSpec(1, "g0", "Veeti sai kokeesta kahdeksikon, halusin kertoa!", False),
        ),
    ),
    FamilySpec(
        name="Korhonen",
        municipality=Municipality.KUHMO,
        address="Kainuuntie 60, 88900 Kuhmo",
        worker=WORKER,
        guardians=(
            ("petri.korhonen@example.org", "Petri Korhonen"),
            ("maria.korhonen@example.org", "Maria Korhonen"),
        ),
        children=(("Ella", 2018), ("Niilo", 2020), ("Iida", 2023)),
        app=AppSpec(
            ApplicationStatus.ACCEPTED,
            70,
            ApplicationChannel.PAPER,
            (SupportArea.RESOURCES, SupportArea.EVERYDAY),
            "Kolmen pienen lapsen arki ja vuorotyö uuvuttavat. Toivomme apua arjen rytmiin.",
            "viikonloppuisin tai puhelimitse iltaisin",
        ),
        meetings=(
            MeetingSpec(
                MeetingStatus.HELD,
                -21,
                12,
                90,
                MeetingPlace.HOME,
                "Perheen voimavarakartta",
                "Teimme yhdessä roolikartan: kuka tekee mitä kotona.",
                "Äidillä paljon kuormaa, isä vuorotyössä.",
                (Method.ROLEMAP, Method.DISCUSSION),
            ),
            MeetingSpec(
                MeetingStatus.HELD,
                -7,
                12,
                60,
                MeetingPlace.REMOTE,
                "Tukiverkoston kartoitus",
                "Mietimme, keneltä isovanhemmista voisi pyytää apua.",
                "",
                (Method.NETWORKING,),
            ),
            MeetingSpec(
                MeetingStatus.CHANGE_REQUESTED,
                4,
                9,
                60,
                MeetingPlace.HOME,
                "Arjen viikkosuunnitelma",
                "Petri on silloin töissä, sopisiko perjantai iltapäivällä?",
            ),
        ),
        goals=(
            GoalSpec(
                SupportArea.RESOURCES,
                "Vanhemmille oma vapaailta kerran viikossa",
                "Kysytään mummolta apua, sovitaan vuorot kalenteriin.",
                (
                    GoalEntrySpec(50, "g1", "Ei ole ollut omaa aikaa kuukausiin.", 2),
                    GoalEntrySpec(30, "g0", "", 3),
                    GoalEntrySpec(21, "w", "Roolikartta tehty, tukiverkko kartoitettu.", None),
                    GoalEntrySpec(5, "g1", "", 5),
                ),
            ),
        ),
        messages=(
            MessageSpec(6, "w", "Ehdotin seuraavaa tapaamista, katsokaa sopiiko.", True),
            MessageSpec(3, "g1", "Voisiko aikaa siirtää? Kirjoitin toiveen tapaamiseen.", False),
        ),
    ),
    FamilySpec(
        name="Seppänen",
        municipality=Municipality.SUOMUSSALMI,
        address="Kirkkotie 3, 89600 Suomussalmi",
        worker=WORKER,
        guardians=(("minna.seppanen@example.org", "Minna Seppänen"),),
        children=(("Lilja", 2016), ("Aaro", 2011)),
        app=AppSpec(
            ApplicationStatus.ACCEPTED,
            30,
            ApplicationChannel.EFORM,
            (SupportArea.INTERACTION, SupportArea.PARENTING),
            "Murrosikäisen Aaron kanssa välit ovat tulehtuneet.",
            "arkisin klo 8–12",
        ),
        meetings=(
            MeetingSpec(
                MeetingStatus.CANCELLED,
                -3,
                14,
                60,
                MeetingPlace.HOME,
                "Aaron kanssa keskustelu",
                "Aaro sairastui, siirretään myöhemmäksi.",
            ),
            MeetingSpec(
                MeetingStatus.AGREED,
                6,
                14,
                60,
                MeetingPlace.FAMILY_CENTRE,
                "Aaron kanssa keskustelu",
            ),
        ),
        goals=(
            GoalSpec(
                SupportArea.INTERACTION,
                "Puhumme toisillemme rauhallisesti",
                "Sovitut aikalisät riitatilanteissa, viikoittainen perhepalaveri.",
                (
                    GoalEntrySpec(25, "g0", "Huutamista päivittäin.", 3),
                    GoalEntrySpec(18, "w", "Aikalisän malli opeteltu.", None),
                    GoalEntrySpec(10, "g0", "", 4),
                    GoalEntrySpec(3, "g0", "Aikalisä toimii jo joskus.", 5),
                ),
            ),
        ),
        messages=(
            MessageSpec(4, "g0", "Aaro on kipeänä, perutaan huominen.", True),
            MessageSpec(3, "w", "Selvä, paranemisia! Uusi aika on kalenterissa.", True),
        ),
    ),
    FamilySpec(
        name="Pikkarainen",
        municipality=Municipality.PALTAMO,
        address="Kajaanintie 14, 88300 Paltamo",
        worker=WORKER,
        guardians=(("jenni.pikkarainen@example.org", "Jenni Pikkarainen"),),
        children=(("Sisu", 2022),),
        app=AppSpec(
            ApplicationStatus.ACCEPTED,
            24,
            ApplicationChannel.EFORM,
            (SupportArea.PARENTING,),
            "Ensimmäinen lapsi, kaipaan varmuutta vanhemmuuteen.",
            "milloin vain",
        ),
        meetings=(
            MeetingSpec(
                MeetingStatus.HELD,
                -10,
                10,
                60,
                MeetingPlace.HOME,
                "Tutustuminen",
                "Tutustuimme ja juttelimme Sisun päivärytmistä.",
                "",
                (Method.DISCUSSION, Method.GUIDANCE),
            ),
            MeetingSpec(
                MeetingStatus.AGREED, 2, 12, 60, MeetingPlace.HOME, "Leikki ja vuorovaikutus"
            ),
        ),
        goals=(
            GoalSpec(
                SupportArea.PARENTING,
                "Luotan omaan vanhemmuuteeni",
                "Mallinnetaan leikkihetkiä yhdessä.",
                (
                    GoalEntrySpec(18, "g0", "", 4),
                    GoalEntrySpec(10, "w", "Leikkihetki mallinnettu.", None),
                    GoalEntrySpec(3, "g0", "Rohkeampi olo jo.", 6),
                ),
            ),
        ),
        messages=(MessageSpec(2, "g0", "Voiko ensi kerralla ottaa mukaan mummon?", False),),
    ),
    FamilySpec(
        name="Komulainen",
        municipality=Municipality.PUOLANKA,
        address="Kauppatie 9, 89200 Puolanka",
        worker=WORKER,
        guardians=(("heikki.komulainen@example.org", "Heikki Komulainen"),),
        children=(("Venla", 2012),),
        app=AppSpec(
            ApplicationStatus.ACCEPTED,
            200,
            ApplicationChannel.PHONE,
            (SupportArea.EVERYDAY, SupportArea.RESOURCES),
            "Ero ja muutto, arki uudessa kodissa tarvitsee rakennetta.",
            "arkisin",
        ),
        meetings=(
            MeetingSpec(
                MeetingStatus.HELD,
                -25,
                13,
                60,
                MeetingPlace.HOME,
                "Loppuarviointi",
                "Arvioimme yhdessä työskentelyn: arki sujuu ja tavoitteet täyttyivät.",
                "Ei jatkotarvetta.",
                (Method.EVALUATION, Method.DISCUSSION),
            ),
        ),
        closed=(
            20,
            "Perhetyö päättyi tavoitteiden toteuduttua. Arki on vakiintunut ja Venla "
            "on sopeutunut uuteen kouluun. Perhe tietää, mistä saa tarvittaessa apua.",
        ),
    ),
    FamilySpec(
        name="Ryynänen",
        municipality=Municipality.RISTIJARVI,
        address="Ristijärventie 2, 88400 Ristijärvi",
        worker=WORKER2,
        guardians=(("johanna.ryynanen@example.org", "Johanna Ryynänen"),),
        children=(("Eino", 2015),),
        app=AppSpec(
            ApplicationStatus.ACCEPTED,
            40,
            ApplicationChannel.EFORM,
            (SupportArea.GROWTH,),
            "Einon tunnesäätely huolestuttaa.",
            "arkisin",
        ),
        meetings=(
            MeetingSpec(
                MeetingStatus.AGREED, 4, 13, 60, MeetingPlace.HOME, "Tunnekortit Einon kanssa"
            ),
        ),
        goals=(
            GoalSpec(
                SupportArea.GROWTH,
                "Eino osaa nimetä tunteitaan",
                "Tunnekortit päivittäin.",
                (
                    GoalEntrySpec(20, "g0", "", 3),
                    GoalEntrySpec(12, "w", "Kortit otettu käyttöön.", None),
                    GoalEntrySpec(4, "g0", "", 5),
                ),
            ),
        ),
        messages=(MessageSpec(5, "w", "Tunnekortit tulevat mukanani ensi käynnillä.", True),),
    ),
    FamilySpec(
        name="Moilanen",
        municipality=Municipality.KAJAANI,
        address="Lönnrotinkatu 7 C 15, 87100 Kajaani",
        worker=WORKER2,
        guardians=(("tuomas.moilanen@example.org", "Tuomas Moilanen"),),
        children=(("Oona", 2019), ("Elias", 2019)),
        app=AppSpec(
            ApplicationStatus.ACCEPTED,
            28,
            ApplicationChannel.PHONE,
            (SupportArea.EVERYDAY,),
            "Kaksosten kanssa arki on hektistä.",
            "iltaisin",
        ),
        meetings=(
            MeetingSpec(
                MeetingStatus.PROPOSED, 7, 16, 60, MeetingPlace.REMOTE, "Viikkosuunnitelma etänä"
            ),
        ),
        messages=(MessageSpec(2, "g0", "Sopiiko etätapaaminen Teamsissa?", False),),
    ),
)
