"""A remote meeting's video link on a phone (issue 17): the family's meetings page shows the
"Join" link only from 10 minutes before the start, by the page's own clock (Playwright's clock
moves it), the link opens the video room, and the meeting's .ics holds the same link."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from familywork_app.db import make_engine
from familywork_app.domain import MeetingPlace, MeetingStatus
from familywork_app.models import Family, Meeting
from tests.e2e import conftest
from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import (
    app_env,
    open_page,
    prepare_database,
    sign_in,
    start_app,
    wait_ready,
)
from tests.processes import stop_process_group

pytestmark = pytest.mark.e2e

TEMPLATE = "https://meet.example.fi/{room}"
ROOM = re.compile(r"^https://meet\.example\.fi/[0-9a-f]{32}$")


def _remote_meeting(db_url: str) -> tuple[int, int, datetime]:
    """An agreed remote meeting of the demo family Kemppainen, three hours from now."""
    start = (datetime.now(UTC) + timedelta(hours=3)).replace(second=0, microsecond=0)
    engine = make_engine(db_url)
    with Session(engine) as session:
        family = session.exec(select(Family).where(Family.name == "Kemppainen")).one()
        meeting = Meeting(
            family_id=family.id,
            worker_id=family.worker_id,
            status=MeetingStatus.AGREED,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            place=MeetingPlace.REMOTE,
            topic="Etätapaaminen",
            proposed_by_id=family.worker_id,
            agreed_at=datetime.now(UTC),
        )
        session.add(meeting)
        session.commit()
        meeting_id, family_id = meeting.id, meeting.family_id
    engine.dispose()
    return meeting_id, family_id, start


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """This module's own server: the demo data, a remote meeting, and a video link template."""
    workdir = tmp_path_factory.mktemp("e2e-video")
    conftest._LAST_STEP.clear()
    env = app_env(f"sqlite:///{workdir / 'e2e.db'}", FAMILYWORK_VIDEO_URL_TEMPLATE=TEMPLATE)
    prepare_database(env)
    meeting_id, family_id, start = _remote_meeting(env["REFLEX_DB_URL"])
    process = start_app(env, workdir / "app.log")
    try:
        yield {
            "base": conftest.BASE,
            "db_url": env["REFLEX_DB_URL"],
            "starts_at": start,
            "meeting_id": meeting_id,
            "family_id": family_id,
        }
    finally:
        stop_process_group(process)


def test_the_join_link_opens_at_start_time_and_the_ics_holds_it(phone, app_server):
    start = app_server["starts_at"]
    clock_start = start - timedelta(hours=1)
    phone.clock.install(time=clock_start)  # the phone's clock: an hour before the meeting
    sign_in(phone, "family@example.org", home="/family")
    open_page(phone, "/family/meetings")
    section = phone.get_by_role("region", name="Videotapaamiset")
    join = section.get_by_role("link", name="Liity videotapaamiseen")
    expect(section.get_by_text("Liity-painike avautuu klo")).to_be_visible()
    expect(join).to_be_hidden()
    assert axe_violations(phone) == []

    phone.clock.fast_forward(int((start - clock_start).total_seconds() * 1000))  # start time
    expect(join).to_be_visible(timeout=15_000)
    link = join.get_attribute("href") or ""
    assert ROOM.match(link), link
    assert axe_violations(phone) == []

    phone.context.route(
        "https://meet.example.fi/**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<title>Videohuone</title><h1>Huone</h1>"
        ),
    )
    with phone.context.expect_page() as opened:
        join.click()
    room = opened.value
    room.wait_for_load_state()
    assert room.url == link
    room.close()

    ics_href = f"/calendar/meeting/{app_server['meeting_id']}.ics"
    expect(phone.locator(f'a[href="{ics_href}"]')).to_have_text("Lisää kalenteriin")
    answer = phone.request.get(ics_href)
    assert answer.ok
    unfolded = answer.text().replace("\r\n ", "")
    assert f"URL:{link}" in unfolded


def test_the_worker_pastes_a_link_and_a_wrong_one_is_refused_beside_the_field(tablet, app_server):
    sign_in(tablet, "worker@example.org", home="/caseload")
    open_page(tablet, f"/record/{app_server['family_id']}")
    section = tablet.get_by_role("region", name="Videotapaamiset")
    expect(section.get_by_text("Linkki on tehty automaattisesti.")).to_be_visible()
    field = section.get_by_label("Videolinkki (https)", exact=False)
    field.fill("http://teams.example.com/l/abc")
    section.get_by_role("button", name="Tallenna linkki").click()
    expect(section.get_by_text("Anna linkki, joka alkaa https://")).to_be_visible()
    teams = "https://teams.example.com/l/meetup-join/abc"
    field.fill(teams)
    section.get_by_role("button", name="Tallenna linkki").click()
    expect(section.get_by_role("link", name=teams)).to_be_visible()
    expect(section.get_by_text("Linkki on tehty automaattisesti.")).to_be_hidden()
    assert axe_violations(tablet) == []


SWITCH = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
HEADINGS = {
    "fi": ("Muistutukset tapaamisista", "Videotapaamiset", "Liity videotapaamiseen"),
    "sv": ("Påminnelser om möten", "Videomöten", "Anslut till videomötet"),
    "en": ("Meeting reminders", "Video meetings", "Join the video meeting"),
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_reminder_settings_and_the_join_link_in_each_language_pass_axe(phone, app_server, lang):
    phone.clock.install(time=app_server["starts_at"])  # the meeting's start on the phone
    sign_in(phone, "family@example.org", home="/family")
    with phone.expect_navigation():
        phone.get_by_role("button", name=SWITCH[lang]).click()
    wait_ready(phone)
    reminders, video, join = HEADINGS[lang]
    open_page(phone, "/settings")
    card = phone.get_by_role("region", name=reminders)
    expect(card).to_be_visible()
    assert axe_violations(phone) == [], "/settings"
    if lang == "fi":  # the choices are kept
        card.get_by_label("Sähköpostina").check()
        card.get_by_label("Myös kaksi tuntia ennen tapaamista").check()
        card.get_by_role("button", name="Tallenna muistutukset").click()
        phone.wait_for_timeout(1500)  # real time: the save's event reaches the server
        open_page(phone, "/settings")
        expect(card.get_by_label("Myös kaksi tuntia ennen tapaamista")).to_be_checked()
        expect(card.get_by_label("Ilmoituksena", exact=False)).to_be_checked()
    open_page(phone, "/family/meetings")
    expect(phone.get_by_role("region", name=video).get_by_role("link", name=join)).to_be_visible()
    assert axe_violations(phone) == [], "/family/meetings"
