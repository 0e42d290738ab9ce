"""Demo data: staff, families, applications, meetings, goals and messages in Kainuu.

`load_demo_data(session)` fills an empty database (no users yet) and does nothing otherwise.
All dates are relative to now, so the demo always looks current. Every account signs in with
`DEMO_PASSWORD`. Run `python -m familywork_app.services.demo_data` to load the configured database.
"""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from familywork_app.models import (
    Application, Child, Family, FamilyGuardian, Goal, GoalEntry, Meeting, Message, User, utcnow,
)
from familywork_app.services.security import hash_password

DEMO_PASSWORD = "perhetyo-demo-2026"
HELSINKI = ZoneInfo("Europe/Helsinki")
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
FAMILIES = (
    dict(
        name="Kemppainen", municipality="Kajaani", address="Pohjolankatu 12 B 4, 87100 Kajaani",
        worker=WORKER, guardians=(("family@example.org", "Laura Kemppainen"),
                                  ("family2@example.org", "Jussi Kemppainen")),
        children=(("Eetu", 2017), ("Aino", 2021)),
        app=("accepted", 60, "eform", "parenting,everyday",
             "Arki on kahden lapsen kanssa raskasta, aamut ja iltaisin nukkumaanmeno riitelevät. "
             "Toivomme tukea rutiineihin ja keinoja rauhoittaa tilanteita.", "arkisin klo 9–15"),
        meetings=(
            ("held", -35, 14, 90, "home", "Tutustumiskäynti ja tavoitteiden kirjaaminen",
             "Tutustuimme ja kirjasimme yhdessä kaksi tavoitetta: aamut ja iltarutiinit.",
             "Vanhemmat väsyneitä mutta motivoituneita. Ei huolta lasten turvallisuudesta.",
             "discussion,evaluation"),
            ("held", -14, 13, 60, "home", "Aamujärjestyksen kuvat",
             "Teimme Eetun kanssa aamujärjestyksen kuvakortit jääkaapin oveen.",
             "Eetu innostui korteista. Jussi osallistui ensimmäistä kertaa.",
             "together,cards,child"),
            ("agreed", 3, 10, 60, "home", "Iltarutiinien läpikäynti"),
            ("proposed", 10, 14, 90, "family_centre", "Väliarviointi perhekeskuksessa"),
        ),
        goals=(
            ("everyday", "Aamut sujuvat ilman riitaa",
             "Aamujärjestys kuvina, vaatteet valmiiksi illalla, herätys 15 min aiemmin.",
             ((40, "g0", "Aamut ovat kaoottisia, Eetu myöhästyy usein.", 3),
              (33, "w", "Sovittiin kokeilusta: vaatteet valmiiksi edellisenä iltana.", None),
              (21, "g1", "Vähän parempi, kortit auttavat.", 4),
              (14, "w", "Kuvakortit tehty yhdessä Eetun kanssa.", None),
              (4, "g0", "Eetu ehtii kouluun ajoissa useimpina aamuina.", 6))),
            ("parenting", "Rauhallinen iltarutiini",
             "Sama iltajärjestys joka ilta, ruutuaika päättyy klo 19, iltasatu vuorotellen.",
             ((38, "g1", "Aino nukahtaa vasta kymmeneltä.", 3),
              (28, "w", "Mietittiin iltaan rauhoittumisen hetki ja ruutuajan raja.", None),
              (17, "g0", "", 5),
              (6, "g1", "Iltasatu on vakiintunut, nukahtaminen nopeampaa.", 6))),
        ),
        messages=(
            (20, "w", "Hei! Kiitos käynnistä. Laitoin muistiin sopimamme aamukokeilun.", True),
            (19, "g0", "Kiitos! Kokeillaan heti huomenna.", True),
            (12, "g1", "Kuvakortit ovat jääkaapissa, Eetu näyttää niitä ylpeänä.", True),
            (11, "w", "Hienoa kuulla! Jatketaan niistä ensi kerralla.", True),
            (1, "w", "Muistutus: seuraava käynti on sovittu klo 10 kotonanne. "
                     "Tervetuloa myös Jussi!", False),
        ),
    ),
    dict(
        name="Tolonen", municipality="Sotkamo", address="Kainuuntie 5, 88600 Sotkamo",
        worker=None, guardians=(("applicant@example.org", "Sanna Tolonen"),),
        children=(("Onni", 2019),),
        app=("submitted", 4, "eform", "growth,resources",
             "Olen yksinhuoltaja ja tarvitsisin tukea Onnin uhmaikään ja omaan jaksamiseeni.",
             "arkisin iltapäivisin"),
    ),
    dict(
        name="Väisänen", municipality="Hyrynsalmi", address="Keskustie 21, 89400 Hyrynsalmi",
        worker=None, guardians=(("satu.vaisanen@example.org", "Satu Väisänen"),),
        children=(("Emma", 2014), ("Leo", 2016)),
        app=("in_review", 12, "phone", "interaction",
             "Sisarukset riitelevät paljon, toivomme keinoja perheen vuorovaikutukseen.",
             "parhaiten aamupäivisin"),
    ),
    dict(
        name="Huttunen", municipality="Sotkamo", address="Markkinatie 8 A 2, 88600 Sotkamo",
        worker=WORKER, guardians=(("tiina.huttunen@example.org", "Tiina Huttunen"),),
        children=(("Veeti", 2013),),
        app=("accepted", 45, "eform", "growth,interaction",
             "Veetin koulunkäynti on takkuillut ja kotona on paljon riitaa.",
             "iltaisin klo 16–19"),
        meetings=(
            ("held", -9, 15, 60, "home", "Koulupäivän rytmi",
             "Käytiin läpi Veetin viikko ja tehtiin läksyaikataulu.",
             "Veeti vetäytyvä, seurataan koulun kanssa.", "discussion,child"),
            ("proposed", 5, 15, 60, "home", "Yhteinen tapaaminen Veetin kanssa"),
        ),
        goals=(("growth", "Läksyt tehdään päivittäin", "Läksyhetki klo 17 keittiön pöydässä.",
                ((30, "g0", "Läksyt jäävät usein tekemättä.", 2),
                 (16, "w", "Aikataulu tehty.", None), (9, "g0", "", 4),
                 (2, "g0", "Neljänä päivänä viidestä onnistui!", 6))),),
        messages=(
            (8, "w", "Kiitos tapaamisesta, läksyaikataulu liitteenä paperilla.", True),
            (1, "g0", "Veeti sai kokeesta kahdeksikon, halusin kertoa!", False),
        ),
    ),
    dict(
        name="Korhonen", municipality="Kuhmo", address="Kainuuntie 60, 88900 Kuhmo",
        worker=WORKER, guardians=(("petri.korhonen@example.org", "Petri Korhonen"),
                                  ("maria.korhonen@example.org", "Maria Korhonen")),
        children=(("Ella", 2018), ("Niilo", 2020), ("Iida", 2023)),
        app=("accepted", 70, "paper", "resources,everyday",
             "Kolmen pienen lapsen arki ja vuorotyö uuvuttavat. Toivomme apua arjen rytmiin.",
             "viikonloppuisin tai puhelimitse iltaisin"),
        meetings=(
            ("held", -21, 12, 90, "home", "Perheen voimavarakartta",
             "Teimme yhdessä roolikartan: kuka tekee mitä kotona.",
             "Äidillä paljon kuormaa, isä vuorotyössä.", "rolemap,discussion"),
            ("held", -7, 12, 60, "remote", "Tukiverkoston kartoitus",
             "Mietimme, keneltä isovanhemmista voisi pyytää apua.", "", "networking"),
            ("change_requested", 4, 9, 60, "home", "Arjen viikkosuunnitelma",
             "Petri on silloin töissä, sopisiko perjantai iltapäivällä?"),
        ),
        goals=(("resources", "Vanhemmille oma vapaailta kerran viikossa",
                "Kysytään mummolta apua, sovitaan vuorot kalenteriin.",
                ((50, "g1", "Ei ole ollut omaa aikaa kuukausiin.", 2), (30, "g0", "", 3),
                 (21, "w", "Roolikartta tehty, tukiverkko kartoitettu.", None),
                 (5, "g1", "", 5))),),
        messages=(
            (6, "w", "Ehdotin seuraavaa tapaamista, katsokaa sopiiko.", True),
            (3, "g1", "Voisiko aikaa siirtää? Kirjoitin toiveen tapaamiseen.", False),
        ),
    ),
    dict(
        name="Seppänen", municipality="Suomussalmi", address="Kirkkotie 3, 89600 Suomussalmi",
        worker=WORKER, guardians=(("minna.seppanen@example.org", "Minna Seppänen"),),
        children=(("Lilja", 2016), ("Aaro", 2011)),
        app=("accepted", 30, "eform", "interaction,parenting",
             "Murrosikäisen Aaron kanssa välit ovat tulehtuneet.", "arkisin klo 8–12"),
        meetings=(
            ("cancelled", -3, 14, 60, "home", "Aaron kanssa keskustelu",
             "Aaro sairastui, siirretään myöhemmäksi."),
            ("agreed", 6, 14, 60, "family_centre", "Aaron kanssa keskustelu"),
        ),
        goals=(("interaction", "Puhumme toisillemme rauhallisesti",
                "Sovitut aikalisät riitatilanteissa, viikoittainen perhepalaveri.",
                ((25, "g0", "Huutamista päivittäin.", 3),
                 (18, "w", "Aikalisän malli opeteltu.", None), (10, "g0", "", 4),
                 (3, "g0", "Aikalisä toimii jo joskus.", 5))),),
        messages=(
            (4, "g0", "Aaro on kipeänä, perutaan huominen.", True),
            (3, "w", "Selvä, paranemisia! Uusi aika on kalenterissa.", True),
        ),
    ),
    dict(
        name="Pikkarainen", municipality="Paltamo", address="Kajaanintie 14, 88300 Paltamo",
        worker=WORKER, guardians=(("jenni.pikkarainen@example.org", "Jenni Pikkarainen"),),
        children=(("Sisu", 2022),),
        app=("accepted", 24, "eform", "parenting",
             "Ensimmäinen lapsi, kaipaan varmuutta vanhemmuuteen.", "milloin vain"),
        meetings=(
            ("held", -10, 10, 60, "home", "Tutustuminen",
             "Tutustuimme ja juttelimme Sisun päivärytmistä.", "", "discussion,guidance"),
            ("agreed", 2, 12, 60, "home", "Leikki ja vuorovaikutus"),
        ),
        goals=(("parenting", "Luotan omaan vanhemmuuteeni", "Mallinnetaan leikkihetkiä yhdessä.",
                ((18, "g0", "", 4), (10, "w", "Leikkihetki mallinnettu.", None),
                 (3, "g0", "Rohkeampi olo jo.", 6))),),
        messages=((2, "g0", "Voiko ensi kerralla ottaa mukaan mummon?", False),),
    ),
    dict(
        name="Komulainen", municipality="Puolanka", address="Kauppatie 9, 89200 Puolanka",
        worker=WORKER, guardians=(("heikki.komulainen@example.org", "Heikki Komulainen"),),
        children=(("Venla", 2012),),
        app=("accepted", 200, "phone", "everyday,resources",
             "Ero ja muutto, arki uudessa kodissa tarvitsee rakennetta.", "arkisin"),
        meetings=(("held", -25, 13, 60, "home", "Loppuarviointi",
                    "Arvioimme yhdessä työskentelyn: arki sujuu ja tavoitteet täyttyivät.",
                    "Ei jatkotarvetta.", "evaluation,discussion"),),
        closed=(20, "Perhetyö päättyi tavoitteiden toteuduttua. Arki on vakiintunut ja Venla "
                    "on sopeutunut uuteen kouluun. Perhe tietää, mistä saa tarvittaessa apua."),
    ),
    dict(
        name="Ryynänen", municipality="Ristijärvi",
        address="Ristijärventie 2, 88400 Ristijärvi",
        worker=WORKER2, guardians=(("johanna.ryynanen@example.org", "Johanna Ryynänen"),),
        children=(("Eino", 2015),),
        app=("accepted", 40, "eform", "growth", "Einon tunnesäätely huolestuttaa.", "arkisin"),
        meetings=(("agreed", 4, 13, 60, "home", "Tunnekortit Einon kanssa"),),
        goals=(("growth", "Eino osaa nimetä tunteitaan", "Tunnekortit päivittäin.",
                ((20, "g0", "", 3), (12, "w", "Kortit otettu käyttöön.", None),
                 (4, "g0", "", 5))),),
        messages=((5, "w", "Tunnekortit tulevat mukanani ensi käynnillä.", True),),
    ),
    dict(
        name="Moilanen", municipality="Kajaani", address="Lönnrotinkatu 7 C 15, 87100 Kajaani",
        worker=WORKER2, guardians=(("tuomas.moilanen@example.org", "Tuomas Moilanen"),),
        children=(("Oona", 2019), ("Elias", 2019)),
        app=("accepted", 28, "phone", "everyday", "Kaksosten kanssa arki on hektistä.",
             "iltaisin"),
        meetings=(("proposed", 7, 16, 60, "remote", "Viikkosuunnitelma etänä"),),
        messages=((2, "g0", "Sopiiko etätapaaminen Teamsissa?", False),),
    ),
)


