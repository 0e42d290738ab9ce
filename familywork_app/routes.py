"""Every route of the app in one place."""

INFO = "/"
ACCESSIBILITY = "/accessibility"  # the accessibility statement (saavutettavuusseloste)
SIGN_IN = "/signin"
APPLY = "/apply"
FAMILY_HOME = "/family"
FAMILY_MEETINGS = "/family/meetings"
FAMILY_GOALS = "/family/goals"
FAMILY_MESSAGES = "/family/messages"
FAMILY_DATA = "/family/data"
FAMILY_MEMBERS = "/family/members"
FAMILY_WORK = "/family/work"  # the methods done together, read-only, and the child's check-in
INVITE = "/invite"
CASELOAD = "/caseload"
OVERVIEW = "/overview"
WEEK = "/week"
QUEUE = "/queue"
INBOX = "/inbox"
REGISTER = "/register"
STAFF = "/staff"
SET_PASSWORD = "/set-password"
ACCESS_LOG = "/access-log"
TOGETHER = "/together"  # together mode on the worker's tablet
FAMILY_RECORD = "/record/[fid]"
FAMILY_RECORD_PREFIX = "/record/"


# Plain HTTP routes (Starlette), not Reflex pages.
AUTH_SESSION = "/auth/session"
AUTH_SIGNOUT = "/auth/signout"
EXPORT_JSON = "/export/family.json"
EXPORT_HTML = "/export/family.html"
MEETING_ICS = "/calendar/meeting/{meeting_id}.ics"
MEETING_ICS_PREFIX = "/calendar/meeting/"

_HOMES = {"guardian": FAMILY_HOME, "worker": CASELOAD, "supervisor": OVERVIEW}


def home_for(role: str) -> str:
    """Where a role lands after sign-in."""
    return _HOMES.get(role, SIGN_IN)


# Account security (issue 6): forgotten password, reset link, sessions and password change.
FORGOT_PASSWORD = "/forgot-password"
RESET_PASSWORD = "/reset-password"
ACCOUNT = "/account"

# Notifications and the calendar feed (issue 5).
SETTINGS = "/settings"
CALENDAR_FEED = "/calendar/feed/{token}.ics"  # a plain HTTP route; the token is the secret
