"""Server-time benchmark of the caseload, the supervisor's overview, the work list (a worker's
and the supervisor's over all 5,000 families) and the service figures.

Run from the project root:

    .venv/bin/python scripts/bench_caseload.py
    .venv/bin/python scripts/bench_caseload.py --runs 15            # more measured runs
    .venv/bin/python scripts/bench_caseload.py --postgres postgresql+psycopg://user:pw@host/db

It builds a fresh SQLite database in a temporary directory by running the Alembic migrations,
bulk-inserts (SQLAlchemy Core) a county-sized data set -- 1 supervisor, 84 workers,
5,000 families (60 of them for the measured worker; mostly active, some applied with a
submitted or in-review application, some closed), 1-2 guardians each, 100,000 messages (some
unread), ~20,000 meetings, ~10,000 goals, the client process's steps and plans -- and then
times each service call (time.perf_counter around the call, each call in a fresh Session,
1 warm-up and 7 measured runs) and counts the SQL statements it sends. The target is under
300 ms per call.

With --postgres URL the same is done on PostgreSQL: a new database (familywork_bench_<pid>) is
created on that server (the URL's user needs CREATEDB), migrated, filled, measured and dropped
at the end (--keep keeps it). The database named in the URL is not touched.
This is a script, not a test; it takes about a minute.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from alembic.config import Config  # noqa: E402
from sqlalchemy import event, make_url, text  # noqa: E402
from sqlmodel import Session  # noqa: E402

from alembic import command  # noqa: E402
from familywork_app.db import make_engine  # noqa: E402
from familywork_app.domain import Municipality, SupportArea, values  # noqa: E402
from familywork_app.models import (  # noqa: E402
    Application,
    CaseStep,
    ClientPlan,
    Family,
    FamilyGuardian,
    Goal,
    Meeting,
    Message,
    User,
    utcnow,
)
from familywork_app.services.caseload import caseload, overview  # noqa: E402
from familywork_app.services.supervision import service_figures  # noqa: E402
from familywork_app.services.work_list import work_list  # noqa: E402

TARGET_MS = 300
SEED = 20261127
WORKERS = 84
FAMILIES = 5000
OWN_FAMILIES = 60
MESSAGES = 100_000
MEETINGS = 20_000
GOALS = 10_000
APPLIED = 400  # families waiting in the queue (no worker yet)
CLOSED_SHARE = 0.12
UNREAD_SHARE = 0.08
SURNAMES = (
    "Heikkinen",
    "Korhonen",
    "Komulainen",
    "Seppänen",
    "Pikkarainen",
    "Moilanen",
    "Ryynänen",
    "Huttunen",
    "Kemppainen",
    "Tolonen",
    "Väisänen",
    "Karjalainen",
    "Kinnunen",
    "Leinonen",
    "Kyllönen",
    "Pulkkinen",
    "Turunen",
    "Keränen",
    "Oikarinen",
    "Juntunen",
    "Kokko",
    "Partanen",
    "Tervo",
    "Heikura",
    "Mustonen",
    "Räisänen",
)
FIRST_NAMES = (
    "Laura",
    "Petri",
    "Minna",
    "Jenni",
    "Heikki",
    "Johanna",
    "Tuomas",
    "Sanna",
    "Satu",
    "Tiina",
    "Mikko",
    "Anna",
    "Jari",
    "Kaisa",
    "Ville",
    "Noora",
)


# --- Database ------------------------------------------------------------------------------


def migrate(url: str) -> None:
    """Run every Alembic migration against `url` (as tests/conftest.py does)."""
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
    cfg.attributes["url"] = url
    command.upgrade(cfg, "head")


def create_pg_database(url: str) -> tuple[str, str]:
    """Create familywork_bench_<pid> on the server of `url`; returns (its URL, its name)."""
    name = f"familywork_bench_{os.getpid()}"
    admin = make_engine(url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(url).set(database=name).render_as_string(hide_password=False), name


def drop_pg_database(url: str, name: str) -> None:
    admin = make_engine(url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


# --- Data ----------------------------------------------------------------------------------


def _defaults(model) -> dict:
    """The model's Python-side defaults (Core inserts do not apply them)."""
    base = {}
    for name, field in model.model_fields.items():
        if name == "id":
            continue
        if field.default_factory is not None:
            base[name] = field.default_factory()
        elif not field.is_required():
            base[name] = field.default
    return base


