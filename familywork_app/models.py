"""All database tables of the service (SQLModel).

Times are timezone-aware UTC datetimes (shown in Europe/Helsinki). Enumerated columns hold the
short strings of the `StrEnum`s in `familywork_app.domain`, read and written as enum members
(`columns.EnumString`); a named CHECK constraint (revision 0007) refuses any other value. Lists
are JSON arrays. Models hold no access rules: those live in `services.policy`.
"""

from datetime import UTC, date, datetime, time
from uuid import uuid4

from sqlalchemy import JSON, CheckConstraint, Index, LargeBinary
from sqlmodel import Field, SQLModel, UniqueConstraint

from familywork_app.columns import EnumString, allowed
from familywork_app.domain import (
    ApplicationChannel,
    ApplicationStatus,
    CaseStepKind,
    EvaluationPhase,
    FamilyStatus,
    FileKind,
    GoalStatus,
    Language,
    MeetingPlace,
    MeetingReminderKind,
    MeetingReminderStatus,
    MeetingStatus,
    MethodKind,
    Municipality,
    ReminderKind,
    Respondent,
    Role,
    SupportArea,
    TokenPurpose,
)


def utcnow() -> datetime:
    """Now, aware, in UTC."""
    return datetime.now(UTC)


class User(SQLModel, table=True):
    """A person who signs in: a guardian, a family worker or a supervisor."""

    __table_args__ = (allowed("user", "role", Role), allowed("user", "language", Language))

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    password_hash: str | None = Field(default=None, max_length=255)
    role: Role = Field(sa_type=EnumString(Role, 16))
    display_name: str = Field(max_length=120)
    phone: str = Field(default="", max_length=40)
    # Staff: when the family can usually reach them by phone (revision 0015): weekdays 0-6
    # (Monday 0) and the hours, Helsinki time; none when unset (services.family_worker).
    reachable_days: list[int] = Field(default_factory=list, sa_type=JSON)
    reachable_from: time | None = None
    reachable_until: time | None = None
    language: Language = Field(default=Language.FI, sa_type=EnumString(Language, 2))
    # False until the person picks a language: the pages follow the browser until then
    language_chosen: bool = Field(default=False)
    is_active: bool = Field(default=True)
    created_at: datetime = Field(default_factory=utcnow)
    # Staff second factor (RFC 6238 TOTP): the base32 secret once enrolment is confirmed, sealed
    # by services.secret_box, and the last accepted time step (a code is accepted once only).
    totp_secret: str | None = Field(default=None, max_length=255)
    totp_enabled_at: datetime | None = None
    totp_last_step: int | None = None


class RecoveryCode(SQLModel, table=True):
    """A single-use recovery code for the second factor; only its SHA-256 is stored."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    code_hash: str = Field(max_length=64, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    used_at: datetime | None = None


class AuthSession(SQLModel, table=True):
    """A server-side sign-in session; the browser holds only the random token."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    ended_at: datetime | None = None
    user_agent: str = Field(default="", max_length=300)
    ip: str = Field(default="", max_length=64)


