"""The fixed values of the service, as types: the ground floor every layer may import.

Each enumeration is a `StrEnum`: its members are the short strings the database keeps (and its
CHECK constraints allow), they compare equal to those strings, and a type checker knows the
set. Pages and components list municipalities or support areas from here, never from
`models` or `services`.
"""

from enum import StrEnum


class Role(StrEnum):
    GUARDIAN = "guardian"
    WORKER = "worker"
    SUPERVISOR = "supervisor"


STAFF_ROLES = (Role.WORKER, Role.SUPERVISOR)


class Language(StrEnum):
    FI = "fi"
    SV = "sv"
    EN = "en"


DEFAULT_LANGUAGE = Language.FI


LANGUAGE_CODES = frozenset(Language)


def language_or_default(value: object) -> Language:
    """`value` as a language if it is one, else the county's default (Finnish)."""
    if isinstance(value, str) and value in LANGUAGE_CODES:
        return Language(value)
    return DEFAULT_LANGUAGE


class Municipality(StrEnum):
    """The municipalities of the Kainuu wellbeing services county (their own names)."""

    HYRYNSALMI = "Hyrynsalmi"
    KAJAANI = "Kajaani"
    KUHMO = "Kuhmo"
    PALTAMO = "Paltamo"
    PUOLANKA = "Puolanka"
    RISTIJARVI = "Ristijärvi"
    SOTKAMO = "Sotkamo"
    SUOMUSSALMI = "Suomussalmi"


class SupportArea(StrEnum):
    PARENTING = "parenting"
    GROWTH = "growth"
    EVERYDAY = "everyday"
    INTERACTION = "interaction"
    RESOURCES = "resources"


class Method(StrEnum):
    """A working method recorded on a held visit."""

    DISCUSSION = "discussion"
    TOGETHER = "together"
    GUIDANCE = "guidance"
    MODELLING = "modelling"
    EVALUATION = "evaluation"
    CARDS = "cards"
    ROLEMAP = "rolemap"
    NETWORKING = "networking"
    CHILD = "child"


class FamilyStatus(StrEnum):
    APPLIED = "applied"
    ACTIVE = "active"
    CLOSED = "closed"


class ApplicationChannel(StrEnum):
    EFORM = "eform"
    PAPER = "paper"
    PHONE = "phone"


class ApplicationStatus(StrEnum):
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"  # by the family while still pending (issue 17)