def _insert(conn, model, rows: list[dict]) -> None:
    base = _defaults(model)
    for start in range(0, len(rows), 20_000):
        chunk = rows[start : start + 20_000]
        conn.execute(model.__table__.insert(), [{**base, **row} for row in chunk])


def build_data(engine) -> dict:
    """Bulk-insert the data set; returns the ids of the people measured and row counts."""
    rng = random.Random(SEED)
    now = utcnow()
    today = now.date()
    users = [
        {
            "id": 1,
            "email": "supervisor@bench.example",
            "role": "supervisor",
            "display_name": "Sari Esihenkilö",
        }
    ]
    for w in range(WORKERS):
        users.append(
            {
                "id": 2 + w,
                "email": f"worker{w}@bench.example",
                "role": "worker",
                "display_name": f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)} {w:02d}",
            }
        )
    worker_ids = [u["id"] for u in users[1:]]
    measured, others = worker_ids[0], worker_ids[1:]

    families, applications, links, guardians_of = [], [], [], {}
    next_user = len(users) + 1
    for fid in range(1, FAMILIES + 1):
        if fid <= OWN_FAMILIES:
            status = "closed" if fid % 10 == 0 else "active"
            worker = measured
        elif fid <= OWN_FAMILIES + APPLIED:
            status, worker = "applied", None
        else:
            status = "closed" if rng.random() < CLOSED_SHARE else "active"
            worker = others[fid % len(others)]
        surname = rng.choice(SURNAMES)
        opened = today - timedelta(days=rng.randint(10, 700)) if worker else None
        families.append(
            {
                "id": fid,
                "name": surname,
                "municipality": rng.choice(values(Municipality)),
                "address": f"Kylätie {fid}",
                "status": status,
                "worker_id": worker,
                "opened_on": opened,
                "closed_on": today - timedelta(days=rng.randint(0, 9))
                if status == "closed"
                else None,
            }
        )
        guardians_of[fid] = []
        for _g in range(rng.choice((1, 1, 2))):
            users.append(
                {
                    "id": next_user,
                    "email": f"guardian{next_user}@bench.example",
                    "role": "guardian",
                    "display_name": f"{rng.choice(FIRST_NAMES)} {surname}",
                }
            )
            links.append({"family_id": fid, "user_id": next_user})
            guardians_of[fid].append(next_user)
            next_user += 1
        areas = rng.sample(values(SupportArea), rng.randint(1, 3))
        if status == "applied":
            submitted = now - timedelta(days=rng.uniform(0, 60))
            applications.append(
                {
                    "family_id": fid,
                    "submitted_at": submitted,
                    "status": rng.choice(("submitted", "in_review")),
                    "support_areas": areas,
                    "consent": True,
                    "submitted_by_id": guardians_of[fid][0],
                }
            )
        else:
            submitted = now - timedelta(days=(today - opened).days + rng.uniform(3, 20))
            applications.append(
                {
                    "family_id": fid,
                    "status": "accepted",
                    "consent": True,
                    "submitted_at": submitted,
                    "support_areas": areas,
                    "submitted_by_id": guardians_of[fid][0],
                    "decided_at": submitted + timedelta(days=3),
                    "decided_by_id": 1,
                }
            )

    served = [f for f in families if f["worker_id"]]
    meetings = []
    for family in rng.choices(served, k=MEETINGS):
        starts = now + timedelta(days=rng.uniform(-300, 60), hours=rng.randint(0, 8))
        if starts >= now:
            status = rng.choices(
                ("agreed", "proposed", "change_requested", "cancelled"), (55, 25, 10, 10)
            )[0]
        else:
            status = rng.choices(("held", "cancelled", "agreed"), (80, 15, 5))[0]
        meetings.append(
            {
                "family_id": family["id"],
                "worker_id": family["worker_id"],
                "status": status,
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=1),
                "proposed_by_id": family["worker_id"],
                "proposed_at": starts - timedelta(days=14),
                "summary": "Käytiin läpi aamujen rytmi." if status == "held" else "",
                "agreed_at": starts - timedelta(days=rng.uniform(2, 10))
                if status in ("agreed", "held") and rng.random() < 0.8
                else None,
            }
        )
    goals = [
        {
            "family_id": family["id"],
            "title": "Arjen rytmi",
            "support_area": rng.choice(values(SupportArea)),
            "status": rng.choices(("active", "achieved", "dropped"), (70, 20, 10))[0],
            "created_by_id": family["worker_id"],
        }
        for family in rng.choices(served, k=GOALS)
    ]
    messages = []
    for family in rng.choices(served, k=MESSAGES):
        from_guardian = rng.random() < 0.5
        sender = rng.choice(guardians_of[family["id"]]) if from_guardian else family["worker_id"]
        sent = now - timedelta(days=rng.uniform(0, 300))
        unread = rng.random() < UNREAD_SHARE
        messages.append(
            {
                "family_id": family["id"],
                "sender_id": sender,
                "body": "Hei, sopiiko torstai?",
                "sent_at": sent,
                "read_at": None if unread else sent + timedelta(hours=5),
                "read_by_id": None
                if unread
                else (family["worker_id"] if from_guardian else guardians_of[family["id"]][0]),
            }
        )

    steps, plans = _case_steps(rng, families, applications, today)
    with engine.begin() as conn:
        _insert(conn, User, users)
        _insert(conn, Family, families)
        _insert(conn, FamilyGuardian, links)
        _insert(conn, Application, applications)
        _insert(conn, Meeting, meetings)
        _insert(conn, Goal, goals)
        _insert(conn, Message, messages)
        _insert(conn, CaseStep, steps)
        _insert(conn, ClientPlan, plans)
        if engine.dialect.name == "postgresql":  # explicit ids: move the id sequences on
            for table in ("user", "family"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                        f'(SELECT max(id) FROM "{table}"))'
                    )
                )
        conn.execute(text("ANALYZE"))  # planner statistics, as a live database would have
    return {
        "supervisor": 1,
        "worker": measured,
        "users": len(users),
        "families": len(families),
        "queue": sum(a["status"] != "accepted" for a in applications),
        "meetings": len(meetings),
        "goals": len(goals),
        "messages": len(messages),
        "steps": len(steps),
        "plans": len(plans),
    }


