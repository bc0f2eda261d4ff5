#!/usr/bin/env bash
# Local service stack: the machine's PostgreSQL and Redis, plus our own single-node
# KRaft Kafka broker run straight from Maven Central jars (no Docker, no tarball).
# The broker requires SASL/SCRAM-SHA-512 and authorizes with ACLs (StandardAuthorizer):
# principals and their passwords are in $ZHIJIAN_CACHE/kafka-credentials (README, "Secure local Kafka").
# Usage: deploy/local/stack.sh up | down | status | logs [N] | reset-kafka | add-producer <name> <topic>
# Env: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), ZHIJIAN_CACHE (~/.cache/zhijian),
#      KAFKA_READY_TIMEOUT (90 s). `up` also creates the role zhijian_app and the local audit key
#      (ZHIJIAN_CACHE/audit.key) when missing.
set -euo pipefail
LOG_TAG=stack
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HERE="$ZHIJIAN_ROOT/deploy/local"
POM="$HERE/kafka/pom.xml"
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM")"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_READY_TIMEOUT="${KAFKA_READY_TIMEOUT:-90}"
# Where the stack's own tools reach the broker(s); deploy/cluster/cluster.sh sets its brokers' list.
STACK_BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
# Names the broker certificate is valid for; deploy/cluster/cluster.sh adds its brokers' hosts.
TLS_SAN="IP:127.0.0.1,DNS:localhost"
CACHE="${ZHIJIAN_CACHE:-$HOME/.cache/zhijian}"
KDIR="$CACHE/kafka-$KAFKA_VERSION"
LIBS="$KDIR/libs"
DATA="$KDIR/data"
PROPS="$KDIR/server.properties"
PIDFILE="$KDIR/kafka.pid"
SERVER_LOG="$KDIR/logs/server.log"
OUT_LOG="$KDIR/logs/stdout.log"
# Passwords of the local principals, one file each (0600); outside KDIR so that they outlive
# a Kafka version change. The hub and the tests read them by default (libs/config kafka-auth.ts).
CRED="$CACHE/kafka-credentials"
ADMIN_CLIENT_PROPS="$KDIR/admin.client.properties"
# Producer principals: the built-in ones (one per feed) and those added with `add-producer`.
BUILTIN_PRODUCERS="$HERE/kafka/producers.tsv"
ADDED_PRODUCERS="$CRED/added-producers.tsv"
# What the data dir was formatted for. An older cache (plaintext, no SCRAM users) lacks it or
# holds another value: `up` then stops its broker, wipes the data and formats it anew.
STACK_SECURITY="sasl-scram-sha-512/acl/tls v2"
# The broker's TLS: a self-signed certificate for 127.0.0.1/localhost made with the JDK's keytool,
# its PEM (ca.pem) the trust anchor of every client (libs/config kafkaTlsOf, KAFKA_TLS_CA_FILE).
TLS="$CACHE/kafka-tls"
MARKER="$DATA/zhijian-stack.marker"

# Serialise concurrent up/down runs (several engineers or test runs share one cache).
take_lock() {
  mkdir -p "$KDIR"
  exec 9>"$KDIR/.stack.lock"
  flock -w 300 9 || die "another stack.sh still holds $KDIR/.stack.lock after 300 s"
}

