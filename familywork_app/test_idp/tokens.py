"""The ID token's person claims and its encryption: the provider signs the token (RS256, Authlib's
OpenIDCode) and then encrypts it to the client's key with "use": "enc" (JWE compact,
RSA-OAEP-256 + A256GCM, `cty` JWT), as the Finnish trust network's profile asks."""

import hashlib
from typing import Any

from authlib.oauth2.rfc6749 import InvalidClientError
from joserfc import jwe
from joserfc.jwk import KeySet, RSAKey

from familywork_app.oidc_profile import (
    CLAIM_EMAIL,
    CLAIM_FAMILY_NAME,
    CLAIM_GIVEN_NAME,
    CLAIM_NAME,
    CLAIM_PERSONAL_IDENTITY_CODE,
    DEFAULT_GROUP_CLAIM,
    TestPerson,
    TestStaff,
)
from familywork_app.test_idp.registry import Fault

ENCRYPTION_ALG = "RSA-OAEP-256"
ENCRYPTION_ENC = "A256GCM"


def identity_claims(identity: TestPerson | TestStaff, issuer: str) -> dict[str, Any]:
    """The person's claims. A Suomi.fi-like `sub` is a stable pseudonym per issuer and person;
    the county's is the staff member's account id. `acr` (people) and `amr` (staff) come from
    the authorization code (Authlib's OpenIDCode adds them)."""
    if isinstance(identity, TestPerson):
        seed = f"{issuer} {identity.personal_identity_code}".encode()
        return {
            "sub": hashlib.sha256(seed).hexdigest()[:32],
            CLAIM_PERSONAL_IDENTITY_CODE: identity.personal_identity_code,
            CLAIM_GIVEN_NAME: identity.given_name,
            CLAIM_FAMILY_NAME: identity.family_name,
            CLAIM_NAME: f"{identity.given_name} {identity.family_name}",
        }
    return {
        "sub": identity.subject,
        CLAIM_NAME: identity.name,
        CLAIM_EMAIL: identity.email,
        DEFAULT_GROUP_CLAIM: list(identity.groups),
    }


def _encryption_key(keys: KeySet | None) -> RSAKey:
    for key in keys.keys if keys is not None else []:
        if key.get("use") == "enc" and isinstance(key, RSAKey):
            return key
    raise InvalidClientError(
        description="The client's JWKS has no RSA key for encryption (use: enc)."
    )


def seal_id_token(signed: str, keys: KeySet | None, fault: Fault | None) -> str:
    """The signed ID token encrypted to the client (or, with a fault, not or wrongly)."""
    if fault == Fault.NOT_ENCRYPTED:
        return signed
    key = _encryption_key(keys)
    header = {"alg": ENCRYPTION_ALG, "enc": ENCRYPTION_ENC, "cty": "JWT"}
    if key.kid:
        header["kid"] = key.kid  # with WRONG_ENCRYPTION_KEY too: the client tries its own key
    if fault == Fault.WRONG_ENCRYPTION_KEY:
        key = RSAKey.generate_key(2048)
    return jwe.encrypt_compact(
        header, signed.encode(), key, algorithms=[ENCRYPTION_ALG, ENCRYPTION_ENC]
    )
