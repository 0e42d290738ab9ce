"""Telling people that something new is waiting: a web push to each of their devices and, when
they have turned it on, an e-mail (off by default). Neither says what happened, about whom or
when: only "something new is waiting, sign in to see it", in the recipient's language.

Who is told: a new message → the other side (the family's guardians when staff write, the
family's worker when a guardian writes); a meeting proposed, moved or cancelled → the other
side; a decision on the application → the family's guardians (`notification_recipients`). Never
the one who acted, never a deactivated account.

How: the services call `message_sent`, `meeting_changed` or `application_decided` after their
commit. A small background thread pool then reads the recipients, their devices and their
e-mail choice in a short session of its own and does the sending (push POSTs with a few seconds'
timeout, SMTP), so the user's action neither fails nor waits for either. Any
error is logged (without names or ids) and swallowed. Push services' 404/410 answers delete the
subscription. `wait_for_deliveries()` lets tests wait for the queue.
"""

import json
import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass

from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, col, select

from familywork_app import routes
from familywork_app.domain import Language
from familywork_app.i18n import t
from familywork_app.models import Meeting, NotificationPreference, PushSubscription, User, utcnow
from familywork_app.services import ServiceError, push
from familywork_app.services.mailer import public_url, send_mail
from familywork_app.services.notification_recipients import Recipients, recipients
from familywork_app.services.policy import acting_user, saved_id

log = logging.getLogger("familywork.notify")

MEETING_ACTIONS = ("propose_meeting", "move_meeting", "cancel_meeting")
GONE = (404, 410)

_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="familywork-notify")
_pending: set[Future[dict[int, int]]] = set()
_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class Device:
    """One push subscription, as plain data the sender thread can use without a session."""

    id: int
    endpoint: str
    p256dh: str
    auth: str


@dataclass(frozen=True, slots=True)
class Target:
    """One person to tell: their language, where the notice leads, their devices and (when they
    asked for e-mail) their address."""

    lang: Language
    home: str
    email: str
    devices: tuple[Device, ...]


@dataclass(frozen=True, slots=True)
class Wording:
    """The i18n keys of a notice: the push's body, the e-mail's subject and body (the body
    takes {link} and {settings})."""

    push_body: str
    mail_subject: str
    mail_body: str


NEWS = Wording("notify.push_body", "notify.mail_subject", "notify.mail_body")


@dataclass(frozen=True, slots=True)
class DeliveryCount:
    """The test notification's outcome: how many push services took it, how many did not."""

    sent: int
    failed: int


# --- the recipients as plain data --------------------------------------------------------------


def _targets(
    session: Session,
    users: list[User],
    actor_id: int | None,
    *,
    with_email: bool = True,
    link: str = "",
) -> list[Target]:
    """Plain data for the sender thread: per recipient, the language, where the notification
    leads (`link`, else their home), the devices and (if they asked for it) the e-mail."""
    users = [u for u in users if u.id != actor_id]
    ids = [saved_id(u.id) for u in users]
    if not ids:
        return []
    subs = session.exec(
        select(PushSubscription).where(col(PushSubscription.user_id).in_(ids))
    ).all()
    wants_mail = set(
        session.exec(
            select(NotificationPreference.user_id).where(
                col(NotificationPreference.user_id).in_(ids),
                col(NotificationPreference.email_enabled).is_(True),
            )
        )
    )
    return [
        Target(
            lang=u.language,
            home=link or routes.home_for(u.role),
            email=u.email if with_email and u.id in wants_mail else "",
            devices=tuple(
                Device(saved_id(s.id), s.endpoint, s.p256dh, s.auth)
                for s in subs
                if s.user_id == u.id
            ),
        )
        for u in users
    ]


# --- sending -----------------------------------------------------------------------------------


def push_payload(lang: str, home: str, body_key: str = NEWS.push_body) -> str:
    """The whole push message: the service's name, "something new", and where to open it."""
    return json.dumps(
        {"title": t(lang, "notify.push_title"), "body": t(lang, body_key), "url": home},
        ensure_ascii=False,
    )


def _record(session: Session, results: dict[int, int]) -> None:
    """Note each device's outcome; forget the ones the push service says are gone."""
    now = utcnow()
    for sub_id, status in results.items():
        row = session.get(PushSubscription, sub_id)
        if row is None:
            continue
        if status in GONE:
            session.delete(row)
        elif 200 <= status < 300:
            row.last_success_at = now
        else:
            row.last_failure_at = now
    session.commit()


def _send(targets: list[Target], wording: Wording = NEWS) -> dict[int, int]:
    """Push to every device and e-mail whoever asked; {subscription id: HTTP status}."""
    results: dict[int, int] = {}
    for target in targets:
        payload = push_payload(target.lang, target.home, wording.push_body)
        for device in target.devices:
            results[device.id] = push.send_push(
                device.endpoint, device.p256dh, device.auth, payload
            )
        if target.email:
            lang = target.lang
            try:
                send_mail(
                    target.email,
                    t(lang, wording.mail_subject),
                    t(
                        lang,
                        wording.mail_body,
                        link=public_url(target.home),
                        settings=public_url(routes.SETTINGS),
                    ),
                )
            except Exception as error:  # noqa: BLE001 - a mail server problem must not spread
                log.warning("notification e-mail failed: %s", type(error).__name__)
    return results