class MeetingStatus(StrEnum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    CHANGE_REQUESTED = "change_requested"
    CANCELLED = "cancelled"
    HELD = "held"


class MeetingPlace(StrEnum):
    HOME = "home"
    FAMILY_CENTRE = "family_centre"
    REMOTE = "remote"
    OTHER = "other"


class GoalStatus(StrEnum):
    ACTIVE = "active"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


class TokenPurpose(StrEnum):
    GUARDIAN_INVITE = "guardian_invite"
    SET_PASSWORD = "set_password"
    STAFF_INVITE = "staff_invite"
    PASSWORD_RESET = "password_reset"
    SIGNIN = "signin"


class MethodKind(StrEnum):
    """A method done together on the worker's tablet (`MethodRecord.kind`)."""

    EVALUATION = "evaluation"
    CARDS = "cards"
    ROLEMAP = "rolemap"
    NETWORK = "network"
    CHILD = "child"


class EvaluationPhase(StrEnum):
    START = "start"
    REVIEW = "review"
    END = "end"


class Respondent(StrEnum):
    GUARDIAN = "guardian"
    CHILD = "child"
    WORKER = "worker"


class CaseStepKind(StrEnum):
    """A dated step of a family's client process (Social Welfare Act §§ 36, 39)."""

    RECEIVED = "received"
    ASSESSMENT_STARTED = "assessment_started"
    ASSESSMENT_COMPLETED = "assessment_completed"
    PLAN_MADE = "plan_made"
    PLAN_REVIEWED = "plan_reviewed"
    CLOSED = "closed"


class WorkItemKind(StrEnum):
    """What is due on the worker's work list."""

    START_ASSESSMENT = "start_assessment"
    FINISH_ASSESSMENT = "finish_assessment"
    MAKE_PLAN = "make_plan"
    REVIEW_PLAN = "review_plan"
    RECORD_VISIT = "record_visit"
    ANSWER_MESSAGE = "answer_message"
    ANSWER_MEETING_REQUEST = "answer_meeting_request"


class ReminderKind(StrEnum):
    """A reminder to staff about a work-list item: the working day before it falls due, or once
    it is overdue."""

    DUE = "due"
    OVERDUE = "overdue"


class MeetingReminderKind(StrEnum):
    """A reminder to a guardian of an agreed meeting: the evening before, or two hours before."""

    EVENING = "evening"
    TWO_HOURS = "two_hours"


class MeetingReminderStatus(StrEnum):
    """A planned meeting reminder: waiting, sent, or dropped (the meeting moved or was
    cancelled, or its moment passed unsent)."""

    PLANNED = "planned"
    SENT = "sent"
    DROPPED = "dropped"


class ReminderChannel(StrEnum):
    """How a meeting reminder reaches a guardian."""

    PUSH = "push"
    EMAIL = "email"
    SMS = "sms"


class FileKind(StrEnum):
    """A file attached to a message: a photo (re-encoded) or a PDF (checked, kept as sent)."""

    IMAGE = "image"
    PDF = "pdf"


class LogAction(StrEnum):
    """What an access-log row records (`AccessLog.action`): every service writes one of
    these, and each has a readable name `log.<value>` in every language."""

    # the family's own pages
    VIEW_FAMILY_HOME = "view_family_home"
    VIEW_MEETINGS = "view_meetings"
    VIEW_GOALS = "view_goals"
    READ_MESSAGES = "read_messages"
    VIEW_MEMBERS = "view_members"
    VIEW_APPLICATION = "view_application"
    VIEW_ACCESS_LOG = "view_access_log"
    EXPORT_DATA = "export_data"
    INVITE_GUARDIAN = "invite_guardian"
    ACCEPT_INVITATION = "accept_invitation"
    SUBMIT_APPLICATION = "submit_application"
    STRONG_SIGN_IN = "strong_sign_in"  # signed in with Suomi.fi (issue 15)
    CHECK_IDENTITY = "check_identity"  # the worker checked the applicant's identity (issue 15)
    # meetings, goals, messages
    AGREE_MEETING = "agree_meeting"
    REQUEST_MEETING_CHANGE = "request_meeting_change"
    CANCEL_MEETING = "cancel_meeting"
    PROPOSE_MEETING = "propose_meeting"
    MOVE_MEETING = "move_meeting"
    DOWNLOAD_ICS = "download_ics"
    READ_CALENDAR_FEED = "read_calendar_feed"
    ADD_GOAL_ENTRY = "add_goal_entry"
    CREATE_GOAL = "create_goal"
    END_GOAL = "end_goal"
    SEND_MESSAGE = "send_message"
    # the staff's lists and records
    LIST_MESSAGES = "list_messages"
    LIST_CASELOAD = "list_caseload"
    VIEW_WEEK = "view_week"
    CHECK_OVERLAP = "check_overlap"
    RECORD_VISIT = "record_visit"
    CLOSE_CASE = "close_case"
    VIEW_FAMILY_RECORD = "view_family_record"
    # the methods done together
    START_TOGETHER = "start_together"
    VIEW_TOGETHER = "view_together"
    END_TOGETHER = "end_together"
    VIEW_METHODS = "view_methods"
    SAVE_EVALUATION = "save_evaluation"
    SAVE_CARDS = "save_cards"
    SAVE_ROLEMAP = "save_rolemap"
    SAVE_NETWORK = "save_network"
    SAVE_CHILD = "save_child"
    # the supervisor
    VIEW_QUEUE = "view_queue"
    REVIEW_APPLICATION = "review_application"
    ACCEPT_APPLICATION = "accept_application"
    DECLINE_APPLICATION = "decline_application"
    REGISTER_APPLICATION = "register_application"
    REASSIGN_FAMILY = "reassign_family"
    SEARCH_FAMILY = "search_family"
    VIEW_FIGURES = "view_figures"
    SEARCH_ACCESS_LOG = "search_access_log"
    INVITE_WORKER = "invite_worker"
    DEACTIVATE_STAFF = "deactivate_staff"
    # the client process (issue 16)
    VIEW_CASE_TIMELINE = "view_case_timeline"
    RECORD_CASE_STEP = "record_case_step"
    VIEW_CLIENT_PLAN = "view_client_plan"
    SAVE_CLIENT_PLAN = "save_client_plan"
    MAKE_CLIENT_PLAN = "make_client_plan"
    WRITE_FAMILY_VIEW = "write_family_view"
    ACKNOWLEDGE_PLAN = "acknowledge_plan"
    DOWNLOAD_CLIENT_PLAN = "download_client_plan"
    LIST_WORK = "list_work"
    # closing (issue 16)
    GIVE_FEEDBACK = "give_feedback"
    # transfer and absence cover (issue 16)
    VIEW_HANDOVERS = "view_handovers"
    COVER_CASELOAD = "cover_caseload"
    END_COVER = "end_cover"
    # the family's worker, withdrawal and the interpreter (issue 17)
    WITHDRAW_APPLICATION = "withdraw_application"
    SET_INTERPRETER = "set_interpreter"
    # video meetings (issue 17)
    READ_VIDEO_LINK = "read_video_link"
    SET_VIDEO_LINK = "set_video_link"
    # photos and documents in messages (issue 17)
    ADD_FILE = "add_file"
    REMOVE_FILE = "remove_file"
    DOWNLOAD_FILE = "download_file"
    # staff sign-in with the county's identity provider (issue 15)
    SIGN_IN_COUNTY = "sign_in_county"


SAVED_METHOD = {
    MethodKind.EVALUATION: LogAction.SAVE_EVALUATION,
    MethodKind.CARDS: LogAction.SAVE_CARDS,
    MethodKind.ROLEMAP: LogAction.SAVE_ROLEMAP,
    MethodKind.NETWORK: LogAction.SAVE_NETWORK,
    MethodKind.CHILD: LogAction.SAVE_CHILD,
}  # the log action of saving each method's result


def values(enum: type[StrEnum]) -> tuple[str, ...]:
    """The stored strings of `enum`, in declaration order (for CHECK constraints and lists)."""
    return tuple(member.value for member in enum)
