"""Plain HTTP routes beside Reflex: the HttpOnly session cookie, the family's data export,
and security headers.

Mounted through `rx.App(api_transformer=...)`. The POST routes accept only same-origin requests
(the Origin header must be one of the allowed origins).
"""

from reflex.config import get_config
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from familywork_app import config, routes
from familywork_app.config import LANGUAGE_COOKIE, SESSION_COOKIE
from familywork_app.db import session_scope
from familywork_app.domain import Role
from familywork_app.file_routes import FILE_ROUTES
from familywork_app.i18n import page_language
from familywork_app.models import User
from familywork_app.oidc_routes import oidc_routes
from familywork_app.services import NotAllowed, ServiceError, auth
from familywork_app.services.calendar import meeting_ics
from familywork_app.services.calendar_feed import read_feed
from familywork_app.services.export import family_export
from familywork_app.services.export_html import render_export
from familywork_app.services.plan_document import plan_document
from familywork_app.services.plan_html import render_plan
from familywork_app.test_idp import test_idp_routes

CSP = "; ".join(
    [
        "default-src 'self'",
        # Reflex's hydration uses inline scripts and call_script evaluates code: no nonce support.
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    return origin is not None and origin in config.allowed_origins()


def client_ip(request: Request) -> str:
    """The browser's address as Reflex reads it for the websocket: the connection's peer, or,
    behind `trusted_proxy_hops` reverse proxies (rxconfig.py, REFLEX_TRUSTED_PROXY_HOPS), the
    address the outermost trusted proxy saw in X-Forwarded-For (what a browser wrote there
    itself is further left and ignored)."""
    peer = request.client.host if request.client else ""
    hops = get_config().trusted_proxy_hops
    if not hops:
        return peer
    forwarded = [ip.strip() for ip in request.headers.get("x-forwarded-for", "").split(",")]
    forwarded = [ip for ip in forwarded if ip]
    return forwarded[-hops] if len(forwarded) >= hops else peer


async def create_session(request: Request) -> Response:
    """Trade a one-minute sign-in ticket for the session cookie."""
    if not _same_origin(request):
        return JSONResponse({"ok": False}, status_code=403)
    try:
        body = await request.json()
    except ValueError:
        return JSONResponse({"ok": False}, status_code=400)
    ticket = body.get("ticket") if isinstance(body, dict) else None
    with session_scope() as db:
        result = auth.redeem_signin_ticket(
            db, ticket, request.headers.get("user-agent", ""), client_ip(request)
        )
    if result is None:
        return JSONResponse({"ok": False}, status_code=401)
    token, user = result
    response = JSONResponse({"ok": True, "home": routes.home_for(user.role)})
    # Guardians stay signed in on their own phone; staff cookies end with the browser.
    max_age = config.GUARDIAN_ABSOLUTE_MINUTES * 60 if user.role == Role.GUARDIAN else None
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=config.cookie_secure(),
    )
    return response


async def end_session(request: Request) -> Response:
    """Sign out: end the server session (if any) and clear the cookie."""
    if not _same_origin(request):
        return JSONResponse({"ok": False}, status_code=403)
    with session_scope() as db:
        auth.end_session(db, request.cookies.get(SESSION_COOKIE))
    response = JSONResponse({"ok": True})
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
    return response


def _signed_in(request: Request, db: Session) -> User | None:
    """The user of the request's session cookie (None: nobody, or a session that ended)."""
    return auth.resolve_session(db, request.cookies.get(SESSION_COOKIE))


def _or_refused(user: User | None) -> User:
    """The signed-in user, or the services' own refusal (the route answers 403)."""
    if user is None:
        raise NotAllowed()
    return user


async def export_json(request: Request) -> Response:
    """The guardian's family's whole record as a JSON download."""
    with session_scope() as db:
        try:
            data = family_export(db, _or_refused(_signed_in(request, db)), client_ip(request))
        except ServiceError:
            return JSONResponse({"ok": False}, status_code=403)
    return JSONResponse(
        data.as_json(),
        headers={
            "content-disposition": 'attachment; filename="perhetyo-tiedot.json"',
            "cache-control": "no-store",
        },
    )


async def export_html(request: Request) -> Response:
    """The same record as a readable page (print it to PDF from the browser)."""
    with session_scope() as db:
        try:
            user = _or_refused(_signed_in(request, db))
            data = family_export(db, user, client_ip(request))
        except ServiceError:
            return HTMLResponse("<p>403</p>", status_code=403)
    chosen = user.language if user.language_chosen else None
    lang = page_language(
        chosen, request.cookies.get(LANGUAGE_COOKIE, ""), request.headers.get("accept-language", "")
    )
    return HTMLResponse(render_export(data, lang), headers={"cache-control": "no-store"})


async def plan_html(request: Request) -> Response:
    """A made client plan version as a printable page, for those who may read the family's
    plan (nobody signed in: 403; a draft, another family's plan, an unknown id: 404)."""
    raw = request.path_params.get("plan_id", "")
    no_store = {"cache-control": "no-store"}
    with session_scope() as db:
        user = _signed_in(request, db)
        if user is None:
            return HTMLResponse("<p>403</p>", status_code=403, headers=no_store)
        try:
            doc = plan_document(db, user, int(raw) if raw.isdigit() else 0, client_ip(request))
        except ServiceError:
            return HTMLResponse("<p>404</p>", status_code=404, headers=no_store)
    chosen = user.language if user.language_chosen else None
    lang = page_language(
        chosen, request.cookies.get(LANGUAGE_COOKIE, ""), request.headers.get("accept-language", "")
    )
    name = f"asiakassuunnitelma-{doc.plan.version}.html"
    disposition = {"content-disposition": f'attachment; filename="{name}"'}
    return HTMLResponse(render_plan(doc, lang), headers={**no_store, **disposition})


async def meeting_calendar(request: Request) -> Response:
    """One agreed meeting as an .ics download."""
    raw = request.path_params.get("meeting_id", "")
    with session_scope() as db:
        try:
            user = _or_refused(_signed_in(request, db))
            body = meeting_ics(db, user, int(raw) if raw.isdigit() else 0, client_ip(request))
        except ServiceError:
            return Response(status_code=403)
    return Response(
        body,
        media_type="text/calendar",
        headers={
            "content-disposition": 'attachment; filename="perhetyo.ics"',
            "cache-control": "no-store",
        },
    )


async def calendar_feed(request: Request) -> Response:
    """The private calendar feed; the secret token in the URL is the only credential."""
    with session_scope() as db:
        body = read_feed(db, request.path_params.get("token", ""), client_ip(request))
    if body is None:
        return Response(status_code=404, headers={"cache-control": "no-store"})
    return Response(
        body, media_type="text/calendar; charset=utf-8", headers={"cache-control": "no-store"}
    )


auth_api = Starlette(
    routes=[
        Route(routes.AUTH_SESSION, create_session, methods=["POST"]),
        Route(routes.AUTH_SIGNOUT, end_session, methods=["POST"]),
        Route(routes.EXPORT_JSON, export_json, methods=["GET"]),
        Route(routes.EXPORT_HTML, export_html, methods=["GET"]),
        Route(routes.PLAN_HTML, plan_html, methods=["GET"]),
        Route(routes.MEETING_ICS, meeting_calendar, methods=["GET"]),
        Route(routes.CALENDAR_FEED, calendar_feed, methods=["GET"]),
        *FILE_ROUTES,  # message files (file_routes.py)
        *oidc_routes(),  # strong sign-in (issue 15)
        *test_idp_routes(),  # the test identity provider, only with FAMILYWORK_TEST_IDP=1
    ]
)


def security_headers(app):
    """ASGI middleware adding the security headers to every HTTP response."""

    async def wrapped(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        https = scope.get("scheme") == "https" or config.cookie_secure()

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
                ]
                if https:
                    headers.append(
                        (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
                    )
                message = {**message, "headers": headers}
            await send(message)

        return await app(scope, receive, send_with_headers)

    return wrapped