def _case_steps(rng, families, applications, today) -> tuple[list[dict], list[dict]]:
    """The client process of each family with a worker: received on its application's day;
    most assessments started, many completed; a made plan (version 1) for most of those."""
    submitted = {a["family_id"]: a["submitted_at"].date() for a in applications}
    steps, plans = [], []
    for family in families:
        fid, received = family["id"], submitted[family["id"]]
        steps.append({"family_id": fid, "kind": "received", "on": received})
        if not family["worker_id"] or rng.random() < 0.1:
            continue
        started = min(today, received + timedelta(days=rng.randint(1, 12)))
        steps.append({"family_id": fid, "kind": "assessment_started", "on": started})
        if rng.random() < 0.25:
            continue
        completed = min(today, started + timedelta(days=rng.randint(20, 95)))
        steps.append(
            {
                "family_id": fid,
                "kind": "assessment_completed",
                "on": completed,
                "special_support": rng.random() < 0.3,
                "summary": "Yhteenveto.",
            }
        )
        if rng.random() < 0.85:
            made = min(today, completed + timedelta(days=rng.randint(1, 20)))
            steps.append({"family_id": fid, "kind": "plan_made", "on": made})
            plans.append(
                {
                    "family_id": fid,
                    "version": 1,
                    "worker_view": "Näkemys.",
                    "next_review": made + timedelta(days=rng.randint(60, 180)),
                    "created_by_id": family["worker_id"],
                    "made_at": utcnow(),
                }
            )
    return steps, plans


