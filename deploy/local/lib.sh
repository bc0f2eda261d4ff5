# shellcheck shell=bash
# Shared helpers for deploy/local/*.sh — source it, don't run it.

ZHIJIAN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# log MSG... — progress line on stderr, tagged with LOG_TAG (set by the caller).
log() { printf '[%s] %s\n' "${LOG_TAG:-zhijian}" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# npm ci when node_modules is absent or older than package-lock.json
# (npm writes node_modules/.package-lock.json at the end of every install).
ensure_node_modules() {
  local lock="$ZHIJIAN_ROOT/package-lock.json" stamp="$ZHIJIAN_ROOT/node_modules/.package-lock.json"
  if [[ -f "$stamp" && ! "$lock" -nt "$stamp" ]]; then
    return 0
  fi
  log "node_modules missing or older than package-lock.json: running npm ci (takes a minute on a fresh machine)"
  (cd "$ZHIJIAN_ROOT" && npm ci --no-audit --no-fund) >&2
  log "node_modules installed"
}
