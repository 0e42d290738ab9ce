"""Wiring only: the app, its head tags, the pages with their routes and on_load, HTTP routes.

Every page is one row of `PAGES`; the plain HTTP routes (sign-in cookie, exports, .ics) come
from `web_routes.auth_api`.
"""

from collections.abc import Callable, Sequence
from typing import NamedTuple

import reflex as rx
from reflex.event import EventType

from familywork_app import routes
from familywork_app.components.head_scripts import (
    ASSETS,
    inline_script,
    scripts_after_first_paint,
)
from familywork_app.components.texts import dynamic_texts_script
from familywork_app.config import refuse_test_idp_in_production
from familywork_app.cover_task import end_covers_hourly
from familywork_app.pages.access_log_search import access_log_page
from familywork_app.pages.accessibility import accessibility_page
from familywork_app.pages.account import account_page
from familywork_app.pages.apply import apply_page
from familywork_app.pages.caseload import caseload_page
from familywork_app.pages.family_data import family_data_page
from familywork_app.pages.family_goals import family_goals_page
from familywork_app.pages.family_help import family_help_page
from familywork_app.pages.family_home import family_home_page
from familywork_app.pages.family_meetings import family_meetings_page
from familywork_app.pages.family_members import family_members_page, invite_page
from familywork_app.pages.family_messages import family_messages_page
from familywork_app.pages.family_plan import family_plan_page
from familywork_app.pages.family_work import family_work_page
from familywork_app.pages.info import info_page
from familywork_app.pages.password_reset import forgot_password_page, reset_password_page
from familywork_app.pages.register import register_page
from familywork_app.pages.settings import settings_page
from familywork_app.pages.signin import signin_page
from familywork_app.pages.staff_admin import set_password_page, staff_admin_page
from familywork_app.pages.staff_home import overview_page, queue_page
from familywork_app.pages.together import together_page
from familywork_app.pages.work_list import work_list_page
from familywork_app.pages.worker_family import worker_family_page
from familywork_app.pages.worker_week import inbox_page, week_page
from familywork_app.reminder_task import remind_guardians_every_five_minutes
from familywork_app.services.staff_reminders import remind_staff_every_quarter_hour
from familywork_app.state import together_maps, worker_together  # noqa: F401  (their states)
from familywork_app.state.access_log_search import AccessLogState
from familywork_app.state.account import AccountState
from familywork_app.state.app_state import AppState
from familywork_app.state.apply import ApplyState
from familywork_app.state.case_process import CaseProcessState
from familywork_app.state.caseload import CaseloadState
from familywork_app.state.client_plan import ClientPlanState
from familywork_app.state.closing_figures import ClosingFiguresState
from familywork_app.state.deadline_figures import DeadlineFiguresState
from familywork_app.state.family_basics import (
    FamilyHelpState,
    InterpreterState,
    ReachableHoursState,
)
from familywork_app.state.family_data import FamilyDataState
from familywork_app.state.family_goals import FamilyGoalsState
from familywork_app.state.family_home import FamilyHomeState
from familywork_app.state.family_meetings import FamilyMeetingsState
from familywork_app.state.family_members import FamilyMembersState, InviteState
from familywork_app.state.family_messages import FamilyMessagesState
from familywork_app.state.family_plan import FamilyPlanState
from familywork_app.state.feedback import FeedbackState
from familywork_app.state.figures import FiguresState
from familywork_app.state.handover import HandoverState, WorkPhoneState
from familywork_app.state.identity_check import IdentityCheckState
from familywork_app.state.message_files import MessageFilesState
from familywork_app.state.method_results import FamilyWorkState, MethodResultsState
from familywork_app.state.password_reset import ForgotPasswordState, ResetPasswordState
from familywork_app.state.register import RegisterState
from familywork_app.state.reminder_settings import ReminderSettingsState
from familywork_app.state.session_binding import SessionBinding
from familywork_app.state.settings import SettingsState
from familywork_app.state.signin import SignInState
from familywork_app.state.staff_admin import SetPasswordState, StaffState
from familywork_app.state.staff_home import OverviewState, QueueState
from familywork_app.state.together import TogetherState
from familywork_app.state.video_meetings import VideoMeetingsState
from familywork_app.state.work_list import WorkListState
from familywork_app.state.worker_family_actions import WorkerFamilyActions
from familywork_app.state.worker_week import InboxState, WeekState
from familywork_app.web_routes import auth_api, security_headers

TITLE = "Perhetyö"

