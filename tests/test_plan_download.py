"""The client plan's printable download over HTTP (`/export/plan/<id>.html`): the family's own
made version as a whole, escaped HTML document in the reader's language, not cached, in the
access log; nobody signed in, another family's guardian, a draft or an unknown id get nothing."""

import asyncio
import concurrent.futures
import re
from datetime import timedelta

import httpx
import pytest
from sqlmodel import func, select

from familywork_app import db as app_db
from familywork_app.config import LANGUAGE_COOKIE, SESSION_COOKIE
from familywork_app.domain import LogAction
from familywork_app.models import AccessLog, User
from familywork_app.services import auth
from familywork_app.services.case_process import helsinki_today
from familywork_app.services.client_plan import acknowledge_plan, make_plan, save_plan_draft
from familywork_app.services.client_plan_rows import PlanEntry
from tests.factories import FamilyWorld, make_family, make_goal

SOON = helsinki_today() + timedelta(days=45)


def _get(path: str, cookies: dict[str, str]) -> httpx.Response:
    from familywork_app.web_routes import auth_api

    async def call():
        transport = httpx.ASGITransport(app=auth_api)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://testserver", cookies=cookies
        ) as client:
            return await client.get(path)

    # In a thread of its own: Playwright's loop may run on this thread (browser tests first).
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, call()).result()


def _signed_in(db, user, lang: str = "fi") -> dict[str, str]:
    redeemed = auth.redeem_signin_ticket(db, auth.issue_signin_ticket(db, user))
    assert redeemed is not None
    token = redeemed[0]
    return {SESSION_COOKIE: token, LANGUAGE_COOKIE: lang}


def _downloads(db, user_id: int | None) -> int:
    return db.exec(
        select(func.count())
        .select_from(AccessLog)
        .where(AccessLog.user_id == user_id, AccessLog.action == LogAction.DOWNLOAD_CLIENT_PLAN)
    ).one()


@pytest.fixture
def app_on_test_db(db, monkeypatch):
    """The HTTP routes open the test's database."""
    monkeypatch.setenv("REFLEX_DB_URL", db.get_bind().url.render_as_string(hide_password=False))
    app_db.get_engine.cache_clear()
    yield db
    app_db.get_engine().dispose()
    app_db.get_engine.cache_clear()


def _worker(world: FamilyWorld) -> User:
    assert world.worker is not None
    return world.worker


def _plan(db, world, title: str, **texts):
    goal = make_goal(db, world, title=title)
    entry = PlanEntry(next_review=SOON.isoformat(), goal_ids=[goal.id], **texts)
    return make_plan(db, _worker(world), world.id, entry)


def test_the_family_downloads_its_plan_as_a_printable_document(app_on_test_db):
    db = app_on_test_db
    world = make_family(db, name="Kemppainen <perhe>", guardians=["Laura K", "Jussi K"])
    laura, jussi = world.guardians
    plan = _plan(db, world, "Rauhalliset aamut", who_does_what="Äiti & isä <herättävät>")
    acknowledge_plan(db, jussi, plan.id, "Hyvä <b>suunnitelma</b>")
    response = _get(f"/export/plan/{plan.id}.html", _signed_in(db, laura))
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-type"].startswith("text/html")
    assert "attachment" in response.headers["content-disposition"]
    page = response.text
    assert page.startswith("<!doctype html><html lang='fi'>")
    assert len(re.findall(r"<h1\b", page)) == 1
    assert "Asiakassuunnitelma: Kemppainen &lt;perhe&gt;" in page
    assert "Versio 1" in page and f"{SOON.day}.{SOON.month}.{SOON.year}" in page
    assert "Äiti &amp; isä &lt;herättävät&gt;" in page and "<herättävät>" not in page
    assert "Rauhalliset aamut" in page and "Jussi K" in page
    assert "Hyvä &lt;b&gt;suunnitelma&lt;/b&gt;" in page
    for heading in ("Perheen näkemys tilanteesta", "Työntekijän näkemys", "Kuka tekee mitä"):
        assert heading in page
    assert "@media print" in page
    assert _downloads(db, laura.id) == 1
    swedish = _get(f"/export/plan/{plan.id}.html", _signed_in(db, laura, "sv")).text
    assert "<html lang='sv'>" in swedish and "Klientplan: Kemppainen" in swedish
    staff = _get(f"/export/plan/{plan.id}.html", _signed_in(db, _worker(world)))
    assert staff.status_code == 200 and _downloads(db, _worker(world).id) == 1


def test_others_nobody_drafts_and_unknown_ids_get_nothing(app_on_test_db):
    db = app_on_test_db
    world = make_family(db, name="Kemppainen")
    other = make_family(db, name="Salainen perhe")
    theirs = _plan(db, other, "Salainen tavoite", worker_view="Salainen näkemys")
    mine = _plan(db, world, "Aamut")
    draft = save_plan_draft(db, _worker(world), world.id, PlanEntry())
    guardian = world.guardians[0]
    cookies = _signed_in(db, guardian)
    for path in (
        f"/export/plan/{theirs.id}.html",  # another family's plan
        f"/export/plan/{draft.id}.html",  # a draft is no document yet
        "/export/plan/999999.html",
        "/export/plan/0.html",
        "/export/plan/abc.html",
        "/export/plan/99999999999999999999999.html",
    ):
        response = _get(path, cookies)
        assert response.status_code == 404, path
        assert "Salainen" not in response.text and "Aamut" not in response.text
        assert response.headers["cache-control"] == "no-store"
    assert _downloads(db, guardian.id) == 0
    nobody = _get(f"/export/plan/{mine.id}.html", {})
    assert nobody.status_code == 403 and "Aamut" not in nobody.text
    ended = _get(f"/export/plan/{mine.id}.html", {SESSION_COOKIE: "not-a-session"})
    assert ended.status_code == 403
    stranger = _get(f"/export/plan/{mine.id}.html", _signed_in(db, _worker(other)))
    assert stranger.status_code == 404 and "Aamut" not in stranger.text
