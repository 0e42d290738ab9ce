"""The server's VAPID key pair (RFC 8292) for web push, and the base64url the browsers use.

Keys: `FAMILYWORK_VAPID_PRIVATE_KEY` (base64url raw 32-byte P-256 key, base64url DER, or PEM)
and optionally `FAMILYWORK_VAPID_PUBLIC_KEY` (base64url uncompressed point; it must match the
private key). Without them a key pair is generated once and kept in `FAMILYWORK_DATA_DIR`
(default `data/` in the checkout; not committed) as `vapid_private.pem`, mode 0600, so every
worker process and every restart uses the same pair (changing it silences all subscriptions).
"""

import base64
import binascii
import logging
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import cast

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02  # pyright: ignore[reportMissingTypeStubs]  # no hints in py_vapid

from familywork_app.config import data_dir

log = logging.getLogger("familywork.notify")

KEY_FILE = "vapid_private.pem"
_B64URL = re.compile(r"^[A-Za-z0-9_-]+={0,2}$")


@dataclass(frozen=True, slots=True)
class VapidKeys:
    """The server's VAPID key pair: the signer and the public key the browser subscribes to."""

    signer: Vapid02
    public_key: str  # base64url, unpadded, uncompressed P-256 point (applicationServerKey)


def b64url(data: bytes) -> str:
    """Unpadded base64url, as the browsers' push keys are written."""
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def b64url_decode(text: object) -> bytes:
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
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise RuntimeError(f"{path} does not hold an elliptic-curve key")
    return key


def _signer_from_setting(private_env: str) -> tuple[Vapid02, ec.EllipticCurvePrivateKey]:
    """The signer of a configured key (PEM, DER or raw, base64url) and its private key."""
    if "-----BEGIN" in private_env:
        signer = Vapid02.from_pem(  # pyright: ignore[reportUnknownMemberType]  # py_vapid: no hints
            private_env.encode()
        )
    else:
        signer = Vapid02.from_string(  # pyright: ignore[reportUnknownMemberType]  # no hints
            private_env
        )
    key = cast(
        object,
        signer.private_key,  # pyright: ignore[reportUnknownMemberType]  # py_vapid: no hints
    )
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise RuntimeError("FAMILYWORK_VAPID_PRIVATE_KEY is not an elliptic-curve key")
    return signer, key


@lru_cache(maxsize=4)
def _load(private_env: str, public_env: str, directory: str) -> VapidKeys:
    if private_env:
        signer, key = _signer_from_setting(private_env)
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
