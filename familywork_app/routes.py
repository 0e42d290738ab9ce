"""Every route of the app in one place: the pages, then the plain HTTP routes."""

from familywork_app.domain import Role

# Public pages.
INFO = "/"
ACCESSIBILITY = "/accessibility"  # the accessibility statement (saavutettavuusseloste)
SIGN_IN = "/signin"
APPLY = "/apply"
REGISTER = "/register"
INVITE = "/invite"
SET_PASSWORD = "/set-password"
FORGOT_PASSWORD = "/forgot-password"
RESET_PASSWORD = "/reset-password"

# The family's pages.
FAMILY_HOME = "/family"
FAMILY_MEETINGS = "/family/meetings"
FAMILY_GOALS = "/family/goals"
FAMILY_MESSAGES = "/family/messages"
FAMILY_DATA = "/family/data"
FAMILY_MEMBERS = "/family/members"
FAMILY_WORK = "/family/work"  # the methods done together, read-only, and the child's check-in
FAMILY_PLAN = "/family/plan"  # the client plan: read, write the family's view, acknowledge
FAMILY_HELP = "/family/help"  # help numbers and the quick exit, explained (issue 17)

# Staff pages.
WORK_LIST = "/work"  # what is due or overdue in the families' cases
CASELOAD = "/caseload"
OVERVIEW = "/overview"
WEEK = "/week"
QUEUE = "/queue"
INBOX = "/inbox"
STAFF = "/staff"
ACCESS_LOG = "/access-log"
TOGETHER = "/together"  # together mode on the worker's tablet
FAMILY_RECORD = "/record/[fid]"
FAMILY_RECORD_PREFIX = "/record/"

# Everyone's own pages.
ACCOUNT = "/account"  # sessions and password change
SETTINGS = "/settings"  # notifications and the calendar feed

# Plain HTTP routes (Starlette), not Reflex pages.
AUTH_SESSION = "/auth/session"
AUTH_SIGNOUT = "/auth/signout"
AUTH_SIGNED_OUT = "/auth/oidc/signed-out"  # then the provider's sign-out too, if any
EXPORT_JSON = "/export/family.json"
EXPORT_HTML = "/export/family.html"
PLAN_HTML = "/export/plan/{plan_id}.html"  # a made client plan version, printable
MEETING_ICS = "/calendar/meeting/{meeting_id}.ics"
MEETING_ICS_PREFIX = "/calendar/meeting/"
CALENDAR_FEED = "/calendar/feed/{token}.ics"  # the token is the secret
MESSAGE_FILE = "/files/{file_id}"  # a photo or PDF of a message (file_routes.py)
MESSAGE_FILE_THUMB = "/files/{file_id}/thumb"  # its small picture
MESSAGE_FILE_PREFIX = "/files/"

_HOMES: dict[str, str] = {
    Role.GUARDIAN: FAMILY_HOME,
    Role.WORKER: CASELOAD,
    Role.SUPERVISOR: OVERVIEW,
}


def home_for(role: str) -> str:
    """Where a role lands after sign-in."""
    return _HOMES.get(role, SIGN_IN)
