#!/usr/bin/env bash
# The project's test command (npm test): installs the Debian packages the
# tests need, type-checks, builds the renderer for the browser tests, and
# runs every vitest project with a Secret Service on a private D-Bus session.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-deps.sh
echo "Type-checking"
npx tsc -p .
echo "Building the renderer for the end-to-end tests"
npx vite build --logLevel warn
bash scripts/with-secret-service.sh npx vitest run "$@"
