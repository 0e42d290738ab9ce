#!/usr/bin/env bash
# Set-up shared by the run and test commands: virtual environment, Python packages, bun (from
# the npm registry: Reflex's own installer needs a site that is not reachable), migrations.
# Usage: source scripts/setup.sh [--with-browser]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  touch "$stamp"
fi

if [ ! -x .tools/node_modules/.bin/bun ]; then
  npm install --silent --no-audit --no-fund --prefix .tools bun@1.4.4
fi
# The type checker (the test command runs it); pinned, from the npm registry like bun.
PYRIGHT_VERSION=1.1.414
if [ "${1:-}" = "--with-browser" ] && ! grep -qs "\"version\": \"$PYRIGHT_VERSION\"" \
    .tools/node_modules/pyright/package.json; then
  npm install --silent --no-audit --no-fund --prefix .tools "pyright@$PYRIGHT_VERSION"
fi

export PATH="$ROOT/.tools/node_modules/.bin:$ROOT/.venv/bin:$PATH"
export REFLEX_USE_SYSTEM_BUN=1
export REFLEX_CHECK_LATEST_VERSION=0
export REFLEX_TELEMETRY_ENABLED=false
export REFLEX_DB_URL="${REFLEX_DB_URL:-sqlite:///$ROOT/familywork.db}"
export REFLEX_CORS_ALLOWED_ORIGINS="${REFLEX_CORS_ALLOWED_ORIGINS:-http://localhost:3000,http://127.0.0.1:3000}"

# The test command also needs Chromium, PostgreSQL for the second run of the service tests and
# PostgreSQL + Redis for the production-configuration browser tests (tests/pg_server.py and
# tests/redis_server.py start throwaway servers on loopback; those tests are skipped without).
if [ "${1:-}" = "--with-browser" ]; then
  missing=""
  [ -x /usr/bin/chromium ] || missing="$missing chromium"
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing="$missing postgresql"
  command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"
  command -v ss >/dev/null 2>&1 || missing="$missing iproute2"
  if [ -n "$missing" ] && [ "$(id -u)" = "0" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  elif [ ! -x /usr/bin/chromium ]; then
    python -m playwright install chromium
  fi
fi
