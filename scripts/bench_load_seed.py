"""The synthetic people of scripts/bench_load.py: per block of ten, one worker and nine guardians,
each guardian with an own active family of that worker, and a live session for everyone (an
AuthSession row holding the SHA-256 of a random token, as auth.redeem_signin_ticket makes it).
Everyone can also sign in for real: the password is BENCH_PASSWORD (one argon2 hash shared by
all, made once) and the workers' second factor is the demo TOTP secret."""

import os
import time
from datetime import date, timedelta

from bench_load_client import Person
from sqlmodel import Session

from familywork_app.db import make_engine
from familywork_app.domain import Municipality
from familywork_app.models import (
    Application,
    AuthSession,
    Child,
    Family,
    FamilyGuardian,
    Goal,
    GoalEntry,
    Meeting,
    Message,
    User,
    utcnow,
)
from familywork_app.services.secret_box import seal
from familywork_app.services.security import hash_password, new_token, token_hash
from familywork_app.services.totp import DEMO_SECRET

BENCH_PASSWORD = "kuormitustesti-2026-salasana"


def seed(db_url: str, count: int) -> list[Person]:
    """`count` synthetic people (blocks of 1 worker + 9 guardians) with live sessions."""
    tag, now, today = f"{int(time.time())}-{os.getpid()}", utcnow(), date.today()
    people: list[Person] = []
    password_hash, totp_secret = hash_password(BENCH_PASSWORD), seal(DEMO_SECRET)
    with Session(make_engine(db_url)) as db:
        worker = None
        for i in range(count):
            role = "worker" if i % 10 == 0 else "guardian"
            user = User(
                email=f"bench-{tag}-{i}@example.org",
                role=role,
                language="fi",
                display_name=f"{'Työntekijä' if role == 'worker' else 'Huoltaja'} {i}",
                password_hash=password_hash,
            )
            if role == "worker":
                user.totp_secret, user.totp_enabled_at = totp_secret, now
            db.add(user)
            db.flush()
            token = new_token()
            db.add(
                AuthSession(
                    user_id=user.id,
                    token_hash=token_hash(token),
                    expires_at=now + timedelta(hours=12),
                    user_agent="bench_load",
                )
            )
            people.append(Person(user.email, role, token))
            if role == "worker":
                worker = (user, people[-1])
                continue
            family = Family(
                name=f"Kuorma {i}",
                address=f"Testitie {i}",
                status="active",
                municipality=list(Municipality)[i % len(Municipality)],
                worker_id=worker[0].id,
                opened_on=today - timedelta(days=60),
            )
            db.add(family)
            db.flush()
            worker[1].families.append(family.id)
            w, g = worker[0].id, user.id
            db.add_all(
                [
                    FamilyGuardian(family_id=family.id, user_id=g),
                    Child(family_id=family.id, first_name="Aino", birth_year=today.year - 7),
                    Application(
                        family_id=family.id,
                        support_areas=["parenting", "everyday"],
                        description="Arki on raskasta.",
                        consent=True,
                        status="accepted",
                        submitted_at=now - timedelta(days=70),
                        submitted_by_id=g,
                        decided_at=now - timedelta(days=62),
                        decided_by_id=w,
                    ),
                ]
            )
            for area, title in (("everyday", "Arjen rytmi"), ("parenting", "Rauhalliset illat")):
                goal = Goal(family_id=family.id, title=title, support_area=area, created_by_id=w)
                db.add(goal)
                db.flush()
                db.add(GoalEntry(goal_id=goal.id, author_id=g, text="Menee paremmin.", rating=6))
            for k in range(6):
                sent = now - timedelta(days=30 - 5 * k)
                db.add(
                    Message(
                        family_id=family.id,
                        sender_id=(g, w)[k % 2],
                        sent_at=sent,
                        body="Hei, sopiiko torstai?",
                        read_at=sent + timedelta(hours=3),
                        read_by_id=(w, g)[k % 2],
                    )
                )
            held = now - timedelta(days=14)
            db.add(
                Meeting(
                    family_id=family.id,
                    worker_id=w,
                    status="held",
                    starts_at=held,
                    ends_at=held + timedelta(hours=1),
                    proposed_by_id=w,
                    agreed_at=held - timedelta(days=5),
                    held_at=held,
                    summary="Puhuimme iltarutiineista.",
                )
            )
            for k in range(3):
                start = now + timedelta(days=7 + 7 * k, hours=1)
                db.add(
                    Meeting(
                        family_id=family.id,
                        worker_id=w,
                        status="proposed",
                        starts_at=start,
                        ends_at=start + timedelta(hours=1),
                        proposed_by_id=w,
                        topic="Kuulumiset",
                    )
                )
        db.commit()
    return people
