"""Wiring only: the app, its head tags, pages with their routes and on_load, HTTP routes."""

import reflex as rx

from familywork_app import routes
from familywork_app.pages.access_log_search import access_log_page
from familywork_app.pages.apply import apply_page
from familywork_app.pages.caseload import caseload_page
from familywork_app.pages.family_data import family_data_page
from familywork_app.pages.family_goals import family_goals_page
from familywork_app.pages.family_home import family_home_page
from familywork_app.pages.family_meetings import family_meetings_page
from familywork_app.pages.family_members import family_members_page, invite_page
from familywork_app.pages.family_messages import family_messages_page
from familywork_app.pages.info import info_page
from familywork_app.pages.register import register_page
from familywork_app.pages.signin import signin_page
from familywork_app.pages.staff_admin import set_password_page, staff_admin_page
from familywork_app.pages.staff_home import overview_page, queue_page
from familywork_app.pages.worker_family import worker_family_page
from familywork_app.pages.worker_week import inbox_page, week_page
from familywork_app.state.access_log_search import AccessLogState
from familywork_app.state.app_state import AppState
from familywork_app.state.apply import ApplyState
from familywork_app.state.caseload import CaseloadState
from familywork_app.state.family_data import FamilyDataState
from familywork_app.state.family_goals import FamilyGoalsState
from familywork_app.state.family_home import FamilyHomeState
from familywork_app.state.family_meetings import FamilyMeetingsState
from familywork_app.state.family_members import FamilyMembersState, InviteState
from familywork_app.state.family_messages import FamilyMessagesState
from familywork_app.state.figures import FiguresState
from familywork_app.state.method_results import FamilyWorkState, MethodResultsState
from familywork_app.state.register import RegisterState
from familywork_app.state.session_binding import SessionBinding
from familywork_app.state.signin import SignInState
from familywork_app.state.staff_admin import SetPasswordState, StaffState
from familywork_app.state.staff_home import OverviewState, QueueState
from familywork_app.state.worker_family_actions import WorkerFamilyActions
from familywork_app.state.worker_week import InboxState, WeekState
from familywork_app.web_routes import auth_api, security_headers

HEAD = [
    rx.el.meta(name="theme-color", content="#1f5f8b"),
    rx.el.link(rel="stylesheet", href="/styles.css"),
    rx.el.link(rel="manifest", href="/manifest.webmanifest"),
    rx.el.link(rel="icon", href="/favicon.ico", sizes="48x48"),
    rx.el.link(rel="apple-touch-icon", href="/apple-touch-icon.png"),
    rx.el.meta(name="apple-mobile-web-app-capable", content="yes"),
    rx.el.script(src="/offline.js", defer=True),
    rx.el.script(src="/app.js", defer=True),
    # A page restored from the back/forward cache after sign-out must not show old data.
    rx.el.script("window.addEventListener('pageshow',e=>{if(e.persisted)location.reload()})"),
]

app = rx.App(
    theme=None,
    head_components=HEAD,
    html_lang="fi",
    api_transformer=[auth_api, security_headers],
)

# Before Reflex's hydration: a tab's stored state never outlives the session that loaded it.
app.add_middleware(SessionBinding(), index=0)

