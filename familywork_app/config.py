"""Settings read from the environment, in one place.

Reflex itself reads its own `REFLEX_*` variables (see rxconfig.py); the app's rules read these.
"""

import os
from pathlib import Path

DEFAULT_DB_URL = "sqlite:///familywork.db"
SESSION_COOKIE = "fw_session"  # the HttpOnly cookie holding the random session token
LANGUAGE_COOKIE = "fw_lang"  # the language picked on this browser (readable by the page)


def db_url() -> str:
    """The database URL shared by Reflex, Alembic and the services."""
    return os.environ.get("REFLEX_DB_URL") or DEFAULT_DB_URL


def allowed_origins() -> list[str]:
    """Browser origins allowed to open the websocket and post to the sign-in routes."""
    raw = os.environ.get(
        "REFLEX_CORS_ALLOWED_ORIGINS", "http://localhost:3000,http://127.0.0.1:3000"
    )
    return [o.strip() for o in raw.split(",") if o.strip() and o.strip() != "*"]


def cookie_secure() -> bool:
    """Send the session cookie only over HTTPS (set in production behind TLS)."""
    return os.environ.get("FAMILYWORK_COOKIE_SECURE", "0") == "1"


# Session lifetimes (minutes). Staff work on shared tablets: short idle timeout.
STAFF_IDLE_MINUTES = int(os.environ.get("FAMILYWORK_STAFF_IDLE_MINUTES", "30"))
STAFF_ABSOLUTE_MINUTES = int(os.environ.get("FAMILYWORK_STAFF_ABSOLUTE_MINUTES", str(12 * 60)))
GUARDIAN_IDLE_MINUTES = int(os.environ.get("FAMILYWORK_GUARDIAN_IDLE_MINUTES", str(7 * 24 * 60)))
GUARDIAN_ABSOLUTE_MINUTES = int(
    os.environ.get("FAMILYWORK_GUARDIAN_ABSOLUTE_MINUTES", str(30 * 24 * 60))
)


def data_dir() -> Path:
    """Where generated keys are kept (outside version control): `FAMILYWORK_DATA_DIR`, default
    `data/` in the checkout."""
    configured = os.environ.get("FAMILYWORK_DATA_DIR", "")
    return Path(configured) if configured else Path(__file__).resolve().parents[1] / "data"


# --- the test identity provider (issue 15): demo and tests only ---
DEFAULT_BASE_URL = "http://localhost:3000"
TEST_IDP_REFUSED = (
    "FAMILYWORK_TEST_IDP=1 turns on the test identity provider, which lets anyone sign in as "
    "anyone. It must never run in production: this start is a production start "
    "({reason}). Set FAMILYWORK_TEST_IDP=0 (or leave it unset) and configure the real "
    "providers (README, Strong identification)."
)


def test_idp_enabled() -> bool:
    """Whether the test identity provider is mounted at /test-idp (`FAMILYWORK_TEST_IDP=1`)."""
    return os.environ.get("FAMILYWORK_TEST_IDP", "0").strip() == "1"


def base_url() -> str:
    """The app's public address without a trailing slash (`FAMILYWORK_BASE_URL`)."""
    return (os.environ.get("FAMILYWORK_BASE_URL", "").strip() or DEFAULT_BASE_URL).rstrip("/")


def production_start_reason() -> str | None:
    """Why this process counts as a production start, or None: `FAMILYWORK_COOKIE_SECURE=1`, or
    Reflex's production mode (`reflex run --env prod` sets REFLEX_ENV_MODE) on PostgreSQL."""
    if cookie_secure():
        return "FAMILYWORK_COOKIE_SECURE=1"
    if os.environ.get("REFLEX_ENV_MODE", "") == "prod" and db_url().startswith("postgresql"):
        return "reflex run --env prod with a PostgreSQL REFLEX_DB_URL"
    return None


def refuse_test_idp_in_production() -> None:
    """Stop the start (SystemExit, non-zero) when the test provider is on in production."""
    reason = production_start_reason()
    if test_idp_enabled() and reason is not None:
        raise SystemExit(TEST_IDP_REFUSED.format(reason=reason))
