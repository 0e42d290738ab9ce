# pyright: strict
"""Sending the meeting reminders that `meeting_reminders` claimed: by web push to each of the
guardian's devices, by e-mail and by SMS (`sms_gateway`), as the guardian chose
(`reminder_settings`). The text names no family, topic or place, only the time: "Reminder: you
have a family work meeting tomorrow at 10:00", in the guardian's language. A channel that fails
is logged (without names or numbers) and the others still go; nothing is sent again.

`send_meeting_reminders` is one whole run (plan, claim, send); `familywork_app.reminder_task`
runs it in the app's process every five minutes.
"""

import json
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from familywork_app import routes
from familywork_app.domain import ReminderChannel
from familywork_app.i18n import fmt_date, fmt_time, local, t
from familywork_app.models import MeetingReminder, PushSubscription, User, utcnow
from familywork_app.services import push
from familywork_app.services.mailer import public_url, send_mail
from familywork_app.services.meeting_reminders import ClaimedReminder, claim_all_due
from familywork_app.services.reminder_settings import sms_number, stored_choice
from familywork_app.services.sms_gateway import SmsError, send_sms, sms_enabled

log = logging.getLogger("familywork.reminders")
GONE = (404, 410)


@dataclass(frozen=True, slots=True)
class SentReminder:
    """A reminder this run sent, and by which channels it went (possibly none)."""

    reminder_id: int
    user_id: int
    channels: tuple[ReminderChannel, ...]


def reminder_text(lang: str, starts_at: datetime, now: datetime) -> str:
    """ "Reminder: you have a family work meeting tomorrow at 10:00" (today / tomorrow / on a
    date, in Helsinki time)."""
    days = (local(starts_at).date() - local(now).date()).days
    at = fmt_time(starts_at, lang)
    if days == 0:
        return t(lang, "reminder.text_today", time=at)
    if days == 1:
        return t(lang, "reminder.text_tomorrow", time=at)
    return t(lang, "reminder.text_on_day", date=fmt_date(local(starts_at), lang), time=at)


def _push(session: Session, user: User, text: str) -> bool:
    """Push to every device of the user; True if a push service took it on any."""
    devices = session.exec(
        select(PushSubscription).where(PushSubscription.user_id == user.id)
    ).all()
    payload = json.dumps(
        {
            "title": t(user.language, "notify.push_title"),
            "body": text,
            "url": routes.FAMILY_MEETINGS,
        },
        ensure_ascii=False,
    )
    took = False
    for device in devices:
        status = push.send_push(device.endpoint, device.p256dh, device.auth, payload)
        if status in GONE:
            session.delete(device)
        elif 200 <= status < 300:
            device.last_success_at, took = utcnow(), True
        else:
            device.last_failure_at = utcnow()
    return took


def _mail(user: User, text: str) -> bool:
    lang = user.language
    body = t(
        lang,
        "reminder.mail_body",
        text=text,
        link=public_url(routes.FAMILY_MEETINGS),
        settings=public_url(routes.SETTINGS),
    )
    send_mail(user.email, t(lang, "reminder.mail_subject"), body)
    return True


def _sms(user: User, text: str, reminder_id: int) -> bool:
    number = sms_number(user)
    if not number or not sms_enabled():
        return False
    send_sms(number, text, f"meeting-reminder-{reminder_id}")
    return True


def _deliver(
    session: Session, reminder: ClaimedReminder, now: datetime
) -> tuple[ReminderChannel, ...]:
    """Send one claimed reminder by the guardian's channels; the channels it went by."""
    user = session.get(User, reminder.user_id)
    if user is None or not user.is_active:
        return ()
    choice = stored_choice(session, reminder.user_id)
    text = reminder_text(user.language, reminder.starts_at, now)
    went: list[ReminderChannel] = []
    senders = (
        (ReminderChannel.PUSH, choice.push, lambda: _push(session, user, text)),
        (ReminderChannel.EMAIL, choice.email, lambda: _mail(user, text)),
        (ReminderChannel.SMS, choice.sms, lambda: _sms(user, text, reminder.id)),
    )
    for channel, chosen, send in senders:
        if not chosen:
            continue
        try:
            if send():
                went.append(channel)
        except (SmsError, OSError, ValueError) as error:
            log.warning("meeting reminder by %s failed: %s", channel, type(error).__name__)
    return tuple(went)


def _note_channels(session: Session, sent: list[SentReminder]) -> None:
    ids = [s.reminder_id for s in sent]
    rows = session.exec(select(MeetingReminder).where(col(MeetingReminder.id).in_(ids))).all()
    by_id = {s.reminder_id: s for s in sent}
    for row in rows:
        row.channels = ",".join(by_id[row.id or 0].channels)
        session.add(row)


def send_meeting_reminders(session: Session, now: datetime | None = None) -> list[SentReminder]:
    """One run: plan, claim and send the reminders due at `now` (default: now); the ones this
    call sent. Safe to run at the same time in several processes (`meeting_reminders`)."""
    moment = now or utcnow()
    claimed = claim_all_due(session, moment)
    sent = [SentReminder(r.id, r.user_id, _deliver(session, r, moment)) for r in claimed]
    if sent:
        _note_channels(session, sent)
        log.info("meeting reminders sent: %d", len(sent))
    session.commit()
    return sent