app.add_page(info_page, route=routes.INFO, title="Perhetyö", on_load=AppState.load_public)
app.add_page(signin_page, route=routes.SIGN_IN, title="Perhetyö", on_load=SignInState.load)
app.add_page(
    family_home_page, route=routes.FAMILY_HOME, title="Perhetyö", on_load=FamilyHomeState.load
)
app.add_page(apply_page, route=routes.APPLY, title="Perhetyö", on_load=ApplyState.load)
app.add_page(
    family_meetings_page,
    route=routes.FAMILY_MEETINGS,
    title="Perhetyö",
    on_load=FamilyMeetingsState.load,
)
app.add_page(
    family_goals_page, route=routes.FAMILY_GOALS, title="Perhetyö", on_load=FamilyGoalsState.load
)
app.add_page(
    family_messages_page,
    route=routes.FAMILY_MESSAGES,
    title="Perhetyö",
    on_load=FamilyMessagesState.load,
)
app.add_page(
    family_data_page, route=routes.FAMILY_DATA, title="Perhetyö", on_load=FamilyDataState.load
)
app.add_page(
    family_members_page,
    route=routes.FAMILY_MEMBERS,
    title="Perhetyö",
    on_load=FamilyMembersState.load,
)
app.add_page(invite_page, route=routes.INVITE, title="Perhetyö", on_load=InviteState.load)
app.add_page(caseload_page, route=routes.CASELOAD, title="Perhetyö", on_load=CaseloadState.load)
app.add_page(
    overview_page,
    route=routes.OVERVIEW,
    title="Perhetyö",
    on_load=[OverviewState.load, FiguresState.load],
)
app.add_page(
    worker_family_page,
    route=routes.FAMILY_RECORD,
    title="Perhetyö",
    on_load=[WorkerFamilyActions.load, MethodResultsState.load],
)
app.add_page(week_page, route=routes.WEEK, title="Perhetyö", on_load=WeekState.load)
app.add_page(inbox_page, route=routes.INBOX, title="Perhetyö", on_load=InboxState.load)
app.add_page(register_page, route=routes.REGISTER, title="Perhetyö", on_load=RegisterState.load)
app.add_page(staff_admin_page, route=routes.STAFF, title="Perhetyö", on_load=StaffState.load)
app.add_page(
    set_password_page, route=routes.SET_PASSWORD, title="Perhetyö", on_load=SetPasswordState.load
)
app.add_page(
    access_log_page, route=routes.ACCESS_LOG, title="Perhetyö", on_load=AccessLogState.load
)

# Account security (issue 6): forgotten password, reset link, sessions and password change.
from familywork_app.pages.account import account_page  # noqa: E402
from familywork_app.pages.password_reset import forgot_password_page, reset_password_page  # noqa: E402
from familywork_app.state.account import AccountState  # noqa: E402
from familywork_app.state.password_reset import ForgotPasswordState, ResetPasswordState  # noqa: E402

app.add_page(
    forgot_password_page,
    route=routes.FORGOT_PASSWORD,
    title="Perhetyö",
    on_load=ForgotPasswordState.load,
)
app.add_page(
    reset_password_page,
    route=routes.RESET_PASSWORD,
    title="Perhetyö",
    on_load=ResetPasswordState.load,
)
app.add_page(account_page, route=routes.ACCOUNT, title="Perhetyö", on_load=AccountState.load)
app.add_page(queue_page, route=routes.QUEUE, title="Perhetyö", on_load=QueueState.load)

# Methods done together (issue 8): together mode on the tablet, "Our work" for the family.
from familywork_app.pages.family_work import family_work_page  # noqa: E402
from familywork_app.pages.together import together_page  # noqa: E402
from familywork_app.state.together import TogetherState  # noqa: E402
from familywork_app.state.together_maps import TogetherMapsState  # noqa: E402,F401
from familywork_app.state.worker_together import WorkerTogetherState  # noqa: E402,F401

app.add_page(together_page, route=routes.TOGETHER, title="Perhetyö", on_load=TogetherState.load)
app.add_page(
    family_work_page, route=routes.FAMILY_WORK, title="Perhetyö", on_load=FamilyWorkState.load
)

# Notifications and the calendar feed (issue 5): the settings page, the unread count as the
# app badge (the service worker shows the pushes; /calendar/feed/… is in web_routes).
from familywork_app.components.app_badge import app_badge_script  # noqa: E402
from familywork_app.pages.settings import settings_page  # noqa: E402
from familywork_app.state.settings import SettingsState  # noqa: E402

app.head_components.append(app_badge_script())
app.add_page(settings_page, route=routes.SETTINGS, title="Perhetyö", on_load=SettingsState.load)

# The accessibility statement (issue 5), linked from every page's foot.
from familywork_app.pages.accessibility import accessibility_page  # noqa: E402

app.add_page(
    accessibility_page, route=routes.ACCESSIBILITY, title="Perhetyö", on_load=AppState.load_public
)
