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

ZHIJIAN_CACHE_DIR="${ZHIJIAN_CACHE:-$HOME/.cache/zhijian}"
LOCAL_AUDIT_KEY="$ZHIJIAN_CACHE_DIR/audit.key"

# The local stack's audit key (HMAC-SM3 of the audit log): 32 random bytes as hex, mode 600,
# generated once into the cache dir. The database never holds it.
ensure_local_audit_key() {
  [[ -s "$LOCAL_AUDIT_KEY" ]] && return 0
  mkdir -p "$ZHIJIAN_CACHE_DIR"
  (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))' >"$LOCAL_AUDIT_KEY.tmp")
  mv "$LOCAL_AUDIT_KEY.tmp" "$LOCAL_AUDIT_KEY"
  log "generated the local audit key $LOCAL_AUDIT_KEY (keep it: the audit log verifies only with it)"
}

# AUDIT_KEY_FILE=<cache>/audit.key unless AUDIT_KEY or AUDIT_KEY_FILE is set already.
use_local_audit_key() {
  [[ -n "${AUDIT_KEY:-}" || -n "${AUDIT_KEY_FILE:-}" ]] && return 0
  ensure_local_audit_key
  export AUDIT_KEY_FILE="$LOCAL_AUDIT_KEY"
}
