#!/usr/bin/env bash
# `npm run bench:e2e -- --events N [--ingest 1,2,3]`: per-stage and end-to-end throughput and CPU per
# event of the hub (1, 2, 3 ingest processes) beside a bare kafkajs consumer. BASELINE_REF=main:
# the same runs with that git ref's build too (built once into the cache dir), on the same topics.
# `npm run bench:history` (BENCH=history-bench): per-event cost as the stored history grows 10×.
set -euo pipefail
LOG_TAG="bench"
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ZHIJIAN_ROOT"

ensure_node_modules
bash deploy/local/stack.sh up
use_local_audit_key
[ -n "${NO_BUILD:-}" ] || npm run --silent build
if [ -n "${BASELINE_REF:-}" ]; then
  base_dir="$ZHIJIAN_CACHE_DIR/bench-baseline-$(git rev-parse --short "$BASELINE_REF")"
  if [ ! -f "$base_dir/dist/apps/hub/src/main.js" ]; then
    log "building $BASELINE_REF into $base_dir"
    rm -rf "$base_dir"
    mkdir -p "$base_dir"
    git archive "$BASELINE_REF" | tar -x -C "$base_dir"
    cp -al node_modules "$base_dir/node_modules"
    (cd "$base_dir" && npm run --silent build)
  fi
  set -- "$@" --baseline "$base_dir/dist"
fi
exec node dist/apps/cli/src/main.js "${BENCH:-bench}" "$@"
