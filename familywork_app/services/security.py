"""Password hashing and checks, random tokens and their hashes."""

import hashlib
import ipaddress
import secrets
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import cast

from passlib.context import (  # pyright: ignore[reportMissingTypeStubs]  # passlib: no hints
    CryptContext,
)

# argon2id with the parameters OWASP recommends as a minimum (m=19 MiB, t=2, p=1).
PASSWORDS = CryptContext(
    schemes=["argon2"],
    argon2__type="ID",
    argon2__memory_cost=19456,
    argon2__time_cost=2,
    argon2__parallelism=1,
)
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 128
# The two methods of CryptContext used here, with their types (passlib ships no type hints).
_hash = cast(
    Callable[[str], str],
    PASSWORDS.hash,  # pyright: ignore[reportUnknownMemberType]  # passlib ships no type hints
)
_verify = cast(
    Callable[[str, str], bool],
    PASSWORDS.verify,  # pyright: ignore[reportUnknownMemberType]  # passlib ships no type hints
)
# Verified against when the e-mail is unknown, so a failure takes the same time either way.
_DUMMY_HASH = _hash("not-a-real-password-0f3a9c")


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    path = Path(__file__).with_name("common_passwords.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def password_problem(password: object) -> str | None:
    """The i18n key of what is wrong with a new password, or None when it is acceptable."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        return "error.password_short"
    if len(password) > MAX_PASSWORD_LENGTH:
        return "error.password_long"
    if password.lower() in _common_passwords():
        return "error.password_common"
    return None


def hash_password(password: str) -> str:
    """The argon2id hash of a password."""
    return _hash(password)


def verify_password(password: object, password_hash: str | None) -> bool:
    """Whether `password` matches; always spends one argon2 verification."""
    if not isinstance(password, str) or len(password) > MAX_PASSWORD_LENGTH:
        password = ""
    try:
        ok = _verify(password, password_hash or _DUMMY_HASH)
    except (ValueError, TypeError):
        return False
    return ok and password_hash is not None


def new_token() -> str:
    """A random URL-safe token with 256 bits of entropy."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """The SHA-256 of a token; only this is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


LOOPBACK_NAMES = ("localhost",)


def is_loopback_host(host: str) -> bool:
    """Whether a URL's host is this machine (plain http is allowed only there)."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
