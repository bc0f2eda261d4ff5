#!/usr/bin/env bash
# A Kafka cluster of several KRaft brokers (three by default; each broker and controller) with the
# local stack's security (SASL/SCRAM-SHA-512 inside TLS, ACLs), replication factor 3 and
# min.insync.replicas 2, and any number of hub processes of each role against it.
# It sources deploy/local/stack.sh for the jars, credentials, certificate, storage format, ACLs
# and the start/stop of a broker; only the brokers' configuration is its own.
#
# Usage: deploy/cluster/cluster.sh up [id…] | down [id…] | kill <id> | start <id> | status | env
#                                  | hubs [--ingest N] [--worker N] [--api N] [--hub N] | hubs-down
# Configuration (environment, or a file named by CLUSTER_CONF, default deploy/cluster/cluster.conf
# when present; see cluster.conf.example):
#   CLUSTER_BROKERS       id=host:port:controllerPort, space-separated (default three on 127.0.0.1:
#                         1=127.0.0.1:19092:19093 2=127.0.0.1:29092:29093 3=127.0.0.1:39092:39093)
#   CLUSTER_LISTEN_HOST   address the brokers bind to (default: each broker's own host; 0.0.0.0: every interface)
#   CLUSTER_REPLICATION   default.replication.factor of new topics (3), CLUSTER_MIN_ISR min.insync.replicas (2)
#   CLUSTER_HEAP          broker JVM heap (-Xmx, default 512m)
#   ZHIJIAN_CACHE         this cluster's cache: credentials, certificate, data (default ~/.cache/zhijian-cluster)
#   KAFKA_LIBS            the Kafka jars (default the local stack's, ~/.cache/zhijian/kafka-<version>/libs)
#   HUB_HTTP_HOST, HUB_HTTP_PORT  address and first port of the hub processes' HTTP servers (127.0.0.1, 3100)
# On several machines: the same CLUSTER_BROKERS everywhere; `up <id>` on each machine for its
# brokers, after copying this cache's kafka-credentials/, kafka-tls/ and kafka-*/cluster.id from the
# first machine (README, "Operations: scale-out").
set -euo pipefail
HERE_CLUSTER="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CLUSTER_CONF="${CLUSTER_CONF:-$HERE_CLUSTER/cluster.conf}"
# shellcheck disable=SC1090
[[ -f "$CLUSTER_CONF" ]] && source "$CLUSTER_CONF"
export ZHIJIAN_CACHE="${ZHIJIAN_CACHE:-$HOME/.cache/zhijian-cluster}"
LOCAL_JARS_DEFAULT_CACHE="$HOME/.cache/zhijian"
# shellcheck source-path=SCRIPTDIR
source "$HERE_CLUSTER/../local/stack.sh"
LOG_TAG=cluster

CLUSTER_BROKERS="${CLUSTER_BROKERS:-1=127.0.0.1:19092:19093 2=127.0.0.1:29092:29093 3=127.0.0.1:39092:39093}"
CLUSTER_LISTEN_HOST="${CLUSTER_LISTEN_HOST:-}"
CLUSTER_REPLICATION="${CLUSTER_REPLICATION:-3}"
CLUSTER_MIN_ISR="${CLUSTER_MIN_ISR:-2}"
CLUSTER_HEAP="${CLUSTER_HEAP:-512m}"
HUB_HTTP_HOST="${HUB_HTTP_HOST:-127.0.0.1}"
HUB_HTTP_PORT="${HUB_HTTP_PORT:-3100}"
CDIR="$CACHE/kafka-$KAFKA_VERSION-cluster"
HUBS_DIR="$CDIR/hubs"
# The jars: the local stack's when it has them (fetched once per machine), else fetched here.
KAFKA_LIBS="${KAFKA_LIBS:-$LOCAL_JARS_DEFAULT_CACHE/kafka-$KAFKA_VERSION/libs}"
LIBS="$KAFKA_LIBS"

declare -A HOST PORT CPORT
IDS=()
for spec in $CLUSTER_BROKERS; do
  [[ "$spec" =~ ^([0-9]+)=([A-Za-z0-9._-]+):([0-9]+):([0-9]+)$ ]] ||
    die "CLUSTER_BROKERS entry '$spec' is not id=host:port:controllerPort"
  id="${BASH_REMATCH[1]}"
  IDS+=("$id")
  HOST[$id]="${BASH_REMATCH[2]}"
  PORT[$id]="${BASH_REMATCH[3]}"
  CPORT[$id]="${BASH_REMATCH[4]}"
