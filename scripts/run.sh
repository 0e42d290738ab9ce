#!/usr/bin/env bash
# README's run command: set up, migrate, load the demo data once, serve the production build
# at http://localhost:3000 (SQLite unless REFLEX_DB_URL says otherwise).
set -euo pipefail
# The demo's test identity provider at /test-idp (README, Strong identification): anyone can sign
# in as anyone, so a production start (PostgreSQL, or FAMILYWORK_COOKIE_SECURE=1) refuses it.
export FAMILYWORK_TEST_IDP=${FAMILYWORK_TEST_IDP:-1}
source "$(dirname "$0")/setup.sh"
alembic upgrade head
python -m familywork_app.services.demo_data
exec reflex run --env prod --single-port --backend-port "${PORT:-3000}"