def _local(now: datetime, days: int, hour: int, minute: int = 0) -> datetime:
    """`hour`:`minute` Helsinki time, `days` from today, as UTC."""
    day = (now.astimezone(HELSINKI) + timedelta(days=days)).date()
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=HELSINKI).astimezone(
        timezone.utc)


def _users(session: Session, password_hash: str) -> dict[str, User]:
    """Staff and every family's guardians, keyed by e-mail."""
    people = list(STAFF)
    for spec in FAMILIES:
        people += [(email, "guardian", name) for email, name in spec["guardians"]]
    users = {}
    for i, (email, role, name) in enumerate(people):
        phone = f"040 555 {i:04d}" if role == "guardian" else ""
        users[email] = User(email=email, role=role, display_name=name, phone=phone,
                            language="fi", password_hash=password_hash)
        session.add(users[email])
    session.flush()
    return users


def _application(family: Family, spec: dict, users: dict, now: datetime) -> Application:
    """The family's one application; a decided one also opens the family."""
    status, days_ago, channel, areas, description, reachable = spec["app"]
    submitted = now - timedelta(days=days_ago, hours=3)
    worker = users.get(spec["worker"] or "")
    app = Application(family_id=family.id, channel=channel, support_areas=areas,
                      description=description, reachable=reachable, consent=True, status=status,
                      submitted_at=submitted, submitted_by_id=users[spec["guardians"][0][0]].id)
    if channel != "eform":
        app.submitted_by_id = (worker or users[SUPERVISOR]).id
    if status != "submitted":
        app.in_review_at = submitted + timedelta(days=1)
    if status == "accepted":
        app.decided_at = submitted + timedelta(days=3)
        app.decided_by_id = users[SUPERVISOR].id
        app.decision_note = f"Perhetyö alkaa. Työntekijänä {worker.display_name}."
        family.opened_on = app.decided_at.date()
    return app


