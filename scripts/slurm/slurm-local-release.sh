#!/usr/bin/env bash
# slurm-local-release.sh PID - unregister PID as a user of the one-node Slurm; stop the cluster
# (slurm-local-stop.sh) when no registered user is still alive.
set -uo pipefail
USER_PID=${1:?usage: slurm-local-release.sh PID}
BASE=${SLURM_LOCAL_DIR:-/var/lib/slurm-local}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$BASE/users"
exec 9>"$BASE/users.lock"
flock 9
rm -f "$BASE/users/$USER_PID"
for f in "$BASE"/users/*; do
  [ -e "$f" ] || continue
  p=$(basename "$f")
  if [ -d "/proc/$p" ]; then
    echo "[slurm-local-release] cluster still used by pid $p; leaving it running" >&2
    exit 0
  fi
  rm -f "$f"
done
bash "$HERE/slurm-local-stop.sh"
