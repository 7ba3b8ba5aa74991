#!/usr/bin/env bash
# Runs every check and test, the way CI does: install, then typecheck, lint, format check, the
# unit/integration suites and the end-to-end suites with the real clients, in parallel.
# Ends with one line "N passed, N failed" (each static check counts as one test).
set -uo pipefail
cd "$(dirname "$0")/.."
out=".test-results"
rm -rf "$out" && mkdir -p "$out"

if [ ! -d node_modules ] || [ "${CI:-}" = "true" ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== installing npm packages (npm ci)"
  if ! npm ci --no-audit --no-fund >"$out/install.log" 2>&1; then
    cat "$out/install.log"
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

# The usage store's suites run on SQLite and PostgreSQL: find one, or start a throwaway one.
source scripts/ensure-postgres.sh
if ! ensure_postgres; then echo "0 passed, 1 failed"; exit 1; fi
# The limit and team suites coordinate through Redis: find one, or start a throwaway one.
source scripts/ensure-redis.sh
if ! ensure_redis; then echo "0 passed, 1 failed"; exit 1; fi
trap 'stop_throwaway_postgres; stop_throwaway_redis' EXIT

# The dashboard's browser suite drives Debian's Chromium; never skipped: without it the suite fails and says why.
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing chromium (apt-get install -y chromium)"
    { apt-get update && apt-get install -y chromium; } >"$out/chromium-install.log" 2>&1 || tail -n 20 "$out/chromium-install.log"
  else
    echo "== Chromium is missing: install it with 'sudo apt-get install -y chromium' (or set CHROMIUM_PATH); the browser suite fails until then"
  fi
fi

run() { # name, command...
  local name=$1; shift
  ( "$@" >"$out/$name.log" 2>&1; echo $? >"$out/$name.rc" ) &
}

run typecheck sh -c "npx tsc -p tsconfig.json --noEmit && npx tsc -p dashboard/tsconfig.json"
run lint npx eslint .
run format npx prettier --check .
run unit npx vitest run --reporter=default --reporter=json --outputFile.json="$out/unit.json"
run e2e env E2E_FULL=1 npx vitest run -c vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json="$out/e2e.json"
run browser npx vitest run -c vitest.browser.config.ts --reporter=default --reporter=json --outputFile.json="$out/browser.json"
wait

passed=0
failed=0
for check in typecheck lint format; do
  if [ "$(cat "$out/$check.rc")" = "0" ]; then
    passed=$((passed + 1)); echo "== $check: ok"
  else
    failed=$((failed + 1)); echo "== $check: FAILED"; tail -n 60 "$out/$check.log"
  fi
done
for suite in unit e2e browser; do
  echo "== $suite tests"
  tail -n 25 "$out/$suite.log"
  counts=$(node -e '
    const fs = require("fs");
    try {
      const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
      const failedSuites = (r.testResults || []).filter((t) => t.status === "failed" && (t.assertionResults || []).length === 0).length;
      console.log(r.numPassedTests, r.numFailedTests + failedSuites);
    } catch { console.log("0 1"); }
  ' "$out/$suite.json")
  set -- $counts
  passed=$((passed + $1))
  failed=$((failed + $2))
  if [ "$(cat "$out/$suite.rc")" != "0" ] && [ "$2" = "0" ]; then failed=$((failed + 1)); fi
done
echo "$passed passed, $failed failed"
[ "$failed" = "0" ]
