#!/usr/bin/env bash
# slurm-local-acquire.sh PID - start the one-node Slurm (slurm-local.sh) if needed and register PID as
# one of its users. Several test runs / benches may share the cluster; slurm-local-release.sh stops
# it only when the last live user releases it. Start and release are serialised with flock.
set -euo pipefail
USER_PID=${1:?usage: slurm-local-acquire.sh PID}
BASE=${SLURM_LOCAL_DIR:-/var/lib/slurm-local}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$BASE/users"
exec 9>"$BASE/users.lock"
flock 9
bash "$HERE/slurm-local.sh" 9>&-   # the daemons must not inherit (and so keep holding) the lock
echo "$USER_PID" > "$BASE/users/$USER_PID"