def _deliver(
    engine: Engine | Connection, actor_id: int, family_id: int, everyone_of: Recipients, kind: str
) -> dict[int, int]:
    """On the sender thread: find the recipients in a short session of its own, send, record."""
    try:
        with Session(engine) as session:
            users = recipients(session, actor_id, family_id, everyone_of)
            targets = [x for x in _targets(session, users, actor_id) if x.devices or x.email]
        if not targets:
            return {}
        log.info("notifying %d people of a %s", len(targets), kind)
        results = _send(targets)
        if results:
            with Session(engine) as session:
                _record(session, results)
        return results
    except Exception as error:  # noqa: BLE001 - runs on the sender thread: log, never raise
        log.warning("notification delivery failed: %s", type(error).__name__)
        return {}


def _queue(
    engine: Engine | Connection, actor_id: int, family_id: int, everyone_of: Recipients, kind: str
) -> None:
    """Hand the finding and sending to the background pool: the user's event waits for neither."""
    future = _executor.submit(_deliver, engine, actor_id, family_id, everyone_of, kind)
    with _lock:
        _pending.add(future)
    future.add_done_callback(_discard)


def _discard(future: Future[dict[int, int]]) -> None:
    with _lock:
        _pending.discard(future)


def wait_for_deliveries(timeout: float = 15) -> None:
    """Wait until every queued notification has been sent (tests; an orderly shutdown)."""
    with _lock:
        pending = list(_pending)
    wait_futures(pending, timeout=timeout)


def _notify(
    session: Session, actor_id: int | None, family_id: int, everyone_of: Recipients, kind: str
) -> None:
    """Queue finding the recipients and telling them; never raises."""
    try:
        _queue(session.get_bind(), saved_id(actor_id), family_id, everyone_of, kind)
    except Exception as error:  # noqa: BLE001 - the user's action has already succeeded
        log.warning("could not queue notifications of a %s: %s", kind, type(error).__name__)


# --- the services' hooks (after their commit) --------------------------------------------------


def message_sent(session: Session, user: User, family_id: int) -> None:
    """`user` wrote a message in the family's conversation: tell the other side."""
    _notify(session, user.id, family_id, Recipients.OTHER_SIDE, "message")


def meeting_changed(session: Session, user: User, meeting: Meeting, action: str) -> None:
    """A meeting was proposed, moved or cancelled by `user`: tell the other side."""
    if action in MEETING_ACTIONS:
        _notify(session, user.id, meeting.family_id, Recipients.OTHER_SIDE, "meeting")


def application_decided(session: Session, user: User, family_id: int) -> None:
    """The application was accepted or declined: tell the family's guardians."""
    _notify(session, user.id, family_id, Recipients.GUARDIANS, "decision")


# --- the app's own reminders to staff (`staff_reminders`) ------------------------------------


def remind(session: Session, users: list[User], link: str, wording: Wording) -> int:
    """Tell each of `users` (the app acts: no one is left out as the actor) with `wording`,
    leading to `link`, on the calling thread (the reminder loop already runs off the event
    loop). Returns how many people had a device or e-mail to tell; never raises."""
    try:
        targets = [x for x in _targets(session, users, None, link=link) if x.devices or x.email]
        results = _send(targets, wording)
        if results:
            _record(session, results)
        return len(targets)
    except Exception as error:  # noqa: BLE001 - a reminder must not stop the others
        log.warning("reminder delivery failed: %s", type(error).__name__)
        return 0


# --- the settings page -------------------------------------------------------------------------


def send_test(session: Session, user: User, ip: str = "") -> DeliveryCount:
    """A test notification to each of the user's own devices, at once (a few seconds at most
    per device); how many push services took it and how many did not."""
    acting_user(user, ip)
    targets = _targets(session, [user], None, with_email=False)
    if not targets or not targets[0].devices:
        raise ServiceError("notify.no_devices")
    results = _send(targets)
    _record(session, results)
    sent = sum(1 for status in results.values() if 200 <= status < 300)
    return DeliveryCount(sent=sent, failed=len(results) - sent)


def email_enabled(session: Session, user: User) -> bool:
    """Whether the user gets e-mail notifications (off unless they turned it on)."""
    pref = session.exec(
        select(NotificationPreference).where(NotificationPreference.user_id == user.id)
    ).first()
    return bool(pref and pref.email_enabled)


def set_email_notifications(session: Session, user: User, enabled: object, ip: str = "") -> bool:
    """Turn the e-mail notifications on or off for the user."""
    acting_user(user, ip)
    if not isinstance(enabled, bool):
        raise ServiceError("error.invalid", field="email")
    pref = session.exec(
        select(NotificationPreference).where(NotificationPreference.user_id == user.id)
    ).first()
    pref = pref or NotificationPreference(user_id=saved_id(user.id))
    pref.email_enabled, pref.updated_at = enabled, utcnow()
    session.add(pref)
    session.commit()
    return enabled
