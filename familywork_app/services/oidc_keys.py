"""The app's own keys as an OpenID Connect relying party (issue 15).

Two RSA key pairs: one signs the client assertions of `private_key_jwt` (RS256), the other opens
the ID tokens the providers encrypt to the app (RSA-OAEP-256). Each comes from configuration,
`FAMILYWORK_OIDC_SIGNING_KEY` / `FAMILYWORK_OIDC_ENCRYPTION_KEY` (PEM, PKCS#8 or PKCS#1), or is
generated once into `FAMILYWORK_DATA_DIR` (`oidc_signing.pem`, `oidc_encryption.pem`, mode 0600)
like the VAPID key, so every worker and every restart uses the same pair. In production set the
variables: a provider registered with the published keys stops trusting the app when they change.

`public_jwks()` is what the app publishes at `oidc_profile.JWKS_PATH`; key ids are RFC 7638
thumbprints, so they change exactly when a key changes.
"""

import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from joserfc.jwk import KeySet, RSAKey

from familywork_app.config import data_dir

security_log = logging.getLogger("familywork.security")

SIGNING_ALG = "RS256"
ENCRYPTION_ALG = "RSA-OAEP-256"
SIGNING_FILE = "oidc_signing.pem"
ENCRYPTION_FILE = "oidc_encryption.pem"
_KEY_BITS = 3072


@dataclass(frozen=True, slots=True)
class RelyingPartyKeys:
    """The app's private signing and encryption keys (joserfc keys with kid, use and alg)."""

    signing: RSAKey
    encryption: RSAKey


def _generated_pem() -> bytes:
    return rsa.generate_private_key(public_exponent=65537, key_size=_KEY_BITS).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _pem_from_file(path: Path) -> bytes:
    """The PEM in `path`, creating it first (exclusively, 0600) when it does not exist."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = _generated_pem()
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another worker made it first: use theirs
            pass
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(pem)
            security_log.warning("generated a new OIDC relying-party key in %s", path)
    return path.read_bytes()


def _key(pem: bytes, use: str, alg: str, name: str) -> RSAKey:
    try:
        key = RSAKey.import_key(pem, {"use": use, "alg": alg})
    except ValueError as error:
        raise RuntimeError(f"{name} is not an RSA private key in PEM") from error
    if not key.is_private:
        raise RuntimeError(f"{name} holds a public key; the app needs the private key")
    key.ensure_kid()
    return key


@lru_cache(maxsize=4)
def _load(signing_env: str, encryption_env: str, directory: str) -> RelyingPartyKeys:
    folder = Path(directory)
    signing_pem = signing_env.encode() if signing_env else _pem_from_file(folder / SIGNING_FILE)
    encryption_pem = (
        encryption_env.encode() if encryption_env else _pem_from_file(folder / ENCRYPTION_FILE)
    )
    signing = _key(signing_pem, "sig", SIGNING_ALG, "FAMILYWORK_OIDC_SIGNING_KEY")
    encryption = _key(encryption_pem, "enc", ENCRYPTION_ALG, "FAMILYWORK_OIDC_ENCRYPTION_KEY")
    if signing.thumbprint() == encryption.thumbprint():
        raise RuntimeError("the OIDC signing and encryption keys must be two different keys")
    return RelyingPartyKeys(signing=signing, encryption=encryption)


def relying_party_keys() -> RelyingPartyKeys:
    """The configured (or generated and kept) key pairs."""
    return _load(
        os.environ.get("FAMILYWORK_OIDC_SIGNING_KEY", "").strip(),
        os.environ.get("FAMILYWORK_OIDC_ENCRYPTION_KEY", "").strip(),
        str(data_dir()),
    )


def decryption_keys() -> KeySet:
    """The private key set that opens ID tokens encrypted to the app."""
    return KeySet([relying_party_keys().encryption])


def public_jwks() -> dict[str, object]:
    """The public JWKS the providers fetch: one "sig" and one "enc" key, each with its kid."""
    keys = relying_party_keys()
    return {"keys": [keys.signing.as_dict(private=False), keys.encryption.as_dict(private=False)]}
