#!/usr/bin/env bash
# `npm run demo`: the main job. Brings the local stack up (installing what is missing),
# builds the hub, replays a synthetic province through Kafka and prints what it found.
# Arguments pass through to the demo command: --cases N --seed S --exit --keep.
set -euo pipefail
LOG_TAG="demo"
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ZHIJIAN_ROOT"

ensure_node_modules
bash deploy/local/stack.sh up
use_local_audit_key
log "building (tsc)"
npm run --silent build
exec node dist/apps/cli/src/main.js demo "$@"