def _meeting(family: Family, row: tuple, guardian: User, now: datetime) -> Meeting:
    """One meeting from a spec row, with the timestamps its status implies."""
    status, days, hour, minutes, place, topic, *extra = row
    text, internal, methods = (*extra, "", "", "")[:3]
    starts = _local(now, days, hour)
    worker_id = family.worker_id
    proposed = min(starts - timedelta(days=7), now - timedelta(days=2))
    meeting = Meeting(family_id=family.id, worker_id=worker_id, status=status, starts_at=starts,
                      ends_at=starts + timedelta(minutes=minutes), place=place, topic=topic,
                      proposed_by_id=worker_id, proposed_at=proposed)
    if status in ("agreed", "held"):
        meeting.agreed_at = proposed + timedelta(days=1)
    if status == "held":
        meeting.summary, meeting.internal_note, meeting.methods = text, internal, methods
        meeting.held_at = meeting.ends_at
    elif status == "change_requested":
        meeting.change_note = text
    elif status == "cancelled":
        meeting.cancel_reason, meeting.cancelled_by_id = text, guardian.id
    return meeting


def _goals(session: Session, family: Family, spec: dict, authors: dict, now: datetime) -> None:
    """Active goals with progress entries from both sides."""
    for area, title, what_we_do, entries in spec.get("goals", ()):
        first = max(days for days, *_ in entries) + 1
        goal = Goal(family_id=family.id, title=title, support_area=area, what_we_do=what_we_do,
                    target_date=(now + timedelta(days=60)).date(), status="active",
                    created_by_id=family.worker_id, created_at=now - timedelta(days=first))
        session.add(goal)
        session.flush()
        for days, who, text, rating in entries:
            session.add(GoalEntry(goal_id=goal.id, author_id=authors[who].id, text=text,
                                  rating=rating, created_at=now - timedelta(days=days, hours=2)))


