#!/usr/bin/env bash
# `npm run bench:e2e -- --events N`: end-to-end throughput of the hub beside a bare kafkajs consumer;
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
exec node dist/apps/cli/src/main.js "${BENCH:-bench}" "$@"
