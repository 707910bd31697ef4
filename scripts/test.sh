#!/usr/bin/env bash
# `npm test`: makes sure the engine (the project's venv with mlx-lm) exists, typechecks, runs the suite,
# and ends with one plain line "tests: N passed, N failed, N skipped".
# Idempotent: a second run skips the venv install in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh
npx tsc -p tsconfig.json --noEmit
mkdir -p test-output
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-output/vitest.json "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync("test-output/vitest.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
' || true
exit "$status"
