#!/usr/bin/env bash
# `npm test`: makes sure the engine (the project's venv with mlx-lm) exists, typechecks, runs the suite.
# Idempotent: a second run skips the venv install in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh
npx tsc -p tsconfig.json --noEmit
npx vitest run "$@"
