"""Web push (RFC 8030, 8291): the browsers' subscriptions, and sending one encrypted,
content-free notification (pywebpush) signed with the server's VAPID key (`services.vapid`).

The server POSTs to a URL a browser gave it, so a subscription is accepted only for a push
service's host (`FAMILYWORK_PUSH_HOSTS`: comma-separated host names, sub-domains included;
default the push services of Chrome, Firefox, Safari and Edge), over https (http only to a
loopback host listed there, for tests), and redirects are never followed.
"""

import logging
import os
from dataclasses import dataclass
from typing import cast
from urllib.parse import urlsplit

import requests
from cryptography.hazmat.primitives.asymmetric import ec
from pywebpush import (  # pyright: ignore[reportMissingTypeStubs]  # pywebpush: no stub files
    WebPushException,
    webpush,  # pyright: ignore[reportUnknownVariableType]  # its Mapping argument is unparameterised
)
from sqlmodel import Session, col, func, select

from familywork_app.models import PushSubscription, User, utcnow
from familywork_app.services import ServiceError
from familywork_app.services.policy import acting_user, saved_id
from familywork_app.services.security import is_loopback_host
from familywork_app.services.vapid import b64url, b64url_decode, vapid_keys, vapid_subject

log = logging.getLogger("familywork.notify")

ENDPOINT_MAX = 500
MAX_DEVICES = 10  # per user; the oldest subscription goes when an eleventh device opts in
TIMEOUT = (3.05, 5)  # seconds to connect, to read: a slow push service never holds us long
TTL = 24 * 3600  # a phone that is off gets the notification within a day
DEFAULT_PUSH_HOSTS = (
    "fcm.googleapis.com",
    "android.googleapis.com",
    "push.services.mozilla.com",
    "push.apple.com",
    "notify.windows.com",
)


def push_hosts() -> tuple[str, ...]:
    """The push services' host names a subscription may point at (sub-domains included)."""
    raw = os.environ.get("FAMILYWORK_PUSH_HOSTS", "")
    hosts = tuple(h.strip().lower() for h in raw.split(",") if h.strip())
    return hosts or DEFAULT_PUSH_HOSTS


def valid_endpoint(value: object) -> str:
    """A push service URL we may POST to, or ServiceError."""
    if (
        not isinstance(value, str)
        or not 0 < len(value) <= ENDPOINT_MAX
        or not value.isprintable()
        or any(c.isspace() for c in value)
    ):
        raise ServiceError("error.push_invalid")
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        raise ServiceError("error.push_invalid") from None
    host = (parts.hostname or "").lower()
    allowed = any(host == h or host.endswith("." + h) for h in push_hosts())
    scheme_ok = parts.scheme == "https" or (parts.scheme == "http" and is_loopback_host(host))
    if (
        not host
        or not allowed
        or not scheme_ok
        or parts.username
        or parts.password
        or parts.fragment
        or (port is not None and not 0 < port < 65536)
    ):
        raise ServiceError("error.push_invalid")
    return value


def _key(value: object, length: int) -> str:
    """A browser key: strict base64url of exactly `length` bytes; returned unpadded."""
    try:
        raw = b64url_decode(value)
    except ValueError:
        raise ServiceError("error.push_invalid") from None
    if len(raw) != length:
        raise ServiceError("error.push_invalid")
    return b64url(raw)


@dataclass(frozen=True, slots=True)
class Subscription:
    """A browser's push subscription, checked: where to POST and the keys to encrypt to."""

    endpoint: str
    p256dh: str  # the browser's P-256 public key, base64url
    auth: str  # the browser's 16-byte auth secret, base64url


def _mapping(value: object) -> dict[str, object] | None:
    """`value` as a JSON object (a dict with text keys only), or None."""
    if not isinstance(value, dict):
        return None
    items = cast(dict[object, object], value).items()
    fields = {key: item for key, item in items if isinstance(key, str)}
    return fields if len(fields) == len(items) else None


def valid_subscription(data: object) -> Subscription:
    """The subscription in a browser's `PushSubscription.toJSON()`, checked strictly: no
    unknown fields, an allowed push URL, a P-256 point and a 16-byte auth secret."""
    fields = _mapping(data)
    if fields is None or not set(fields) <= {"endpoint", "expirationTime", "keys"}:
        raise ServiceError("error.push_invalid")
    expiry = fields.get("expirationTime")
    if expiry is not None and (isinstance(expiry, bool) or not isinstance(expiry, (int, float))):
        raise ServiceError("error.push_invalid")
    keys = _mapping(fields.get("keys"))
    if keys is None or set(keys) != {"p256dh", "auth"}:
        raise ServiceError("error.push_invalid")
    endpoint = valid_endpoint(fields.get("endpoint"))
    p256dh, auth = _key(keys["p256dh"], 65), _key(keys["auth"], 16)
    try:  # on the curve, uncompressed
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url_decode(p256dh))
    except ValueError:
        raise ServiceError("error.push_invalid") from None
    return Subscription(endpoint=endpoint, p256dh=p256dh, auth=auth)


