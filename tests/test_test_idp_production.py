"""The production start refuses the test identity provider (issue 15): the app is imported, as
`reflex run` does first, in a fresh process with the production settings and
FAMILYWORK_TEST_IDP=1, and must stop with a clear message; the demo start on SQLite mounts it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

MOUNTED = (
    "import familywork_app.familywork_app\n"
    "from familywork_app.web_routes import auth_api\n"
    "print([getattr(r, 'path', '') for r in auth_api.routes])"
)


def _start_app(**env: str) -> subprocess.CompletedProcess[str]:
    """Import the app (what `reflex run` does first) in a fresh process with `env`; print the
    paths of its HTTP routes."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("FAMILYWORK_", "REFLEX_"))}
    return subprocess.run(
        [sys.executable, "-c", MOUNTED],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "env",
    [
        {"FAMILYWORK_COOKIE_SECURE": "1"},
        {"REFLEX_ENV_MODE": "prod", "REFLEX_DB_URL": "postgresql+psycopg://fw@127.0.0.1:9/fw"},
    ],
)
def test_production_start_refuses_the_test_provider(env: dict[str, str]) -> None:
    refused = _start_app(FAMILYWORK_TEST_IDP="1", **env)
    assert refused.returncode != 0
    assert "FAMILYWORK_TEST_IDP=1" in refused.stderr and "never run in production" in refused.stderr
    without = _start_app(FAMILYWORK_TEST_IDP="0", **env)
    assert without.returncode == 0, without.stderr
    assert "'/test-idp'" not in without.stdout


def test_demo_start_on_sqlite_mounts_the_test_provider(tmp_path: Path) -> None:
    started = _start_app(
        FAMILYWORK_TEST_IDP="1", REFLEX_ENV_MODE="prod", FAMILYWORK_DATA_DIR=str(tmp_path)
    )
    assert started.returncode == 0, started.stderr
    assert "'/test-idp'" in started.stdout
