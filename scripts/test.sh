#!/usr/bin/env bash
# README's test command: the same set-up plus Chromium, then the whole suite
# (service and model tests, then the browser tests against the production build).
set -euo pipefail
source "$(dirname "$0")/setup.sh" --with-browser
exec python -m pytest "$@"
