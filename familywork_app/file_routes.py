"""The download route of message files: `/files/{id}` and `/files/{id}/thumb`.

Authorised by the session cookie and `services.attachments.file_content` (one access-log row per
download; a refusal goes to the security log). Every answer says `Cache-Control: no-store`, and
assets/sw.js never caches `/files/`. A photo is shown inline; a PDF is a download, so the
browser's own viewer never runs it from our origin. The content type is the one the checks
found, with `nosniff` from the security headers.
"""

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from familywork_app import routes
from familywork_app.config import SESSION_COOKIE
from familywork_app.db import session_scope
from familywork_app.services import ServiceError, auth
from familywork_app.services.attachments import file_content, security_log

NO_STORE = {"cache-control": "no-store, private", "pragma": "no-cache"}
# A file is our own bytes, never a page: no scripts, no plugins, even if opened directly.
SANDBOX = {"content-security-policy": "default-src 'none'; img-src 'self'; sandbox"}


def _client_ip(request: Request) -> str:
    # The same reading as the other routes (imported here: web_routes imports this module).
    from familywork_app.web_routes import client_ip

    return client_ip(request)


def _disposition(name: str, inline: bool) -> str:
    """RFC 6266 with an ASCII fallback and the UTF-8 name ("päiväkoti.jpg")."""
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


async def _serve(request: Request, thumbnail: bool) -> Response:
    raw = request.path_params.get("file_id", "")
    file_id = int(raw) if isinstance(raw, str) and raw.isdigit() and len(raw) < 11 else 0
    ip = _client_ip(request)
    with session_scope() as db:
        user = auth.resolve_session(db, request.cookies.get(SESSION_COOKIE))
        if user is None:
            security_log.warning("file %s requested without a session from %s", file_id, ip)
            return Response(status_code=403, headers=NO_STORE)
        try:
            content = file_content(db, user, file_id, ip, thumbnail=thumbnail)
        except ServiceError:
            return Response(status_code=404, headers=NO_STORE)
    inline = content.media_type.startswith("image/")
    return Response(
        content.data,
        media_type=content.media_type,
        headers={
            **NO_STORE,
            **SANDBOX,
            "content-disposition": _disposition(content.name, inline),
        },
    )


async def message_file(request: Request) -> Response:
    return await _serve(request, thumbnail=False)


async def message_file_thumb(request: Request) -> Response:
    return await _serve(request, thumbnail=True)


FILE_ROUTES = [
    Route(routes.MESSAGE_FILE, message_file, methods=["GET"]),
    Route(routes.MESSAGE_FILE_THUMB, message_file_thumb, methods=["GET"]),
]
