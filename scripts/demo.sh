#!/usr/bin/env bash
# `npm run demo`: the whole pipeline on the tiny offline model, from a fresh clone:
# venv with mlx-lm, tiny model + toy data, 2 arms x 4 seeds trained, every checkpoint evaluated,
# analysis and a variance report under reports/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh
.venv/bin/python scripts/tiny_model/build.py --out .cache/tiny
[ -f dist/cli/main.js ] || npx tsc -p tsconfig.build.json
node bin/seedstudy.js run studies/demo.yaml "$@"
