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


def values(enum: type[StrEnum]) -> tuple[str, ...]:
    """The stored strings of `enum`, in declaration order (for CHECK constraints and lists)."""
    return tuple(member.value for member in enum)
