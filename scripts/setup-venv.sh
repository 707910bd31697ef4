#!/usr/bin/env bash
# Create (or check) the Python venv seedstudy runs mlx-lm from.
#
# Usage: scripts/setup-venv.sh [VENV_DIR]        (default: <repo>/.venv)
#
# Why pinned: a run's identity includes the mlx-lm version, and mlx-lm's log format, LoRA
# defaults and seeding changed between releases (see docs on mlx-lm eras). On Linux plain
# `pip install mlx-lm` installs no MLX backend, so the CPU extra is required there.
# Idempotent: when the pinned versions already import, pip is not run at all.
set -euo pipefail

MLX_LM_VERSION="0.32.2"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${1:-$repo/.venv}"

case "$(uname -s)" in
  Linux) spec="mlx-lm[cpu]==$MLX_LM_VERSION" ;;
  Darwin) spec="mlx-lm==$MLX_LM_VERSION" ;;
  *) echo "setup-venv: unsupported OS $(uname -s) (mlx runs on macOS and Linux)" >&2; exit 1 ;;
esac

if [[ ! -x "$venv/bin/python" ]]; then
  python="${PYTHON:-python3}"
  "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' \
    || { echo "setup-venv: $python is older than 3.10; set PYTHON=/path/to/python3.10+" >&2; exit 1; }
  echo "setup-venv: creating $venv with $("$python" --version 2>&1)"
  "$python" -m venv "$venv"
else
  echo "setup-venv: using existing $venv"
fi

check='
import sys
from importlib.metadata import version
import mlx.core, mlx_lm, tokenizers, transformers, yaml  # the build script and worker need all of them
import pytest  # scripts/tests, the worker tests
sys.exit(0 if version("mlx-lm") == sys.argv[1] else 3)
'
if HF_HUB_OFFLINE=1 "$venv/bin/python" -c "$check" "$MLX_LM_VERSION" >/dev/null 2>&1; then
  echo "setup-venv: $spec already installed, pip skipped"
else
  echo "setup-venv: installing $spec, pyyaml, pytest"
  "$venv/bin/python" -m pip install --upgrade pip >/dev/null
  "$venv/bin/python" -m pip install "$spec" pyyaml pytest
  HF_HUB_OFFLINE=1 "$venv/bin/python" -c "$check" "$MLX_LM_VERSION" \
    || { echo "setup-venv: mlx-lm $MLX_LM_VERSION still does not import from $venv" >&2; exit 1; }
fi

HF_HUB_OFFLINE=1 "$venv/bin/python" -c '
from importlib.metadata import version
print("setup-venv: " + ", ".join(f"{p} {version(p)}" for p in ["mlx", "mlx-lm", "tokenizers", "transformers"]))
'
