"""Secrets kept encrypted at rest: the staff second factor's TOTP seed.

Fernet (AES-128-CBC with HMAC-SHA256, from `cryptography`) under one key: `FAMILYWORK_SECRET_KEY`
(a Fernet key: 32 random bytes, urlsafe base64), or else one generated once into
`FAMILYWORK_DATA_DIR/secret.key` (mode 0600). Every worker process and every machine of one
deployment must use the same key: in production, set the variable. A database dump alone then no
longer lets anyone make second-factor codes. A value stored before encryption (no prefix) still
reads as it is and is sealed the next time it is written.
"""

import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken

from familywork_app.config import data_dir

PREFIX = "f1:"
KEY_FILE = "secret.key"


def _key_from_file() -> bytes:
    path = data_dir() / KEY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # made earlier, or by another worker just now
        return path.read_bytes().strip()
    key = Fernet.generate_key()
    with os.fdopen(fd, "wb") as out:
        out.write(key)
    return key


@lru_cache(maxsize=1)
def _key() -> bytes:
    configured = os.environ.get("FAMILYWORK_SECRET_KEY", "").strip()
    return configured.encode() if configured else _key_from_file()


@lru_cache(maxsize=1)
def _fernet() -> Fernet:
    return Fernet(_key())


def keyed_hash(purpose: str, plain: str) -> str:
    """HMAC-SHA256 of `plain` under a key derived from the same secret key, for looking a
    sealed value up (a database dump alone cannot test guesses against it)."""
    lookup_key = hmac.new(_key(), b"lookup:" + purpose.encode(), hashlib.sha256).digest()
    return hmac.new(lookup_key, plain.encode(), hashlib.sha256).hexdigest()


def seal(plain: str) -> str:
    """The stored form of a secret."""
    return PREFIX + _fernet().encrypt(plain.encode()).decode()


def unseal(stored: str | None) -> str | None:
    """The secret from its stored form (None stays None; an unsealed legacy value as it is)."""
    if not stored or not stored.startswith(PREFIX):
        return stored
    try:
        return _fernet().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken as error:
        raise RuntimeError(
            "FAMILYWORK_SECRET_KEY does not open the stored second-factor "
            "secrets: every worker must use the same key"
        ) from error