def subscribe(session: Session, user: User, data: object, ip: str = "") -> int:
    """Keep this device's subscription for the signed-in user (a device that another user had
    subscribed moves to this one); returns how many devices the user now has."""
    user_id = saved_id(acting_user(user, ip).id)
    checked = valid_subscription(data)
    endpoint, p256dh, auth = checked.endpoint, checked.p256dh, checked.auth
    row = session.exec(
        select(PushSubscription).where(PushSubscription.endpoint == endpoint)
    ).first()
    if row is None:
        row = PushSubscription(user_id=user_id, endpoint=endpoint, p256dh=p256dh, auth=auth)
    row.user_id, row.p256dh, row.auth, row.created_at = user_id, p256dh, auth, utcnow()
    row.last_failure_at = None
    session.add(row)
    session.flush()
    mine = session.exec(
        select(PushSubscription)
        .where(PushSubscription.user_id == user.id)
        .order_by(col(PushSubscription.created_at).desc(), col(PushSubscription.id).desc())
    ).all()
    for old in mine[MAX_DEVICES:]:
        session.delete(old)
    session.commit()
    return min(len(mine), MAX_DEVICES)


def unsubscribe(session: Session, user: User, endpoint: object, ip: str = "") -> bool:
    """Forget this device's subscription (only the user's own); whether there was one."""
    acting_user(user, ip)
    if not isinstance(endpoint, str) or len(endpoint) > ENDPOINT_MAX:
        return False
    row = session.exec(
        select(PushSubscription).where(
            PushSubscription.endpoint == endpoint, PushSubscription.user_id == user.id
        )
    ).first()
    if row is not None:
        session.delete(row)
        session.commit()
    return row is not None


def unsubscribe_all(session: Session, user: User, ip: str = "") -> int:
    """Forget every device of the user; how many there were."""
    acting_user(user, ip)
    rows = session.exec(select(PushSubscription).where(PushSubscription.user_id == user.id)).all()
    for row in rows:
        session.delete(row)
    session.commit()
    return len(rows)


def device_count(session: Session, user: User) -> int:
    """How many devices the user gets notifications on."""
    return session.exec(
        select(func.count())
        .select_from(PushSubscription)
        .where(PushSubscription.user_id == user.id)
    ).one()


def is_subscribed(session: Session, user: User, endpoint: object) -> bool:
    """Whether this browser's endpoint is one of the user's subscriptions."""
    if not isinstance(endpoint, str) or not endpoint or len(endpoint) > ENDPOINT_MAX:
        return False
    return (
        session.exec(
            select(PushSubscription.id).where(
                PushSubscription.endpoint == endpoint, PushSubscription.user_id == user.id
            )
        ).first()
        is not None
    )


class _NoRedirects(requests.Session):
    """A push service that redirects is refused (the POST never follows it elsewhere)."""

    def __init__(self) -> None:
        super().__init__()
        self.max_redirects = 0


def send_push(endpoint: str, p256dh: str, auth: str, payload: str) -> int:
    """Encrypt `payload` (aes128gcm) to one subscription and POST it with VAPID headers.

    Returns the push service's HTTP status (201 accepted; 404/410 the subscription is gone),
    or 0 when it could not be reached. Never raises for network or service errors."""
    keys = vapid_keys()
    try:
        valid_endpoint(endpoint)  # the allow-list may have changed since it was stored
        response = webpush(
            {"endpoint": endpoint, "keys": {"p256dh": p256dh, "auth": auth}},
            data=payload,
            vapid_private_key=keys.signer,
            vapid_claims={"sub": vapid_subject()},
            # pywebpush hints a float, but hands the value to requests, which takes the pair.
            timeout=TIMEOUT,  # pyright: ignore[reportArgumentType]  # requests takes the pair
            ttl=TTL,
            headers={"Urgency": "normal", "Topic": "perhetyo"},
            requests_session=_NoRedirects(),
        )
        return response.status_code if isinstance(response, requests.Response) else 0
    except WebPushException as error:
        return error.status_code or 0
    except (ServiceError, requests.RequestException, ValueError) as error:
        log.warning("push to %s failed: %s", urlsplit(endpoint).hostname, type(error).__name__)
        return 0
