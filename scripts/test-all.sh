#!/usr/bin/env bash
# Every check and test suite, with one closing line: "Tests: N passed, M failed".
# Lint, typecheck and build count as one test each; the suites count their own tests.
set -u
cd "$(dirname "$0")/.."
mkdir -p test-results
passed=0
failed=0
skipped=0

check() {
  local name=$1
  shift
  echo "== $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name"; fi
}

# Adds a vitest JSON report's counts; a missing report (the run crashed) counts as a failure.
vitest_suite() {
  local name=$1 report=test-results/vitest-$1.json
  echo "== vitest $name"
  rm -f "$report"
  npx vitest run --project "$name" --reporter=default --reporter=json --outputFile="$report"
  if [ ! -s "$report" ]; then failed=$((failed + 1)); echo "FAILED: vitest $name produced no report"; return; fi
  read -r p f s < <(node -e 'const r=require(process.argv[1]); console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrors||0), r.numPendingTests + r.numTodoTests)' "$PWD/$report")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
}

# Adds a Playwright JSON report's counts: skipped tests (no Electron binary here) count as
# skipped, never as passed; a missing report (the run crashed) counts as a failure.
playwright_suite() {
  local name=$1 config=$2 report=test-results/playwright-$1.json
  echo "== playwright $name"
  rm -f "$report"
  npx playwright test -c "$config"
  if [ ! -s "$report" ]; then failed=$((failed + 1)); echo "FAILED: playwright $name produced no report"; return; fi
  read -r p f s < <(node -e 'const r=require(process.argv[1]).stats; console.log(r.expected + r.flaky, r.unexpected, r.skipped)' "$PWD/$report")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
}

check lint npm run -s lint
check typecheck npm run -s typecheck
# Serve mode's tests (core) and the browser suite need the built renderer.
check build npm run -s build
vitest_suite core
vitest_suite renderer
vitest_suite main
playwright_suite e2e playwright.config.ts
check electronegativity node scripts/electronegativity.mjs
playwright_suite electron tests/electron/playwright.config.ts

echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
