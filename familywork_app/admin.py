"""Maintenance commands: consistent online backup and restore, and anonymising test data.

    python -m familywork_app.admin backup FILE       # SQLite: backup API; PostgreSQL: pg_dump -Fc
    python -m familywork_app.admin restore FILE      # into the configured (empty) database
    python -m familywork_app.admin anonymise --test-data-only
    python -m familywork_app.admin first-supervisor EMAIL "NAME"   # a new deployment's first user
    python -m familywork_app.admin end-covers      # absence covers due today end now (also hourly)

The database is the one REFLEX_DB_URL names. Nothing here deletes client records: the law keeps
family-services records for years. `anonymise` is for copies of test or training data only.
"""

import argparse
import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from familywork_app.config import db_url
from familywork_app.db import make_engine
from familywork_app.domain import Role, TokenPurpose
from familywork_app.models import Application, Child, Family, GoalEntry, Meeting, Message, User


def _sqlite_path(url: str) -> str:
    return make_url(url).database or ""


def _pg_url(url: str) -> str:
    """libpq form of a SQLAlchemy PostgreSQL URL (drops the +driver part)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def backup(url: str, target: Path) -> None:
    """A consistent copy while the app keeps writing (SQLite online backup / pg_dump snapshot)."""
    if url.startswith("sqlite"):
        with sqlite3.connect(_sqlite_path(url)) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        return
    subprocess.run(["pg_dump", "--format=custom", "--file", str(target), _pg_url(url)], check=True)


def restore(url: str, source: Path) -> None:
    """Restore a backup into the configured database (which should be new and empty)."""
    if url.startswith("sqlite"):
        with sqlite3.connect(source) as backup_db, sqlite3.connect(_sqlite_path(url)) as target:
            backup_db.backup(target)
        return
    subprocess.run(
        [
            "pg_restore",
            "--no-owner",
            "--clean",
            "--if-exists",
            "--dbname",
            _pg_url(url),
            str(source),
        ],
        check=True,
    )


def anonymise(session: Session) -> int:
    """Replace names, contact details and free texts with neutral placeholders; keep the rows,
    ids, dates, statuses and ratings (useful for testing and training). Returns rows changed."""
    changed = 0
    for user in session.exec(select(User)):
        user.display_name, user.phone = f"Henkilö {user.id}", ""
        user.email = f"user{user.id}@example.invalid"
        changed += 1
    for family in session.exec(select(Family)):
        family.name, family.address = f"Perhe {family.id}", ""
        family.closing_summary = "…" if family.closing_summary else ""
        changed += 1
    for child in session.exec(select(Child)):
        child.first_name = f"Lapsi {child.id}"
        changed += 1
    for row in session.exec(select(Application)):
        row.description, row.reachable = "…", ""
        changed += 1
    for row in session.exec(select(Meeting)):
        row.place_detail, row.topic = "", "…"
        row.summary = "…" if row.summary else ""
        row.internal_note = "…" if row.internal_note else ""
        row.change_note = "…" if row.change_note else ""
        row.cancel_reason = "…" if row.cancel_reason else ""
        changed += 1
    for row in list(session.exec(select(Message))) + list(session.exec(select(GoalEntry))):
        if isinstance(row, Message):
            row.body = "…"
        else:
            row.text = "…" if row.text else ""
        changed += 1
    session.commit()
    return changed


def first_supervisor(session: Session, email: str, name: str) -> str:
    """The first supervisor of a new deployment (no demo data there): a set-password link to
    print. Refused once any supervisor exists; more staff are invited from the app."""
    from familywork_app.services.auth import email_problem, normalise_email
    from familywork_app.services.staff import new_password_token, password_link

    if session.exec(select(User).where(User.role == Role.SUPERVISOR)).first() is not None:
        raise SystemExit("Refused: a supervisor already exists; invite staff from the app.")
    address = normalise_email(email)
    if email_problem(address) or not name.strip():
        raise SystemExit("Give a valid e-mail address and a name.")
    user = User(email=address, role=Role.SUPERVISOR, display_name=name.strip()[:120])
    session.add(user)
    session.flush()
    token = new_password_token(session, TokenPurpose.SET_PASSWORD, user, user)
    session.commit()
    return password_link(token)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m familywork_app.admin",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("backup").add_argument("file", type=Path)
    commands.add_parser("restore").add_argument("file", type=Path)
    anon = commands.add_parser("anonymise")
    anon.add_argument(
        "--test-data-only",
        action="store_true",
        help="confirm that this database holds test or training data only",
    )
    first = commands.add_parser("first-supervisor")
    first.add_argument("email")
    first.add_argument("name")
    commands.add_parser("end-covers")
    args = parser.parse_args(argv)
    url = db_url()
    if args.command == "end-covers":
        from familywork_app.services.case_process import helsinki_today
        from familywork_app.services.cover_lapse import end_expired_covers

        with Session(make_engine(url)) as session:
            returned = end_expired_covers(session, helsinki_today())
        print(f"absence covers ended: {len(returned)} families back with their workers")
        return 0
    if args.command == "first-supervisor":
        with Session(make_engine(url)) as session:
            link = first_supervisor(session, args.email, args.name)
        print(f"Supervisor created. Set the password (and then the second factor) at: {link}")
        return 0
    if args.command == "backup":
        backup(url, args.file)
        print(f"backup written to {args.file}")
    elif args.command == "restore":
        restore(url, args.file)
        print(f"restored {args.file}")
    else:
        if not args.test_data_only:
            print("Refused: pass --test-data-only to confirm this is not a production database.")
            return 2
        with Session(make_engine(url)) as session:
            print(f"anonymised {anonymise(session)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