# --- Measuring -----------------------------------------------------------------------------


def measure(engine, user_id: int, call, runs: int) -> tuple[list[float], int, object]:
    """Times of `runs` calls (after one warm-up), each in a fresh Session; statements per call."""
    statements: list[str] = []

    def count(_conn, _cursor, statement, _params, _context, _many):
        statements.append(statement)

    times, counts, result = [], [], None
    event.listen(engine, "before_cursor_execute", count)
    try:
        for run in range(runs + 1):
            with Session(engine, expire_on_commit=False) as session:
                user = session.get(User, user_id)
                statements.clear()
                started = time.perf_counter()
                result = call(session, user)
                elapsed = (time.perf_counter() - started) * 1000
                counts.append(len(statements))
            if run:  # the first run warms caches and is not counted
                times.append(elapsed)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return times, max(counts), result


def bench(url: str, runs: int, label: str) -> bool:
    engine = make_engine(url)
    started = time.perf_counter()
    migrate(url)
    info = build_data(engine)
    print(
        f"{label}: built in {time.perf_counter() - started:.1f} s: {info['users']} users, "
        f"{info['families']} families ({info['queue']} in the queue), {info['meetings']} "
        f"meetings, {info['goals']} goals, {info['messages']} messages, {info['steps']} case "
        f"steps, {info['plans']} plans"
    )
    calls = [
        (
            "caseload(worker)",
            info["worker"],
            lambda s, u: caseload(s, u, ip="127.0.0.1"),
            lambda r: str(len(r)),
        ),
        (
            "overview(supervisor)",
            info["supervisor"],
            lambda s, u: overview(s, u, ip="127.0.0.1"),
            lambda r: f"{info['families']} (queue {len(r.queue)})",
        ),
        (
            "work_list(worker)",
            info["worker"],
            lambda s, u: work_list(s, u, ip="127.0.0.1"),
            lambda r: f"{len({i.family_id for i in r})} ({len(r)} items)",
        ),
        (
            "work_list(supervisor)",
            info["supervisor"],
            lambda s, u: work_list(s, u, ip="127.0.0.1"),
            lambda r: f"{len({i.family_id for i in r})} ({len(r)} items)",
        ),
        (
            "service_figures(supervisor)",
            info["supervisor"],
            lambda s, u: service_figures(s, u, ip="127.0.0.1"),
            lambda r: f"{info['families']} (queue {len(r.queue)})",
        ),
    ]
    header = (
        f"{'call':<29} {'families':>18} {'median ms':>10} {'max ms':>8} "
        f"{'statements':>11}  target < {TARGET_MS} ms"
    )
    print(header)
    print("-" * len(header))
    all_ok = True
    for name, user_id, call, families in calls:
        times, statements, result = measure(engine, user_id, call, runs)
        ok = max(times) < TARGET_MS
        all_ok &= ok
        print(
            f"{name:<29} {families(result):>18} {statistics.median(times):>10.1f} "
            f"{max(times):>8.1f} {statements:>11}  {'OK' if ok else 'OVER'}"
        )
    engine.dispose()
    return all_ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs per call (default 7)")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="also measure on PostgreSQL (a temporary database on that server)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory(prefix="bench_caseload_") as tmp:
        ok &= bench(f"sqlite:///{Path(tmp) / 'bench.db'}", args.runs, "SQLite")
    if args.postgres:
        print()
        url, name = create_pg_database(args.postgres)
        try:
            ok &= bench(url, args.runs, f"PostgreSQL ({name})")
        finally:
            if not args.keep:
                drop_pg_database(args.postgres, name)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
