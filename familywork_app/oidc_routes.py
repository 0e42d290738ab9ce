"""HTTP routes of the strong sign-in (issue 15): the app's JWKS, the start and callback of each
provider, the one-time linking of a Suomi.fi identification, and the provider's sign-out.

The pending values of a begun sign-in travel sealed in the HttpOnly, SameSite=Lax cookie
`PENDING_COOKIE` of this browser only; the verified identity waiting to be linked, likewise in
`LINK_COOKIE`. Start, callback and sign-out call the provider over HTTP, so they are plain
(non-async) endpoints: Starlette runs them on a worker thread and the event loop stays free.
"""

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from familywork_app import config, routes
from familywork_app.config import LANGUAGE_COOKIE, SESSION_COOKIE
from familywork_app.db import session_scope
from familywork_app.domain import Role
from familywork_app.i18n import page_language, t
from familywork_app.models import User
from familywork_app.oidc_pages import LINK_PATH, link_page, message_page, refusal_page
from familywork_app.oidc_profile import CALLBACK_PATH, JWKS_PATH, START_PATH, Provider
from familywork_app.services import oidc_client, staff_identity, strong_identity
from familywork_app.services.oidc_client import SignInRefused, VerifiedIdentity
from familywork_app.services.oidc_keys import public_jwks
from familywork_app.services.oidc_settings import guardian_passwords_enabled
from familywork_app.services.strong_identity import LINK_COOKIE, LINK_SECONDS

PENDING_COOKIE = "fw_oidc_pending"
PROVIDER_COOKIE = "fw_oidc_provider"  # which provider signed this browser in (for sign-out)
NO_STORE = {"cache-control": "no-store"}


def _ip(request: Request) -> str:
    from familywork_app.web_routes import client_ip  # the one reading of proxies' headers

    return client_ip(request)


def _lang(request: Request) -> str:
    return page_language(
        None, request.cookies.get(LANGUAGE_COOKIE, ""), request.headers.get("accept-language", "")
    )


def _cookie(response: Response, name: str, value: str, max_age: int | None) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=config.cookie_secure(),
    )


def _provider(request: Request) -> Provider | None:
    try:
        return Provider(request.path_params.get("provider", ""))
    except ValueError:
        return None


def _refused(request: Request, error: SignInRefused, provider: Provider) -> Response:
    status = 503 if isinstance(error, oidc_client.ProviderUnavailable) else 400
    passwords = provider == Provider.COUNTY or guardian_passwords_enabled()
    page = refusal_page(_lang(request), error.code, provider, passwords)
    response = HTMLResponse(page, status_code=status, headers=NO_STORE)
    response.delete_cookie(PENDING_COOKIE, path="/")
    return response


def jwks(_request: Request) -> Response:
    """The app's public signing and encryption keys, for the providers to fetch."""
    return JSONResponse(public_jwks(), headers={"cache-control": "public, max-age=300"})


def start(request: Request) -> Response:
    """Begin the authorization code flow: to the provider, with this browser's pending values."""
    provider = _provider(request)
    if provider is None:
        return HTMLResponse("<p>404</p>", status_code=404)
    try:
        url, pending = oidc_client.start(provider, _lang(request), _ip(request))
    except SignInRefused as error:
        return _refused(request, error, provider)
    response = RedirectResponse(url, status_code=303, headers=NO_STORE)
    _cookie(response, PENDING_COOKIE, pending.sealed(), oidc_client.PENDING_SECONDS)
    return response


def _signed_in(user: User, token: str, provider: Provider) -> Response:
    response = RedirectResponse(routes.home_for(user.role), status_code=303, headers=NO_STORE)
    max_age = config.GUARDIAN_ABSOLUTE_MINUTES * 60 if user.role == Role.GUARDIAN else None
    _cookie(response, SESSION_COOKIE, token, max_age)
    _cookie(response, PROVIDER_COOKIE, provider.value, max_age)
    response.delete_cookie(PENDING_COOKIE, path="/")
    response.delete_cookie(LINK_COOKIE, path="/")
    return response


def _family_arrives(request: Request, identity: VerifiedIdentity) -> Response:
    """A linked guardian is signed in; anyone else is asked once for their account."""
    ip = _ip(request)
    with session_scope() as db:
        user = strong_identity.linked_guardian(db, identity, ip)
        token = (
            strong_identity.new_session_token(db, user, request.headers.get("user-agent", ""), ip)
            if user is not None
            else None
        )
    if user is not None and token is not None:
        return _signed_in(user, token, Provider.SUOMIFI)
    response = RedirectResponse(LINK_PATH, status_code=303, headers=NO_STORE)
    _cookie(response, LINK_COOKIE, strong_identity.sealed_identity(identity), LINK_SECONDS)
    response.delete_cookie(PENDING_COOKIE, path="/")
    return response