# ---------------------------------------------------------------- PostgreSQL / Redis
up_postgres() {
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    log "PostgreSQL not answering on 127.0.0.1:5432; starting it"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
    for _ in $(seq 60); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
    pg_isready -q -h 127.0.0.1 -p 5432 || die "PostgreSQL did not come up on 127.0.0.1:5432"
  fi
  local db
  for db in zhijian zhijian_test; do
    if [[ -z "$(psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]]; then
      psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $db"
      log "created database $db"
    fi
  done
  # The hub's own role (README, "Access and audit"): cluster-wide, so created once, idempotently;
  # migrations (as postgres) grant it what it needs in each database.
  psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qc "
    DO \$\$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'zhijian_app') THEN
        CREATE ROLE zhijian_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END \$\$" >/dev/null
  log "PostgreSQL ready on 127.0.0.1:5432 (databases zhijian, zhijian_test; the hub's role zhijian_app)"
}

redis_ok() { [[ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" == PONG ]]; }

up_redis() {
  if ! redis_ok; then
    log "Redis not answering on 127.0.0.1:6379; starting it"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
    for _ in $(seq 20); do redis_ok && break; sleep 0.5; done
    redis_ok || die "Redis did not come up on 127.0.0.1:6379"
  fi
  log "Redis ready on 127.0.0.1:6379"
}

# ---------------------------------------------------------------- Kafka
kafka_tool() { java -cp "$LIBS/*" -Dlog4j.configuration="file:$KDIR/tools-log4j.properties" "$@"; }
# As the admin principal; KAFKA_USERNAME etc. of the caller (the hub's) must not leak in.
probe_kafka() {
  KAFKA_BROKERS="$STACK_BOOTSTRAP" KAFKA_SASL_MECHANISM=scram-sha-512 KAFKA_USERNAME=admin \
    KAFKA_PASSWORD='' KAFKA_PASSWORD_FILE="$CRED/admin" KAFKA_TLS=true KAFKA_TLS_CA_FILE="$TLS/ca.pem" \
    node "$HERE/kafka-ready.js" "$1"
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_owner() { ss -ltnpH "sport = :$1" 2>/dev/null | sed 's/.*users:/users:/' | head -n1; }

# Prints the pid of the broker this cache started, if alive; drops a stale pid file.
# Checking the command line guards against the pid having been reused by another process.
kafka_pid() {
  [[ -f "$PIDFILE" ]] || return 0
  local pid
  pid="$(cat "$PIDFILE")"
  if [[ -n "$pid" ]] && grep -qaF kafka.Kafka "/proc/$pid/cmdline" 2>/dev/null &&
    grep -qaF "$PROPS" "/proc/$pid/cmdline" 2>/dev/null; then
    echo "$pid"
  else
    log "removing stale pid file ($PIDFILE: pid '$pid' is not our broker)"
    rm -f "$PIDFILE"
  fi
}

# A broker started from this cache whose pid file is gone (e.g. an older stack.sh's, or a
# wiped pid file) but which still listens on our port: prints its pid.
orphan_kafka_pid() {
  local pid
  pid="$(ss -ltnpH "sport = :$KAFKA_PORT" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n1)"
  [[ -n "$pid" ]] && grep -qaF "$PROPS" "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
  return 0
}

kafka_log_tail() {
  local n="${1:-40}" f
  for f in "$SERVER_LOG" "$OUT_LOG"; do
    [[ -s "$f" ]] || continue
    log "---- last $n lines of $f"
    tail -n "$n" "$f" >&2
  done
}

kafka_failed() {
  log "$1"
  kafka_log_tail 40
  log "(if the data dir is damaged: deploy/local/stack.sh reset-kafka wipes it)"
  exit 1
}

fetch_libs() {
  local marker
  marker="$LIBS/.fetched-$(sha256sum "$POM" | cut -c1-16)"
  [[ -f "$marker" ]] && return 0
  command -v mvn >/dev/null || die "mvn not found on PATH (needed once to fetch the Kafka jars)"
  if [[ -n "$(kafka_pid)" ]]; then
    log "kafka/pom.xml changed: stopping the running broker before swapping its jars"
    down_kafka
  fi
  log "fetching Kafka $KAFKA_VERSION jars from Maven Central into $LIBS"
  local t0=$SECONDS
  rm -rf "$LIBS.tmp"
  # sed: mvn -q still emits bare ANSI resets even in batch mode.
  mvn -q -B -f "$POM" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIBS.tmp" 2>&1 |
    sed -e 's/\x1b\[[0-9;]*m//g' -e '/^[[:space:]]*$/d' >&2 || die "mvn could not fetch the Kafka jars"
  touch "$LIBS.tmp/${marker##*/}"
  rm -rf "$LIBS"
  mv "$LIBS.tmp" "$LIBS"
  local jars=("$LIBS"/*.jar)
  log "fetched ${#jars[@]} jars in $((SECONDS - t0)) s"
}

# ---------------------------------------------------------------- principals
# Principal names: letters, digits, '_' and '-' (they go into JAAS and SCRAM syntax; a name with
# a dot in $CRED is not a password file).
valid_principal() { [[ "$1" =~ ^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$ ]]; }

# Every producer principal with its topic, one "name<TAB>topic" line each.
producer_table() {
  { cat "$BUILTIN_PRODUCERS"; [[ ! -f "$ADDED_PRODUCERS" ]] || cat "$ADDED_PRODUCERS"; } | grep -v '^[[:space:]]*\(#\|$\)' || true
}

# Principals whose password file this run created: a data dir formatted before them lacks their
# SCRAM user, which `up` then adds (add_scram_users).
NEW_CREDENTIALS=()
FORMATTED=""

# Creates the password file of a principal once (alphanumeric: safe in JAAS and SCRAM syntax).
ensure_credential() {
  local f="$CRED/$1"
  [[ -s "$f" ]] && return 0
  (umask 077 && head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 >"$f")
  NEW_CREDENTIALS+=("$1")
}

# admin (super user), hub (the consumer; reads feeds, writes DLQs), uploader (HTTP uploads into
# the feed topics) and the producer principals.
ensure_credentials() {
  mkdir -p "$CRED"
  chmod 700 "$CRED"
  local name _topic
  ensure_credential admin
  ensure_credential hub
  ensure_credential uploader
  while IFS=$'\t' read -r name _topic; do ensure_credential "$name"; done < <(producer_table)
  mkdir -p "$KDIR"
  (
    umask 077
    cat >"$ADMIN_CLIENT_PROPS" <<EOF
security.protocol=SASL_SSL
ssl.truststore.type=PEM
ssl.truststore.location=$TLS/ca.pem
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(cat "$CRED/admin")";
EOF
  )
}

# The broker's key pair and self-signed certificate (SAN 127.0.0.1, localhost), once per cache.
ensure_tls() {
  [[ -s "$TLS/broker.p12" && -s "$TLS/ca.pem" && -s "$TLS/store-password" ]] && return 0
  mkdir -p "$TLS"
  chmod 700 "$TLS"
  rm -f "$TLS/broker.p12" "$TLS/ca.pem"
  (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$TLS/store-password")
  local pw
  pw="$(cat "$TLS/store-password")"
  keytool -genkeypair -alias broker -keyalg RSA -keysize 2048 -validity 3650 -dname "CN=localhost" \
    -ext "SAN=$TLS_SAN" -keystore "$TLS/broker.p12" -storetype PKCS12 \
    -storepass "$pw" -keypass "$pw" >/dev/null 2>&1 || die "keytool could not make the broker's certificate"
  keytool -exportcert -rfc -alias broker -keystore "$TLS/broker.p12" -storetype PKCS12 -storepass "$pw" \
    -file "$TLS/ca.pem" >/dev/null 2>&1 || die "keytool could not export the broker's certificate"
  chmod 600 "$TLS/broker.p12"
  chmod 755 "$TLS"
  chmod 644 "$TLS/ca.pem"
  log "made the broker's TLS certificate ($TLS/ca.pem, valid 10 years)"
}

# A short fingerprint of the admin password: the marker records it, so that a changed admin
# password (the file deleted) reformats rather than locking the broker out of itself.
admin_fingerprint() { sha256sum "$CRED/admin" | cut -c1-16; }
marker_content() { echo "$STACK_SECURITY admin:$(admin_fingerprint)"; }
marker_ok() { [[ -f "$MARKER" && "$(cat "$MARKER")" == "$(marker_content)" ]]; }

write_config() {
  mkdir -p "$DATA" "$KDIR/logs"
  local admin_pw tls_pw
  admin_pw="$(cat "$CRED/admin")"
  tls_pw="$(cat "$TLS/store-password")"
  (umask 077 && : >"$PROPS")
  cat >"$PROPS" <<EOF
# Generated by deploy/local/stack.sh on every start; edit the script, not this file.
# zhijian-stack-security=$STACK_SECURITY
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
# Clients and the broker itself: SASL/SCRAM-SHA-512 (users bootstrapped by 'storage format --add-scram').
# The controller listener uses SASL/PLAIN with the admin's password from this file: KRaft cannot
# check SCRAM there (the SCRAM users live in the metadata the controller serves).
# Clients (and the broker to itself) over TLS: SASL_SSL with the certificate of ensure_tls.
listeners=SASL_SSL://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=SASL_SSL://127.0.0.1:$KAFKA_PORT
EOF
  write_security_props >>"$PROPS"
  cat >>"$PROPS" <<EOF
log.dirs=$DATA
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.retention.hours=168
EOF
  write_log4j
}

# The listeners' security, the same on every broker: SASL/SCRAM-SHA-512 over TLS for clients and
# brokers, SASL/PLAIN on the controller listener, ACLs with no access where no ACL is found.
# Reads admin_pw and tls_pw of the caller.
write_security_props() {
  cat <<EOF
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_SSL
listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT
ssl.keystore.type=PKCS12
ssl.keystore.location=$TLS/broker.p12
ssl.keystore.password=$tls_pw
ssl.key.password=$tls_pw
ssl.truststore.type=PEM
ssl.truststore.location=$TLS/ca.pem
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.sasl_ssl.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_pw";
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$admin_pw" user_admin="$admin_pw";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
EOF
}

# The broker's and the Kafka tools' log4j settings ($SERVER_LOG; tools warn on stderr), in $KDIR.
write_log4j() {
  cat >"$KDIR/log4j.properties" <<EOF
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=$SERVER_LOG
log4j.appender.file.MaxFileSize=20MB
log4j.appender.file.MaxBackupIndex=2
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.network.RequestChannel\$=WARN
EOF
  cat >"$KDIR/tools-log4j.properties" <<EOF
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=%p %m (%c)%n
EOF
}

# Formats the data dir with every principal as a SCRAM user. A data dir formatted otherwise (an
# older, plaintext cache: no marker) is wiped first: its topics and offsets go, the jars stay.
format_storage() {
  if [[ -f "$DATA/meta.properties" ]]; then
    marker_ok && return 0
    log "Kafka data in $DATA was formatted for another security setup ($(cat "$MARKER" 2>/dev/null || echo 'plaintext, no SCRAM users')): wiping it for '$STACK_SECURITY'"
    rm -rf "$DATA" "$KDIR/cluster.id"
    mkdir -p "$DATA"
  fi
  [[ -s "$KDIR/cluster.id" ]] || kafka_tool kafka.tools.StorageTool random-uuid >"$KDIR/cluster.id"
  log "formatting Kafka storage in $DATA (cluster id $(cat "$KDIR/cluster.id"), SCRAM users bootstrapped)"
  local scram=() f name
  for f in "$CRED"/*; do
    name="${f##*/}"
    valid_principal "$name" || continue
    scram+=(--add-scram "SCRAM-SHA-512=[name=$name,password=$(cat "$f")]")
  done
  kafka_tool kafka.tools.StorageTool format -t "$(cat "$KDIR/cluster.id")" -c "$PROPS" "${scram[@]}" >&2 ||
    die "formatting $DATA failed"
  [[ -f "$DATA/meta.properties" ]] || die "formatting $DATA failed"
  marker_content >"$MARKER"
  FORMATTED=1
}

# Creates (or resets the password of) a SCRAM user on the running broker.
add_scram_user() {
  kafka_tool kafka.admin.ConfigCommand --bootstrap-server "$STACK_BOOTSTRAP" \
    --command-config "$ADMIN_CLIENT_PROPS" --alter --entity-type users --entity-name "$1" \
    --add-config "SCRAM-SHA-512=[password=$(cat "$CRED/$1")]" >/dev/null ||
    die "could not create the SCRAM user $1"
}

# SCRAM users for the password files created after the data dir was formatted.
add_scram_users() {
  [[ -z "$FORMATTED" ]] || return 0
  local name
  for name in "${NEW_CREDENTIALS[@]}"; do
    [[ "$name" == admin ]] && continue # a new admin password reformats (marker)
    log "adding the SCRAM user $name"
    add_scram_user "$name"
  done
}

# ACLs of the local principals (idempotent); waits until the broker enforces them.
grant_acls() {
  local producers
  producers="$(producer_table | tr '\t\n' ':,')"
  KAFKA_BROKERS="$STACK_BOOTSTRAP" KAFKA_ADMIN_PASSWORD_FILE="$CRED/admin" \
    KAFKA_TLS=true KAFKA_TLS_CA_FILE="$TLS/ca.pem" \
    node "$HERE/kafka-acls.js" "$BUILTIN_PRODUCERS" "${producers%,}" >&2 || die "could not grant the local ACLs"
}

# Waits until the broker answers metadata requests; gives up early if the process dies.
wait_kafka() {
  local pid="$1" deadline=$((SECONDS + KAFKA_READY_TIMEOUT)) msg
  while ((SECONDS < deadline)); do
    if msg="$(probe_kafka 0 2>&1)"; then
      log "$msg"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || kafka_failed "Kafka broker (pid $pid) exited during startup"
    sleep 1
  done
  kafka_failed "Kafka broker (pid $pid) did not answer on 127.0.0.1:$KAFKA_PORT within ${KAFKA_READY_TIMEOUT}s: $msg"
}

start_kafka() {
  log "starting Kafka $KAFKA_VERSION broker on 127.0.0.1:$KAFKA_PORT (controller :$KAFKA_CONTROLLER_PORT, log $SERVER_LOG)"
  rm -f "$PIDFILE"
  # setsid: the broker must outlive this script and the caller's Ctrl-C; 9>&- so it
  # does not inherit (and hold forever) our lock.
  # shellcheck disable=SC2016 # $$ and $0 belong to the inner shell
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PIDFILE" \
    java -Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true -cp "$LIBS/*" \
    -Dlog4j.configuration="file:$KDIR/log4j.properties" kafka.Kafka "$PROPS" \
    </dev/null >"$OUT_LOG" 2>&1 9>&- &
  for _ in $(seq 50); do [[ -s "$PIDFILE" ]] && break; sleep 0.1; done
  [[ -s "$PIDFILE" ]] || die "broker process did not start (see $OUT_LOG)"
}

up_kafka() {
  command -v java >/dev/null || die "java not found on PATH (the Kafka broker needs Java 11+)"
  ensure_node_modules # kafka-ready.js uses kafkajs
  fetch_libs
  ensure_credentials
  ensure_tls
  local t0=$SECONDS pid msg
  pid="$(kafka_pid)"
  [[ -n "$pid" ]] || pid="$(orphan_kafka_pid)"
  if [[ -n "$pid" ]]; then
    # A broker of this cache still running from before the upgrade (plaintext), or with a data
    # dir formatted otherwise: stop it, then format and start as below.
    if ! grep -qF "# zhijian-stack-security=$STACK_SECURITY" "$PROPS" 2>/dev/null || ! marker_ok; then
      log "our broker (pid $pid) runs an older setup (not '$STACK_SECURITY'): restarting it secured"
      echo "$pid" >"$PIDFILE"
      down_kafka
      pid=""
    fi
  fi
  if [[ -n "$pid" ]]; then
    grep -qF "SASL_SSL://127.0.0.1:$KAFKA_PORT," "$PROPS" ||
      die "our broker (pid $pid) runs with other ports than KAFKA_PORT=$KAFKA_PORT; run 'stack.sh down' first"
    log "Kafka broker already running (pid $pid); reusing it"
    echo "$pid" >"$PIDFILE"
    wait_kafka "$pid"
    add_scram_users
    grant_acls
    return 0
  fi
  if port_open "$KAFKA_PORT"; then
    if msg="$(probe_kafka 5 2>&1)"; then
      log "WARNING: 127.0.0.1:$KAFKA_PORT already serves a Kafka broker not started by this script (it accepts our admin credentials); using it"
      log "$msg"
      grant_acls
      return 0
    fi
    die "127.0.0.1:$KAFKA_PORT is taken by something that does not answer as our secured Kafka ($(port_owner "$KAFKA_PORT"); a plaintext broker of another cache?): $msg; free it or set KAFKA_PORT"
  fi
  port_open "$KAFKA_CONTROLLER_PORT" &&
    die "controller port 127.0.0.1:$KAFKA_CONTROLLER_PORT is taken ($(port_owner "$KAFKA_CONTROLLER_PORT")); free it or set KAFKA_CONTROLLER_PORT"
  write_config
  format_storage
  start_kafka
  wait_kafka "$(cat "$PIDFILE")"
  add_scram_users
  grant_acls
  log "Kafka broker up in $((SECONDS - t0)) s (pid $(cat "$PIDFILE"))"
}

# Registers a producer principal (SCRAM user with its own password file) that may write one topic.
add_producer() {
  local name="${1:-}" topic="${2:-}" pid
  valid_principal "$name" || die "usage: stack.sh add-producer <name> <topic> (name: letters, digits, _ -)"
  [[ "$topic" =~ ^[A-Za-z0-9._-]+$ ]] || die "usage: stack.sh add-producer <name> <topic>"
  [[ "$name" == admin || "$name" == hub || "$name" == uploader ]] && die "'$name' is not a producer principal"
  pid="$(kafka_pid)"
  [[ -n "$pid" ]] || die "the broker is not running: run 'stack.sh up' first"
  if producer_table | grep -q "^$name"$'\t'; then
    producer_table | grep -qxF "$name"$'\t'"$topic" || die "producer $name already writes another topic"
  else
    echo "$name"$'\t'"$topic" >>"$ADDED_PRODUCERS"
  fi
  ensure_credential "$name"
  add_scram_user "$name"
  grant_acls
  log "producer principal $name may write $topic; its password is in $CRED/$name"
}

down_kafka() {
  local pid
  pid="$(kafka_pid)"
  if [[ -z "$pid" ]]; then
    log "Kafka broker not running (nothing to stop)"
    return 0
  fi
  log "stopping Kafka broker (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    log "broker still alive after 30 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
  log "Kafka broker stopped"
}

status() {
  local rc=0 pid
  if pg_isready -q -h 127.0.0.1 -p 5432; then echo "postgres  up    127.0.0.1:5432"; else echo "postgres  DOWN  127.0.0.1:5432"; rc=1; fi
  if redis_ok; then echo "redis     up    127.0.0.1:6379"; else echo "redis     DOWN  127.0.0.1:6379"; rc=1; fi
  pid="$(kafka_pid 2>/dev/null)"
  if [[ -d "$ZHIJIAN_ROOT/node_modules/kafkajs" ]] && probe_kafka 0 >/dev/null 2>&1; then
    if [[ -n "$pid" ]]; then pid="pid $pid, cache $KDIR"; else pid="not started by stack.sh"; fi
    echo "kafka     up    127.0.0.1:$KAFKA_PORT ($pid)"
  elif [[ -n "$pid" ]]; then
    echo "kafka     NOT ANSWERING  127.0.0.1:$KAFKA_PORT (pid $pid; see $SERVER_LOG)"
    rc=1
  else
    echo "kafka     DOWN  127.0.0.1:$KAFKA_PORT"
    rc=1
  fi
  return "$rc"
}

# Sourced (deploy/cluster/cluster.sh reuses these functions): define them, run nothing.
[[ "${BASH_SOURCE[0]}" != "$0" ]] && return 0

case "${1:-}" in
  up)
    take_lock
    ensure_local_audit_key
    up_postgres
    up_redis
    up_kafka
    log "stack is up"
    ;;
  down)
    take_lock
    down_kafka
    log "PostgreSQL and Redis left running (they belong to the machine)"
    ;;
  status) status ;;
  logs) kafka_log_tail "${2:-40}" ;;
  reset-kafka)
    take_lock
    down_kafka
    rm -rf "$DATA" "$KDIR/cluster.id"
    log "wiped Kafka data ($DATA); next 'up' formats fresh storage"
    ;;
  add-producer)
    take_lock
    add_producer "${2:-}" "${3:-}"
    ;;
  *)
    echo "usage: $0 up | down | status | logs [N] | reset-kafka | add-producer <name> <topic>" >&2
    exit 2
    ;;
esac
