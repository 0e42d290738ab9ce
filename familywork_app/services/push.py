"""Web push with VAPID (RFC 8030, 8291, 8292): the server's key pair, the browsers'
subscriptions, and sending one encrypted, content-free notification (pywebpush).

Keys: `FAMILYWORK_VAPID_PRIVATE_KEY` (base64url raw 32-byte P-256 key, base64url DER, or PEM)
and optionally `FAMILYWORK_VAPID_PUBLIC_KEY` (base64url uncompressed point; it must match the
private key). Without them a key pair is generated once and kept in `FAMILYWORK_DATA_DIR`
(default `data/` in the checkout; not committed) as `vapid_private.pem`, mode 0600, so every
worker process and every restart uses the same pair (changing it silences all subscriptions).

The server POSTs to a URL a browser gave it, so a subscription is accepted only for a push
service's host (`FAMILYWORK_PUSH_HOSTS`: comma-separated host names, sub-domains included;
default the push services of Chrome, Firefox, Safari and Edge), over https (http only to a
loopback host listed there, for tests), and redirects are never followed.
"""

import base64
import binascii
import ipaddress
import logging
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02
from pywebpush import WebPushException, webpush
from sqlmodel import Session, col, func, select

from familywork_app.config import data_dir
from familywork_app.models import PushSubscription, User, utcnow
from familywork_app.services import ServiceError
from familywork_app.services.policy import acting_user

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
KEY_FILE = "vapid_private.pem"
_B64URL = re.compile(r"^[A-Za-z0-9_-]+={0,2}$")
LOOPBACK_NAMES = ("localhost",)


@dataclass(frozen=True)
class VapidKeys:
    """The server's VAPID key pair: the signer and the public key the browser subscribes to."""

    signer: Vapid02
    public_key: str  # base64url, unpadded, uncompressed P-256 point (applicationServerKey)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def b64url_decode(text: str) -> bytes:
    """Strict base64url (padding optional); ValueError on anything else."""
    if not isinstance(text, str) or not _B64URL.match(text):
        raise ValueError("not base64url")
    try:
        return base64.urlsafe_b64decode(text.rstrip("=") + "=" * (-len(text.rstrip("=")) % 4))
    except (binascii.Error, ValueError) as error:
        raise ValueError("not base64url") from error


def _public_of(key: ec.EllipticCurvePrivateKey) -> str:
    return b64url(
        key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
    )


def _from_file(path: Path) -> ec.EllipticCurvePrivateKey:
    """The key in `path`, creating it first (exclusively, 0600) when it does not exist."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another worker made it first: use theirs
            pass
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(pem)
            log.warning("generated a new VAPID key pair in %s", path)
    return serialization.load_pem_private_key(path.read_bytes(), password=None)


@lru_cache(maxsize=4)
def _load(private_env: str, public_env: str, directory: str) -> VapidKeys:
    if private_env:
        signer = (
            Vapid02.from_pem(private_env.encode())
            if "-----BEGIN" in private_env
            else Vapid02.from_string(private_env)
        )
        key = signer.private_key
    else:
        key = _from_file(Path(directory) / KEY_FILE)
        signer = Vapid02(key)
    public = _public_of(key)
    if public_env and public_env.rstrip("=") != public:
        raise RuntimeError("FAMILYWORK_VAPID_PUBLIC_KEY does not match the private key")
    return VapidKeys(signer=signer, public_key=public)


def vapid_keys() -> VapidKeys:
    """The configured (or generated and kept) VAPID key pair."""
    return _load(
        os.environ.get("FAMILYWORK_VAPID_PRIVATE_KEY", "").strip(),
        os.environ.get("FAMILYWORK_VAPID_PUBLIC_KEY", "").strip(),
        str(data_dir()),
    )


def vapid_subject() -> str:
    """The contact in the VAPID claims (`mailto:` or https URL), for the push services."""
    configured = os.environ.get("FAMILYWORK_VAPID_SUBJECT", "").strip()
    return configured or "mailto:" + os.environ.get("FAMILYWORK_SMTP_FROM", "perhetyo@localhost")


def push_hosts() -> tuple[str, ...]:
    raw = os.environ.get("FAMILYWORK_PUSH_HOSTS", "")
    hosts = tuple(h.strip().lower() for h in raw.split(",") if h.strip())
    return hosts or DEFAULT_PUSH_HOSTS


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


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
    scheme_ok = parts.scheme == "https" or (parts.scheme == "http" and _is_loopback(host))
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


def valid_subscription(data: object) -> tuple[str, str, str]:
    """(endpoint, p256dh, auth) from a browser's `PushSubscription.toJSON()`, checked strictly:
    no unknown fields, an allowed push URL, a P-256 point and a 16-byte auth secret."""
    if not isinstance(data, dict) or not set(data) <= {"endpoint", "expirationTime", "keys"}:
        raise ServiceError("error.push_invalid")
    expiry = data.get("expirationTime")
    if expiry is not None and (isinstance(expiry, bool) or not isinstance(expiry, (int, float))):
        raise ServiceError("error.push_invalid")
    keys = data.get("keys")
    if not isinstance(keys, dict) or set(keys) != {"p256dh", "auth"}:
        raise ServiceError("error.push_invalid")
    endpoint = valid_endpoint(data.get("endpoint"))
    p256dh, auth = _key(keys["p256dh"], 65), _key(keys["auth"], 16)
    try:  # on the curve, uncompressed
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url_decode(p256dh))
    except ValueError:
        raise ServiceError("error.push_invalid") from None
    return endpoint, p256dh, auth


def subscribe(session: Session, user: User, data: object, ip: str = "") -> int:
    """Keep this device's subscription for the signed-in user (a device that another user had
    subscribed moves to this one); returns how many devices the user now has."""
    acting_user(user, ip)
    endpoint, p256dh, auth = valid_subscription(data)
    row = session.exec(
        select(PushSubscription).where(PushSubscription.endpoint == endpoint)
    ).first()
    if row is None:
        row = PushSubscription(user_id=user.id, endpoint=endpoint, p256dh=p256dh, auth=auth)
    row.user_id, row.p256dh, row.auth, row.created_at = user.id, p256dh, auth, utcnow()
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
            timeout=TIMEOUT,
            ttl=TTL,
            headers={"Urgency": "normal", "Topic": "perhetyo"},
            requests_session=_NoRedirects(),
        )
        return response.status_code
    except WebPushException as error:
        return error.status_code or 0
    except (ServiceError, requests.RequestException, ValueError) as error:
        log.warning("push to %s failed: %s", urlsplit(endpoint).hostname, type(error).__name__)
        return 0