done
((${#IDS[@]} >= CLUSTER_REPLICATION)) || die "CLUSTER_REPLICATION=$CLUSTER_REPLICATION needs as many brokers (${#IDS[@]} given)"
VOTERS="$(for id in "${IDS[@]}"; do printf '%s@%s:%s,' "$id" "${HOST[$id]}" "${CPORT[$id]}"; done)"
VOTERS="${VOTERS%,}"
BOOTSTRAP="$(for id in "${IDS[@]}"; do printf '%s:%s,' "${HOST[$id]}" "${PORT[$id]}"; done)"
BOOTSTRAP="${BOOTSTRAP%,}"
# stack.sh's tools (readiness probe, SCRAM users, ACLs) reach the whole cluster.
STACK_BOOTSTRAP="$BOOTSTRAP"
# The certificate names every broker's host (clients and brokers check it).
TLS_SAN="$(
  {
    echo "IP:127.0.0.1"
    echo "DNS:localhost"
    for id in "${IDS[@]}"; do
      if [[ "${HOST[$id]}" =~ ^[0-9.]+$ ]]; then echo "IP:${HOST[$id]}"; else echo "DNS:${HOST[$id]}"; fi
    done
  } | sort -u | paste -sd,
)"

# Points stack.sh's per-broker variables at broker $1.
use_broker() {
  local id="$1"
  [[ -n "${HOST[$id]:-}" ]] || die "no broker $id in CLUSTER_BROKERS ($CLUSTER_BROKERS)"
  KDIR="$CDIR/broker-$id"
  DATA="$KDIR/data"
  PROPS="$KDIR/server.properties"
  PIDFILE="$KDIR/kafka.pid"
  SERVER_LOG="$KDIR/logs/server.log"
  OUT_LOG="$KDIR/logs/stdout.log"
  MARKER="$DATA/zhijian-stack.marker"
  KAFKA_PORT="${PORT[$id]}"
  KAFKA_CONTROLLER_PORT="${CPORT[$id]}"
}

# A certificate made for other hosts is made again (every broker must then get the new one).
ensure_cluster_tls() {
  if [[ -s "$TLS/san" && "$(cat "$TLS/san")" != "$TLS_SAN" ]]; then
    log "broker hosts changed: a new certificate for $TLS_SAN"
    rm -f "$TLS/broker.p12" "$TLS/ca.pem"
  fi
  ensure_tls
  echo "$TLS_SAN" >"$TLS/san"
}

write_broker_config() {
  local id="$1" listen admin_pw tls_pw
  listen="${CLUSTER_LISTEN_HOST:-${HOST[$id]}}"
  admin_pw="$(cat "$CRED/admin")"
  tls_pw="$(cat "$TLS/store-password")"
  mkdir -p "$DATA" "$KDIR/logs"
  (umask 077 && : >"$PROPS")
  cat >"$PROPS" <<EOF
# Generated by deploy/cluster/cluster.sh on every start; edit the script, not this file.
# zhijian-stack-security=$STACK_SECURITY
process.roles=broker,controller
node.id=$id
controller.quorum.voters=$VOTERS
listeners=SASL_SSL://$listen:${PORT[$id]},CONTROLLER://$listen:${CPORT[$id]}
advertised.listeners=SASL_SSL://${HOST[$id]}:${PORT[$id]}
EOF
  write_security_props >>"$PROPS"
  cat >>"$PROPS" <<EOF
log.dirs=$DATA
num.partitions=3
default.replication.factor=$CLUSTER_REPLICATION
min.insync.replicas=$CLUSTER_MIN_ISR
offsets.topic.replication.factor=$CLUSTER_REPLICATION
transaction.state.log.replication.factor=$CLUSTER_REPLICATION
transaction.state.log.min.isr=$CLUSTER_MIN_ISR
unclean.leader.election.enable=false
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.retention.hours=168
EOF
  write_log4j
}

# Starts broker $1 (formatting its storage with the cluster's id and SCRAM users the first time).
start_broker() {
  local id="$1" pid
  use_broker "$id"
  pid="$(kafka_pid)"
  if [[ -n "$pid" ]]; then
    log "broker $id already running (pid $pid)"
    return 0
  fi
  write_broker_config "$id"
  mkdir -p "$KDIR"
  cp "$CDIR/cluster.id" "$KDIR/cluster.id"
  format_storage
  # stack.sh's start_kafka, with this cluster's heap.
  log "starting broker $id on ${HOST[$id]}:${PORT[$id]} (controller :${CPORT[$id]}, log $SERVER_LOG)"
  rm -f "$PIDFILE"
  # shellcheck disable=SC2016 # $$ and $0 belong to the inner shell
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PIDFILE" \
    java -Xms128m "-Xmx$CLUSTER_HEAP" -XX:+UseG1GC -Djava.awt.headless=true -cp "$LIBS/*" \
    -Dlog4j.configuration="file:$KDIR/log4j.properties" kafka.Kafka "$PROPS" \
    </dev/null >"$OUT_LOG" 2>&1 9>&- &
  for _ in $(seq 50); do [[ -s "$PIDFILE" ]] && break; sleep 0.1; done
  [[ -s "$PIDFILE" ]] || die "broker $id did not start (see $OUT_LOG)"
}

# Waits until the cluster answers with `want` brokers registered.
wait_cluster() {
  local want="$1" deadline=$((SECONDS + KAFKA_READY_TIMEOUT)) n
  while ((SECONDS < deadline)); do
    if n="$(
      KAFKA_BROKERS="$BOOTSTRAP" KAFKA_PASSWORD_FILE="$CRED/admin" KAFKA_TLS_CA_FILE="$TLS/ca.pem" \
        node -e '
          const fs = require("fs");
          const { Kafka, logLevel } = require(require.resolve("kafkajs", { paths: [process.argv[1]] }));
          const kafka = new Kafka({ clientId: "zhijian-cluster-ready", brokers: process.env.KAFKA_BROKERS.split(","),
            ssl: { ca: [fs.readFileSync(process.env.KAFKA_TLS_CA_FILE, "utf8")] },
            sasl: { mechanism: "scram-sha-512", username: "admin", password: fs.readFileSync(process.env.KAFKA_PASSWORD_FILE, "utf8").trim() },
            logLevel: logLevel.NOTHING, connectionTimeout: 3000, requestTimeout: 5000, retry: { retries: 0 } });
          const admin = kafka.admin();
          admin.connect().then(() => admin.describeCluster()).then((c) => { console.log(c.brokers.length); return admin.disconnect(); })
            .then(() => process.exit(0), () => process.exit(1));' "$ZHIJIAN_ROOT" 2>/dev/null
    )" && ((n >= want)); then
      log "cluster answers with $n broker(s) at $BOOTSTRAP"
      return 0
    fi
    sleep 1
  done
  die "the cluster did not answer with $want brokers within ${KAFKA_READY_TIMEOUT}s (logs: $CDIR/broker-*/logs/server.log)"
}

cluster_up() {
  command -v java >/dev/null || die "java not found on PATH (the Kafka brokers need Java 11+)"
  ensure_node_modules
  mkdir -p "$CDIR"
  KDIR="$CDIR"
  printf '%s\n' 'log4j.rootLogger=WARN, stderr' 'log4j.appender.stderr=org.apache.log4j.ConsoleAppender' \
    'log4j.appender.stderr.Target=System.err' 'log4j.appender.stderr.layout=org.apache.log4j.PatternLayout' \
    'log4j.appender.stderr.layout.ConversionPattern=%p %m (%c)%n' >"$CDIR/tools-log4j.properties"
  [[ -d "$LIBS" ]] || { LIBS="$CDIR/libs"; fetch_libs; }
  ADMIN_CLIENT_PROPS="$CDIR/admin.client.properties"
  ensure_credentials
  ensure_cluster_tls
  KDIR="$CDIR"
  [[ -s "$CDIR/cluster.id" ]] || kafka_tool kafka.tools.StorageTool random-uuid >"$CDIR/cluster.id"
  local ids=("$@") id t0=$SECONDS
  ((${#ids[@]})) || ids=("${IDS[@]}")
  for id in "${ids[@]}"; do start_broker "$id"; done
  # A quorum needs a majority of the controllers; on several machines the others come up there.
  wait_cluster "${#ids[@]}"
  KDIR="$CDIR"
  add_scram_users
  grant_acls
  log "cluster up in $((SECONDS - t0)) s: brokers $BOOTSTRAP (replication $CLUSTER_REPLICATION, min.insync.replicas $CLUSTER_MIN_ISR)"
}

cluster_down() {
  local ids=("$@") id
  ((${#ids[@]})) || ids=("${IDS[@]}")
  for id in "${ids[@]}"; do
    use_broker "$id"
    down_kafka
  done
}

# SIGKILL to broker $1: a machine failing (the tests' broker failure).
kill_broker() {
  local pid
  use_broker "$1"
  pid="$(kafka_pid)"
  [[ -n "$pid" ]] || die "broker $1 is not running"
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$PIDFILE"
  log "killed broker $1 (pid $pid)"
}

cluster_status() {
  local id pid
  for id in "${IDS[@]}"; do
    use_broker "$id"
    pid="$(kafka_pid 2>/dev/null)"
    if [[ -n "$pid" ]]; then echo "broker $id  up    ${HOST[$id]}:${PORT[$id]} (pid $pid)"; else echo "broker $id  down  ${HOST[$id]}:${PORT[$id]}"; fi
  done
  for f in "$HUBS_DIR"/*.pid; do
    [[ -f "$f" ]] || continue
    pid="$(cat "$f")"
    if kill -0 "$pid" 2>/dev/null; then echo "hub   $(basename "$f" .pid)  up  (pid $pid)"; else echo "hub   $(basename "$f" .pid)  exited"; fi
  done
}

# The environment of a hub process on this cluster (eval "$(cluster.sh env)").
cluster_env() {
  cat <<EOF
export ZHIJIAN_CACHE='$ZHIJIAN_CACHE'
export KAFKA_BROKERS='$BOOTSTRAP'
export KAFKA_TLS_CA_FILE='$TLS/ca.pem'
export KAFKA_PASSWORD_FILE='$CRED/hub'
export KAFKA_UPLOAD_PASSWORD_FILE='$CRED/uploader'
EOF
}

# Hub processes of each role (dist/apps/<role>/src/main.js: `npm run build` first), each with its
# own HTTP port from HUB_HTTP_PORT on, its log and pid in $HUBS_DIR. The database, Redis, audit key
# and the rest come from the caller's environment as for `npm start`.
start_hubs() {
  local ingest=0 worker=0 api=0 hub=0 role n i port="$HUB_HTTP_PORT"
  while (($#)); do
    case "$1" in
      --ingest) ingest="$2" ;;
      --worker) worker="$2" ;;
      --api) api="$2" ;;
      --hub) hub="$2" ;;
      *) die "usage: cluster.sh hubs [--ingest N] [--worker N] [--api N] [--hub N]" ;;
    esac
    shift 2
  done
  [[ -f "$ZHIJIAN_ROOT/dist/apps/hub/src/main.js" ]] || die "no build: run 'npm run build' first"
  use_local_audit_key
  mkdir -p "$HUBS_DIR"
  eval "$(cluster_env)"
  for role in ingest worker api hub; do
    n="${!role}"
    for ((i = 1; i <= n; i++)); do
      while [[ -f "$HUBS_DIR/$role-$i.pid" ]] && kill -0 "$(cat "$HUBS_DIR/$role-$i.pid")" 2>/dev/null; do i=$((i + 1)); n=$((n + 1)); done
      while port_open "$port"; do port=$((port + 1)); done
      HTTP_HOST="$HUB_HTTP_HOST" HTTP_PORT="$port" setsid node --max-old-space-size=256 \
        "$ZHIJIAN_ROOT/dist/apps/$role/src/main.js" </dev/null >>"$HUBS_DIR/$role-$i.log" 2>&1 9>&- &
      echo $! >"$HUBS_DIR/$role-$i.pid"
      log "started $role-$i (pid $!, http $HUB_HTTP_HOST:$port, log $HUBS_DIR/$role-$i.log)"
      port=$((port + 1))
    done
  done
}

stop_hubs() {
  local f pid
  for f in "$HUBS_DIR"/*.pid; do
    [[ -f "$f" ]] || continue
    pid="$(cat "$f")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -KILL "$pid" 2>/dev/null || true
      log "stopped $(basename "$f" .pid) (pid $pid)"
    fi
    rm -f "$f"
  done
}

case "${1:-}" in
  up)
    shift
    take_lock
    cluster_up "$@"
    ;;
  down)
    shift
    take_lock
    cluster_down "$@"
    ;;
  kill) kill_broker "${2:?usage: cluster.sh kill <id>}" ;;
  start)
    take_lock
    cluster_up "${2:?usage: cluster.sh start <id>}"
    ;;
  status) cluster_status ;;
  env) cluster_env ;;
  hubs)
    shift
    start_hubs "$@"
    ;;
  hubs-down) stop_hubs ;;
  *)
    echo "usage: $0 up [id…] | down [id…] | kill <id> | start <id> | status | env | hubs [--ingest N] [--worker N] [--api N] [--hub N] | hubs-down" >&2
    exit 2
    ;;
esac
