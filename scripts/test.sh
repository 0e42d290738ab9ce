#!/usr/bin/env bash
# README's test command: the same set-up plus Chromium, then the whole suite
# (ruff, pyright, then the service and model tests, then the browser tests against the
# production build).
set -euo pipefail
source "$(dirname "$0")/setup.sh" --with-browser
# Static checks first (configured in pyproject.toml): lint, format, types.
ruff check familywork_app tests scripts alembic rxconfig.py
ruff format --check familywork_app tests scripts alembic rxconfig.py
pyright
exec python -m pytest "$@"