class OneTimeToken(SQLModel, table=True):
    """Single-use tokens: sign-in tickets, invitations, password set/reset links."""

    __table_args__ = (allowed("onetimetoken", "purpose", TokenPurpose),)

    id: int | None = Field(default=None, primary_key=True)
    purpose: TokenPurpose = Field(sa_type=EnumString(TokenPurpose, 24), index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    user_id: int | None = Field(default=None, foreign_key="user.id")
    family_id: int | None = Field(default=None, foreign_key="family.id")
    email: str = Field(default="", max_length=254)
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None


class Family(SQLModel, table=True):
    """A family receiving (or applying for) family work."""

    __table_args__ = (
        allowed("family", "municipality", Municipality),
        allowed("family", "status", FamilyStatus),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    municipality: Municipality = Field(sa_type=EnumString(Municipality, 40))
    address: str = Field(default="", max_length=200)
    status: FamilyStatus = Field(
        default=FamilyStatus.APPLIED, sa_type=EnumString(FamilyStatus, 16), index=True
    )
    worker_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    opened_on: date | None = None
    closed_on: date | None = None
    closing_summary: str = Field(default="", max_length=4000)
    created_at: datetime = Field(default_factory=utcnow)
    # When a guardian gave the closing feedback (once per family); the answers are kept apart,
    # in `Feedback`, with nothing that leads back here (revision 0011).
    feedback_given_at: datetime | None = None
    # The family needs an interpreter, and in which language (revision 0015; the worker edits it)
    interpreter_needed: bool = Field(default=False)
    interpreter_language: str = Field(default="", max_length=60)


class FamilyGuardian(SQLModel, table=True):
    """Links a guardian's account to a family; a family may have several guardians."""

    __table_args__ = (UniqueConstraint("family_id", "user_id"),)
    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    added_at: datetime = Field(default_factory=utcnow)


class Child(SQLModel, table=True):
    """A child of the family: first name and birth year only (data minimisation)."""

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    first_name: str = Field(max_length=60)
    birth_year: int


class Application(SQLModel, table=True):
    """An application for family work, from the e-form, on paper or by phone."""

    __table_args__ = (
        allowed("application", "channel", ApplicationChannel),
        allowed("application", "status", ApplicationStatus),
    )

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    channel: ApplicationChannel = Field(
        default=ApplicationChannel.EFORM, sa_type=EnumString(ApplicationChannel, 8)
    )
    support_areas: list[str] = Field(default_factory=list, sa_type=JSON)  # SupportArea values
    description: str = Field(default="", max_length=2000)
    reachable: str = Field(default="", max_length=200)
    consent: bool = False
    status: ApplicationStatus = Field(
        default=ApplicationStatus.SUBMITTED, sa_type=EnumString(ApplicationStatus, 16), index=True
    )
    submitted_at: datetime = Field(default_factory=utcnow)
    submitted_by_id: int | None = Field(default=None, foreign_key="user.id")
    in_review_at: datetime | None = None
    decision_note: str = Field(default="", max_length=2000)
    decided_by_id: int | None = Field(default=None, foreign_key="user.id")
    decided_at: datetime | None = None


class Meeting(SQLModel, table=True):
    """A meeting between the family and its worker, agreed by both sides."""

    __table_args__ = (
        allowed("meeting", "status", MeetingStatus),
        allowed("meeting", "place", MeetingPlace),
    )

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    worker_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    status: MeetingStatus = Field(
        default=MeetingStatus.PROPOSED, sa_type=EnumString(MeetingStatus, 20), index=True
    )
    starts_at: datetime
    ends_at: datetime
    place: MeetingPlace = Field(default=MeetingPlace.HOME, sa_type=EnumString(MeetingPlace, 16))
    place_detail: str = Field(default="", max_length=200)
    topic: str = Field(default="", max_length=200)
    proposed_by_id: int | None = Field(default=None, foreign_key="user.id")
    proposed_at: datetime = Field(default_factory=utcnow)
    agreed_at: datetime | None = None
    change_note: str = Field(default="", max_length=1000)
    cancel_reason: str = Field(default="", max_length=1000)
    cancelled_by_id: int | None = Field(default=None, foreign_key="user.id")
    summary: str = Field(default="", max_length=4000)  # shared with the family
    internal_note: str = Field(default="", max_length=4000)  # never shown to the family
    methods: list[str] = Field(default_factory=list, sa_type=JSON)  # Method values
    held_at: datetime | None = None
    # Whether an interpreter is booked (revision 0015); None: the family needs none
    interpreter_booked: bool | None = None


class Goal(SQLModel, table=True):
    """A goal written together with the family."""

    __table_args__ = (
        allowed("goal", "support_area", SupportArea),
        allowed("goal", "status", GoalStatus),
    )

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    title: str = Field(max_length=200)
    support_area: SupportArea = Field(sa_type=EnumString(SupportArea, 16))
    what_we_do: str = Field(default="", max_length=2000)
    target_date: date | None = None
    status: GoalStatus = Field(default=GoalStatus.ACTIVE, sa_type=EnumString(GoalStatus, 16))
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    ended_at: datetime | None = None


class GoalEntry(SQLModel, table=True):
    """A progress entry on a goal, from either side, optionally with a 0–10 rating."""

    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = Field(foreign_key="goal.id", index=True)
    author_id: int = Field(foreign_key="user.id")
    text: str = Field(default="", max_length=2000)
    rating: int | None = None
    created_at: datetime = Field(default_factory=utcnow)


class Message(SQLModel, table=True):
    """A message in the family's one conversation with its worker(s)."""

    # Covers the work list's "unanswered since" per family and side (revisions 0009, 0012).
    __table_args__ = (
        Index("ix_message_family_sender_sent", "family_id", "sender_id", "sent_at", "automatic"),
    )

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    sender_id: int = Field(foreign_key="user.id")
    body: str = Field(max_length=2000)
    sent_at: datetime = Field(default_factory=utcnow, index=True)
    read_at: datetime | None = None  # when the other side first read it
    read_by_id: int | None = Field(default=None, foreign_key="user.id")
    # Written by the app in a worker's name (a handover notice), not by the worker: it answers
    # nothing the family asked (the work list's "unanswered" ignores it). Revision 0012.
    automatic: bool = Field(default=False)


class AccessLog(SQLModel, table=True):
    """Append-only record of every read and change of a family's data (käyttöloki)."""

    __table_args__ = (allowed("accesslog", "role", Role),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    user_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    role: Role | None = Field(default=None, sa_type=EnumString(Role, 16))  # None: no user
    family_id: int | None = Field(default=None, foreign_key="family.id", index=True)
    action: str = Field(max_length=40)
    detail: str = Field(default="", max_length=200)
    ip: str = Field(default="", max_length=64)


class SignInAttempt(SQLModel, table=True):
    """Failed and successful sign-in attempts, for rate limiting and the security log."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    email: str = Field(default="", max_length=254, index=True)
    ip: str = Field(default="", max_length=64, index=True)
    success: bool = False


class TogetherSession(SQLModel, table=True):
    """Together mode: a worker's signed-in session locked to one family's activities.

    While it is open the session reaches nothing else (see `auth.resolve_session`); ending it
    needs the worker's PIN (only its argon2 hash is kept) or password."""

    id: int | None = Field(default=None, primary_key=True)
    auth_session_id: int = Field(foreign_key="authsession.id", index=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    worker_id: int = Field(foreign_key="user.id")
    pin_hash: str = Field(max_length=255)
    started_at: datetime = Field(default_factory=utcnow)
    ended_at: datetime | None = None
    failed_unlocks: int = 0


class MethodRecord(SQLModel, table=True):
    """A result of a method done with the family: an evaluation, picked cards, a role map, a
    network map or a child's check-in. `data` is JSON validated by `services.methods`."""

    __table_args__ = (
        allowed("methodrecord", "kind", MethodKind),
        allowed("methodrecord", "phase", EvaluationPhase),
        allowed("methodrecord", "respondent", Respondent),
    )

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    kind: MethodKind = Field(sa_type=EnumString(MethodKind, 16), index=True)
    # Evaluations only.
    phase: EvaluationPhase | None = Field(default=None, sa_type=EnumString(EvaluationPhase, 8))
    respondent: Respondent | None = Field(default=None, sa_type=EnumString(Respondent, 8))
    respondent_user_id: int | None = Field(default=None, foreign_key="user.id")
    child_id: int | None = Field(default=None, foreign_key="child.id")
    data: str = Field(default="{}", max_length=8000)
    note: str = Field(default="", max_length=2000)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    created_by_id: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow, index=True)


# Notifications and the calendar feed (issue 5).
class PushSubscription(SQLModel, table=True):
    """A browser's web-push subscription (one device or browser profile) for a user.

    `p256dh` and `auth` are the browser's public keys (base64url) that the push is encrypted
    to; a subscription the push service answers 404/410 for is deleted."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    endpoint: str = Field(max_length=500, unique=True)
    p256dh: str = Field(max_length=100)
    auth: str = Field(max_length=40)
    created_at: datetime = Field(default_factory=utcnow)
    last_success_at: datetime | None = None
    last_failure_at: datetime | None = None


class NotificationPreference(SQLModel, table=True):
    """A user's notification choices; no row means the defaults (no e-mail)."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", unique=True)
    email_enabled: bool = False
    updated_at: datetime = Field(default_factory=utcnow)


class CalendarFeedToken(SQLModel, table=True):
    """A user's private calendar feed link; only the token's SHA-256 is stored. A user has at
    most one live token (making a new one revokes the old)."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None


# The client process of the Social Welfare Act (issue 16).
class CaseStep(SQLModel, table=True):
    """A dated, attributed step of a family's client process: received, assessment started and
    completed, plan made and reviewed, closed. `special_support` (the child may need special
    support: yes or no) and `summary` (written for the family) belong to the completed
    assessment. `recorded_by_id` is None for the steps revision 0009 made from old data."""

    __table_args__ = (allowed("casestep", "kind", CaseStepKind),)

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    kind: CaseStepKind = Field(sa_type=EnumString(CaseStepKind, 24))
    on: date
    recorded_by_id: int | None = Field(default=None, foreign_key="user.id")
    recorded_at: datetime = Field(default_factory=utcnow)
    special_support: bool | None = None
    summary: str = Field(default="", max_length=4000)


class ClientPlan(SQLModel, table=True):
    """One version of the family's client plan (asiakassuunnitelma). A version is a draft until
    the worker makes it (`made_at`); a review makes the next version, and the earlier ones stay
    as they were. The family writes `family_view` and `family_strengths`."""

    __table_args__ = (UniqueConstraint("family_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    version: int
    family_view: str = Field(default="", max_length=4000)
    family_strengths: str = Field(default="", max_length=4000)
    worker_view: str = Field(default="", max_length=4000)
    who_does_what: str = Field(default="", max_length=4000)
    meeting_rhythm: str = Field(default="", max_length=200)
    next_review: date | None = None
    differences: str = Field(default="", max_length=4000)
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    made_at: datetime | None = None


class PlanGoal(SQLModel, table=True):
    """A goal of one plan version. A goal lives on across versions (its entries with it), so the
    link is a table of its own rather than a column on the goal."""

    __table_args__ = (UniqueConstraint("plan_id", "goal_id"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="clientplan.id", index=True)
    goal_id: int = Field(foreign_key="goal.id", index=True)


class PlanAcknowledgement(SQLModel, table=True):
    """A guardian has read a made plan version, with an optional comment (once per guardian)."""

    __table_args__ = (UniqueConstraint("plan_id", "guardian_id"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="clientplan.id", index=True)
    guardian_id: int = Field(foreign_key="user.id")
    at: datetime = Field(default_factory=utcnow)
    comment: str = Field(default="", max_length=1000)


# Transfer and absence cover (issue 16).
class Handover(SQLModel, table=True):
    """A family moved from one worker to another, kept as its history (revision
    0010_transfer_and_cover). A transfer has no `cover_until`; an absence cover moves the family
    until that day, when the app moves it back (`ended_at` set on the cover, and a return row
    with `by_id` None). `note` is the handover note only staff see."""

    __table_args__ = (Index("ix_handover_open_cover", "cover_until", "ended_at"),)

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    from_worker_id: int | None = Field(default=None, foreign_key="user.id")
    to_worker_id: int = Field(foreign_key="user.id")
    note: str = Field(default="", max_length=2000)
    by_id: int | None = Field(default=None, foreign_key="user.id")  # None: made by the app
    at: datetime = Field(default_factory=utcnow)
    cover_until: date | None = None
    ended_at: datetime | None = None


# Reminders to staff and the family's feedback at closing (issue 16).
class StaffReminder(SQLModel, table=True):
    """A reminder the app sent a worker about one work-list item (revision 0011). `item_key`
    names the item (its kind, family, due day and meeting); `kind` is "due" (the working day
    before) or "overdue". The unique (item_key, kind, worker_id) is the claim: whichever backend
    worker inserts the row first sends the reminder, any other gets an IntegrityError and sends
    nothing, on SQLite and PostgreSQL alike."""

    __table_args__ = (
        UniqueConstraint("item_key", "kind", "worker_id", name="uq_staffreminder_item"),
        allowed("staffreminder", "kind", ReminderKind),
    )

    id: int | None = Field(default=None, primary_key=True)
    item_key: str = Field(max_length=120)
    kind: ReminderKind = Field(sa_type=EnumString(ReminderKind, 8))
    worker_id: int = Field(foreign_key="user.id", index=True)
    sent_at: datetime = Field(default_factory=utcnow)


def random_row_id() -> str:
    """A random id (32 hex digits): it says nothing of when a row was written."""
    return uuid4().hex


class Feedback(SQLModel, table=True):
    """A family's answers to the closing feedback, kept apart from its identity (revision 0011).

    Nothing here leads back to the family: no family or user id, no time finer than the quarter
    the answer was given in ("2026Q4"), and a random id rather than a counter, so neither the
    order of the rows nor a time matches them with `Family.feedback_given_at` or the access-log
    row of giving feedback. The free-text `comment` could still name someone: the supervisor
    sees comments only in a list per quarter, without names or dates, and only for a quarter
    with enough answers (`services.closing_figures`). Each score is 1-5."""

    __table_args__ = (
        CheckConstraint("helped BETWEEN 1 AND 5", name="ck_feedback_helped"),
        CheckConstraint("listened BETWEEN 1 AND 5", name="ck_feedback_listened"),
        CheckConstraint("meetings BETWEEN 1 AND 5", name="ck_feedback_meetings"),
    )

    id: str = Field(default_factory=random_row_id, primary_key=True, max_length=32)
    quarter: str = Field(max_length=6, index=True)
    helped: int
    listened: int
    meetings: int
    comment: str = Field(default="", max_length=2000)


# Meeting reminders to guardians and video meetings (issue 17, revision 0014).
class MeetingReminder(SQLModel, table=True):
    """One reminder of an agreed meeting to one guardian, planned ahead and sent once
    (`services.meeting_reminders`). `starts_at` is the meeting's start it was planned for: a
    meeting moved since then no longer matches, and the row is dropped instead of sent. A backend
    worker claims due rows with SELECT ... FOR UPDATE SKIP LOCKED (PostgreSQL) and marks them
    sent in the same transaction, before anything goes out. `channels` says what was sent
    ("push,email,sms"); no text, family or place is stored."""

    __table_args__ = (
        UniqueConstraint("meeting_id", "user_id", "kind", "starts_at", name="uq_meetingreminder"),
        Index("ix_meetingreminder_status_due", "status", "due_at"),
        allowed("meetingreminder", "kind", MeetingReminderKind),
        allowed("meetingreminder", "status", MeetingReminderStatus),
    )

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    kind: MeetingReminderKind = Field(sa_type=EnumString(MeetingReminderKind, 12))
    starts_at: datetime
    due_at: datetime
    status: MeetingReminderStatus = Field(
        default=MeetingReminderStatus.PLANNED, sa_type=EnumString(MeetingReminderStatus, 8)
    )
    planned_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None
    channels: str = Field(default="", max_length=20)


class MeetingReminderChoice(SQLModel, table=True):
    """A guardian's meeting-reminder choices on /settings; no row means the defaults: push on
    (to the devices that opted in), e-mail and SMS off, the evening before only."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", unique=True)
    push: bool = True
    email: bool = False
    sms: bool = False
    two_hours: bool = False
    updated_at: datetime = Field(default_factory=utcnow)


class MeetingVideoLink(SQLModel, table=True):
    """A remote meeting's video link: made from the configured template with a random room
    name, or pasted by the worker (https only). Read only through `services.video_links`, which
    writes an access-log row for every read."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", unique=True)
    url: str = Field(max_length=500)
    pasted: bool = False
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)


class MessageFile(SQLModel, table=True):
    """A photo or PDF attached to a message, its bytes in the database so that backups and
    restores carry it (revision 0013). Until the message is sent `message_id` is NULL: the
    file waits for its uploader. Images are stored re-encoded (no EXIF), PDFs as checked
    (`services.attachment_checks`)."""

    __table_args__ = (allowed("messagefile", "kind", FileKind),)

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    message_id: int | None = Field(default=None, foreign_key="message.id", index=True)
    uploader_id: int = Field(foreign_key="user.id", index=True)
    kind: FileKind = Field(sa_type=EnumString(FileKind, 8))
    media_type: str = Field(max_length=40)
    name: str = Field(max_length=120)
    caption: str = Field(default="", max_length=200)
    size: int
    sha256: str = Field(max_length=64)
    data: bytes = Field(sa_type=LargeBinary)
    thumbnail: bytes | None = Field(default=None, sa_type=LargeBinary)
    added_at: datetime = Field(default_factory=utcnow)


class StrongIdentity(SQLModel, table=True):
    """An account's link to a strong identification (issue 15, revision 0016): for Suomi.fi
    the personal identity code, sealed (services.secret_box) with its keyed hash beside it for
    look-up; for a county provider its subject, as a keyed hash. One link per account."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", unique=True)
    provider: str = Field(max_length=16)  # oidc_profile.Provider value
    subject_hash: str = Field(max_length=64, index=True)  # keyed hash of the provider's `sub`
    pic_hash: str | None = Field(default=None, max_length=64, unique=True)  # keyed hash of PIC
    pic_sealed: str | None = Field(default=None, max_length=255)
    verified_name: str = Field(default="", max_length=120)
    acr: str = Field(default="", max_length=64)
    linked_at: datetime = Field(default_factory=utcnow)
    last_sign_in_at: datetime = Field(default_factory=utcnow)


class ApplicationIdentity(SQLModel, table=True):
    """How an application's applicant was identified (issue 15, revision 0016): strongly at
    the time of applying (with the verified name), or later checked by the worker in person.
    An application without a row is "not identified"."""

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", unique=True)
    strong: bool = False
    verified_name: str = Field(default="", max_length=120)
    acr: str = Field(default="", max_length=64)
    checked_by_id: int | None = Field(default=None, foreign_key="user.id")
    checked_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
