"""The identity an OpenID Connect provider vouched for, as the app uses it (issue 15): the
subject and the typed claims. The personal identity code stays out of every repr."""

import os
from dataclasses import dataclass, field
from typing import Any, cast

from familywork_app.oidc_profile import (
    CLAIM_AMR,
    CLAIM_EMAIL,
    CLAIM_FAMILY_NAME,
    CLAIM_GIVEN_NAME,
    CLAIM_NAME,
    CLAIM_PERSONAL_IDENTITY_CODE,
    DEFAULT_GROUP_CLAIM,
    Provider,
)


@dataclass(frozen=True, slots=True)
class IdentityClaims:
    """The claims the app uses; the personal identity code stays out of every repr."""

    given_name: str = ""
    family_name: str = ""
    name: str = ""
    personal_identity_code: str = field(default="", repr=False)
    acr: str = ""
    email: str = ""
    groups: tuple[str, ...] = ()
    amr: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class VerifiedIdentity:
    """A person the provider vouched for in a fully checked ID token."""

    provider: Provider
    subject: str
    claims: IdentityClaims


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(item) for item in cast(list[object], value))
    return ()


def identity_of(provider: Provider, claims: dict[str, Any]) -> VerifiedIdentity:
    """The typed identity of the claims of a fully checked ID token."""
    group_claim = os.environ.get("FAMILYWORK_STAFF_GROUP_CLAIM", "").strip() or DEFAULT_GROUP_CLAIM

    def text(name: str) -> str:
        value = claims.get(name)
        return value.strip()[:200] if isinstance(value, str) else ""

    return VerifiedIdentity(
        provider=provider,
        subject=str(claims["sub"]),
        claims=IdentityClaims(
            given_name=text(CLAIM_GIVEN_NAME),
            family_name=text(CLAIM_FAMILY_NAME),
            name=text(CLAIM_NAME),
            personal_identity_code=text(CLAIM_PERSONAL_IDENTITY_CODE).upper(),
            acr=text("acr"),
            email=text(CLAIM_EMAIL).lower(),
            groups=_strings(claims.get(group_claim)),
            amr=_strings(claims.get(CLAIM_AMR)),
        ),
    )