def _staff_arrives(request: Request, identity: VerifiedIdentity) -> Response:
    """The county's verdict (services.staff_identity): in, to the code step, or refused."""
    ip = _ip(request)
    with session_scope() as db:
        result = staff_identity.sign_in_staff(db, identity, ip)
        user = db.get(User, result.user_id) if result.user_id is not None else None
        token = None
        if user is not None and not result.needs_code:
            agent = request.headers.get("user-agent", "")
            token = strong_identity.new_session_token(db, user, agent, ip)
    if user is not None and token is not None:
        return _signed_in(user, token, Provider.COUNTY)
    if user is not None and result.needs_code:
        response = RedirectResponse(routes.SIGN_IN, status_code=303, headers=NO_STORE)
        handoff = staff_identity.handoff_value(result, identity)
        _cookie(response, staff_identity.HANDOFF_COOKIE, handoff, staff_identity.HANDOFF_SECONDS)
        _cookie(response, PROVIDER_COOKIE, Provider.COUNTY.value, None)
        response.delete_cookie(PENDING_COOKIE, path="/")
        return response
    lang = _lang(request)
    page = message_page(lang, t(lang, result.message_key or "identity.error.code"))
    return HTMLResponse(page, status_code=403, headers=NO_STORE)


def callback(request: Request) -> Response:
    """The provider's answer: checked in full (services.oidc_client), then signed in."""
    provider = _provider(request)
    if provider is None:
        return HTMLResponse("<p>404</p>", status_code=404)
    query = {key: value for key, value in request.query_params.items()}
    try:
        identity = oidc_client.finish(
            provider, query, request.cookies.get(PENDING_COOKIE), _ip(request)
        )
    except SignInRefused as error:
        return _refused(request, error, provider)
    if provider == Provider.COUNTY:
        return _staff_arrives(request, identity)
    return _family_arrives(request, identity)


def _link_form(request: Request, identity: VerifiedIdentity, email: str, error: str) -> Response:
    name = strong_identity.verified_name(identity)
    status = 400 if error else 200
    page = link_page(_lang(request), name, email, error)
    return HTMLResponse(page, status_code=status, headers=NO_STORE)


def _expired(request: Request) -> Response:
    passwords = guardian_passwords_enabled()
    page = refusal_page(_lang(request), "identity.link.expired", Provider.SUOMIFI, passwords)
    return HTMLResponse(page, status_code=400, headers=NO_STORE)


async def link(request: Request) -> Response:
    """GET: the one-time form; POST: link with the account's password, then sign in."""
    identity = strong_identity.opened_identity(request.cookies.get(LINK_COOKIE))
    if identity is None:
        return _expired(request)
    if request.method == "GET":
        return _link_form(request, identity, "", "")
    origin = request.headers.get("origin")
    if origin is None or origin not in config.allowed_origins():
        return JSONResponse({"ok": False}, status_code=403)
    form = await request.form()
    email, password = str(form.get("email", ""))[:254], str(form.get("password", ""))[:200]
    return await run_in_threadpool(_link_now, request, identity, email, password)


def _link_now(request: Request, identity: VerifiedIdentity, email: str, password: str) -> Any:
    ip = _ip(request)
    with session_scope() as db:
        result = strong_identity.link_guardian(db, identity, email, password, ip)
        user = result.user
        token = (
            strong_identity.new_session_token(db, user, request.headers.get("user-agent", ""), ip)
            if user is not None
            else None
        )
    if user is not None and token is not None:
        return _signed_in(user, token, Provider.SUOMIFI)
    lang = _lang(request)
    message = t(lang, result.error or "identity.link.wrong_password", seconds=result.wait_seconds)
    return _link_form(request, identity, email, message)


def signed_out(request: Request) -> Response:
    """After the local sign-out (routes.AUTH_SIGNOUT): the provider's own sign-out too, where
    this browser signed in through one that has an end-session endpoint."""
    target: str | None = None
    try:
        provider = Provider(request.cookies.get(PROVIDER_COOKIE, ""))
    except ValueError:
        provider = None
    if provider is not None:
        target = oidc_client.end_session_url(provider)
    response = RedirectResponse(target or routes.SIGN_IN, status_code=303, headers=NO_STORE)
    response.delete_cookie(PROVIDER_COOKIE, path="/")
    return response


def oidc_routes() -> list[BaseRoute]:
    """The routes to add to the app's plain HTTP routes (web_routes.auth_api)."""
    return [
        Route(JWKS_PATH, jwks, methods=["GET"]),
        Route(START_PATH, start, methods=["GET"]),
        Route(CALLBACK_PATH, callback, methods=["GET"]),
        Route(LINK_PATH, link, methods=["GET", "POST"]),
        Route(routes.AUTH_SIGNED_OUT, signed_out, methods=["GET"]),
    ]
