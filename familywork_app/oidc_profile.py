"""What the app and the test identity provider agree on (issue 15): paths, claim names, levels
of assurance, and the test identities. The app's OpenID Connect client (relying party) and the
test provider both import these, so neither hard-codes the other's spelling.

Suomi.fi e-Identification speaks the Finnish trust network's OpenID Connect profile; a county's
staff identity provider (Entra ID, Keycloak, ...) speaks plain OpenID Connect.
"""

from dataclasses import dataclass
from enum import StrEnum

# --- the app's own addresses (relying party) ---
JWKS_PATH = "/.well-known/jwks.json"  # the app's public signing and encryption keys
CALLBACK_PATH = "/auth/oidc/{provider}/callback"  # the registered redirect URI, per provider
START_PATH = "/auth/oidc/{provider}/start"  # GET: begins the authorization code flow
TEST_IDP_MOUNT = "/test-idp"  # the test provider, mounted in the app only in demo/test mode


class Provider(StrEnum):
    """The two kinds of sign-in; also the path segment of START_PATH and CALLBACK_PATH."""

    SUOMIFI = "suomifi"  # families: Suomi.fi e-Identification
    COUNTY = "county"  # staff: the county's identity provider


# --- claims (Finnish trust network profile for Suomi.fi; plain OIDC for the county) ---
CLAIM_PERSONAL_IDENTITY_CODE = "personal_identity_code"
CLAIM_GIVEN_NAME = "given_name"
CLAIM_FAMILY_NAME = "family_name"
CLAIM_NAME = "name"
CLAIM_EMAIL = "email"
CLAIM_AMR = "amr"
DEFAULT_GROUP_CLAIM = "groups"  # FAMILYWORK_STAFF_GROUP_CLAIM may name another claim
AMR_MULTI_FACTOR = "mfa"


class Assurance(StrEnum):
    """Levels of assurance (`acr`) of the Finnish trust network."""

    LOW = "http://ftn.ficora.fi/2017/loa1"
    SUBSTANTIAL = "http://ftn.ficora.fi/2017/loa2"
    HIGH = "http://ftn.ficora.fi/2017/loa3"


ACCEPTED_ASSURANCE = frozenset({Assurance.SUBSTANTIAL, Assurance.HIGH})

# Default group names of the county provider (FAMILYWORK_STAFF_GROUPS may map others).
GROUP_WORKERS = "familywork-workers"
GROUP_SUPERVISORS = "familywork-supervisors"


@dataclass(frozen=True, slots=True)
class TestPerson:
    """A test identity of the Suomi.fi-like test provider (a fictional person, test PIC)."""

    label: str  # shown on the test provider's page, e.g. "Laura Kemppainen (test)"
    personal_identity_code: str
    given_name: str
    family_name: str
    acr: Assurance


@dataclass(frozen=True, slots=True)
class TestStaff:
    """A test identity of the county-like test provider."""

    label: str
    subject: str
    name: str
    email: str
    groups: tuple[str, ...]
    amr: tuple[str, ...]


# Personal identity codes with individual numbers 900-999 are test codes (never real people).
TEST_PEOPLE: tuple[TestPerson, ...] = (
    TestPerson(
        "Laura Kemppainen (test)", "010185-902F", "Laura", "Kemppainen", Assurance.SUBSTANTIAL
    ),
    TestPerson("Jussi Kemppainen (test)", "020383-9038", "Jussi", "Kemppainen", Assurance.HIGH),
    TestPerson("Aino Testinen (test)", "150690-906Y", "Aino", "Testinen", Assurance.SUBSTANTIAL),
    TestPerson("Matti Heikko (test, low)", "111170-9002", "Matti", "Heikko", Assurance.LOW),
)

TEST_STAFF: tuple[TestStaff, ...] = (
    TestStaff(
        "Worker, multi-factor (test)",
        "county-worker-1",
        "Anna Heikkinen",
        "worker@example.org",
        (GROUP_WORKERS,),
        ("pwd", AMR_MULTI_FACTOR),
    ),
    TestStaff(
        "Worker, password only (test)",
        "county-worker-1",
        "Anna Heikkinen",
        "worker@example.org",
        (GROUP_WORKERS,),
        ("pwd",),
    ),
    TestStaff(
        "Supervisor, multi-factor (test)",
        "county-supervisor-1",
        "Riitta Karjalainen",
        "supervisor@example.org",
        (GROUP_SUPERVISORS,),
        ("pwd", AMR_MULTI_FACTOR),
    ),
    TestStaff(
        "Outsider, no family-work group (test)",
        "county-outsider-1",
        "Olli Ulkopuolinen",
        "outsider@example.org",
        ("finance",),
        ("pwd", AMR_MULTI_FACTOR),
    ),
)