HEAD = [
    # The browser's language (components/texts.py), before React hydrates.
    inline_script("lang_store.js"),
    rx.el.meta(name="theme-color", content="#1f5f8b"),
    rx.el.link(rel="stylesheet", href="/styles.css"),
    rx.el.link(rel="icon", href="/favicon.ico", sizes="48x48"),
    rx.el.link(rel="apple-touch-icon", href="/apple-touch-icon.png"),
    rx.el.meta(name="apple-mobile-web-app-capable", content="yes"),
    # Quick exit (issue 17): inline, so a page reached with Back after leaving quickly is
    # replaced before it shows anything.
    inline_script("quick_exit.js"),
    # After the first paint, before React hydrates (components/head_scripts.py):
    scripts_after_first_paint(
        [
            "/offline.js",  # the service worker, the offline banner, the install offer
            "/app.js",  # functions handlers call by name (sign-out, clearing fields)
            # The texts an error code set at run time may name (components/texts.py).
            dynamic_texts_script(ASSETS),
            "/account.js",  # sign-in hand-over, push, the calendar link, the app badge
            "/video_join.js",  # a remote meeting's Join link by the page's own clock
        ]
    ),
]


class Page(NamedTuple):
    route: str
    component: Callable[[], rx.Component]
    on_load: EventType[()]


PAGES: Sequence[Page] = (
    # Public.
    Page(routes.INFO, info_page, AppState.load_public),
    Page(routes.ACCESSIBILITY, accessibility_page, AppState.load_public),
    Page(routes.SIGN_IN, signin_page, SignInState.load),
    Page(routes.APPLY, apply_page, ApplyState.load),
    Page(routes.REGISTER, register_page, RegisterState.load),
    Page(routes.INVITE, invite_page, InviteState.load),
    Page(routes.SET_PASSWORD, set_password_page, SetPasswordState.load),
    Page(routes.FORGOT_PASSWORD, forgot_password_page, ForgotPasswordState.load),
    Page(routes.RESET_PASSWORD, reset_password_page, ResetPasswordState.load),
    # The family.
    Page(routes.FAMILY_HOME, family_home_page, [FamilyHomeState.load, FeedbackState.load]),
    Page(
        routes.FAMILY_MEETINGS,
        family_meetings_page,
        [FamilyMeetingsState.load, VideoMeetingsState.load_family],
    ),
    Page(routes.FAMILY_GOALS, family_goals_page, FamilyGoalsState.load),
    Page(
        routes.FAMILY_MESSAGES,
        family_messages_page,
        [FamilyMessagesState.load, MessageFilesState.load_family],
    ),
    Page(routes.FAMILY_DATA, family_data_page, FamilyDataState.load),
    Page(routes.FAMILY_MEMBERS, family_members_page, FamilyMembersState.load),
    Page(routes.FAMILY_WORK, family_work_page, FamilyWorkState.load),
    Page(routes.FAMILY_PLAN, family_plan_page, FamilyPlanState.load),
    Page(routes.FAMILY_HELP, family_help_page, FamilyHelpState.load),
    # Staff.
    Page(routes.WORK_LIST, work_list_page, WorkListState.load),
    Page(routes.CASELOAD, caseload_page, CaseloadState.load),
    Page(
        routes.OVERVIEW,
        overview_page,
        [
            OverviewState.load,
            FiguresState.load,
            DeadlineFiguresState.load,
            ClosingFiguresState.load,
        ],
    ),
    Page(routes.QUEUE, queue_page, QueueState.load),
    Page(routes.WEEK, week_page, WeekState.load),
    Page(routes.INBOX, inbox_page, InboxState.load),
    Page(
        routes.FAMILY_RECORD,
        worker_family_page,
        [
            WorkerFamilyActions.load,
            MethodResultsState.load,
            HandoverState.load_handovers,
            CaseProcessState.load,
            ClientPlanState.load,
            VideoMeetingsState.load_record,
            MessageFilesState.load_staff,
            InterpreterState.load,
            IdentityCheckState.load,
        ],
    ),
    Page(routes.TOGETHER, together_page, TogetherState.load),
    Page(routes.STAFF, staff_admin_page, StaffState.load),
    Page(routes.ACCESS_LOG, access_log_page, AccessLogState.load),
    # Everyone's own.
    Page(
        routes.ACCOUNT,
        account_page,
        [AccountState.load, WorkPhoneState.load, ReachableHoursState.load],
    ),
    Page(routes.SETTINGS, settings_page, [SettingsState.load, ReminderSettingsState.load]),
)

# The test identity provider lets anyone be anyone: a production start refuses to run it.
refuse_test_idp_in_production()

app = rx.App(
    theme=None,
    head_components=HEAD,
    html_lang="fi",
    api_transformer=[auth_api, security_headers],
)

# Absence covers end by themselves on their end date (at start, then hourly).
app.register_lifespan_task(end_covers_hourly)
# Reminders to staff of what falls due or is overdue (at start, then every 15 minutes).
app.register_lifespan_task(remind_staff_every_quarter_hour)
# Meeting reminders to guardians (at start, then every 5 minutes; each sent once).
app.register_lifespan_task(remind_guardians_every_five_minutes)

# Before Reflex's hydration: a tab's stored state never outlives the session that loaded it.
app.add_middleware(SessionBinding(), index=0)

for page in PAGES:
    app.add_page(page.component, route=page.route, title=TITLE, on_load=page.on_load)