def _messages(session: Session, family: Family, spec: dict, authors: dict, now: datetime) -> None:
    """The family's conversation; unread ones have no read_at."""
    for days, who, body, read in spec.get("messages", ()):
        sent = now - timedelta(days=days, hours=5)
        reader = authors["g0"] if who == "w" else authors["w"]
        session.add(Message(family_id=family.id, sender_id=authors[who].id, body=body, sent_at=sent,
                            read_at=sent + timedelta(hours=2) if read else None,
                            read_by_id=reader.id if read else None))


def _family(session: Session, spec: dict, users: dict, now: datetime) -> None:
    """One family with its guardians, children, application and casework."""
    worker = users.get(spec["worker"] or "")
    status = {"accepted": "active"}.get(spec["app"][0], "applied")
    family = Family(name=spec["name"], municipality=spec["municipality"], address=spec["address"],
                    status=status, worker_id=worker.id if worker else None,
                    created_at=now - timedelta(days=spec["app"][1], hours=3))
    if "closed" in spec:
        days_ago, family.closing_summary = spec["closed"]
        family.status, family.closed_on = "closed", (now - timedelta(days=days_ago)).date()
    session.add(family)
    session.flush()
    guardians = [users[email] for email, _ in spec["guardians"]]
    session.add(_application(family, spec, users, now))
    for guardian in guardians:
        session.add(FamilyGuardian(family_id=family.id, user_id=guardian.id,
                                   added_at=family.created_at))
    for first_name, birth_year in spec["children"]:
        session.add(Child(family_id=family.id, first_name=first_name, birth_year=birth_year))
    for row in spec.get("meetings", ()):
        session.add(_meeting(family, row, guardians[0], now))
    authors = {"w": worker, **{f"g{i}": g for i, g in enumerate(guardians)}}
    _goals(session, family, spec, authors, now)
    _messages(session, family, spec, authors, now)


def load_demo_data(session: Session) -> bool:
    """Insert the demo data into an empty database and commit; False if any user exists."""
    if session.exec(select(User).limit(1)).first() is not None:
        return False
    now = utcnow()
    users = _users(session, hash_password(DEMO_PASSWORD))
    for spec in FAMILIES:
        _family(session, spec, users, now)
    session.commit()
    return True


def main() -> None:
    """Load the demo data into the configured database."""
    from familywork_app.db import session_scope

    with session_scope() as session:
        loaded = load_demo_data(session)
    if loaded:
        print(f"Demo data loaded. Every account's password: {DEMO_PASSWORD}")
    else:
        print("The database already has users; demo data not loaded.")


if __name__ == "__main__":
    main()
