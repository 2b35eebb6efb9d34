#!/usr/bin/env bash
# A three-broker Kafka cluster (KRaft, each node broker and controller) on loopback, run from the
# Maven Central jars: no container, no Kafka download. The same layout as infra/compose, without
# SASL: replication factor 3, min.insync.replicas 2, offsets and transaction logs replicated 3 times.
#
#   kafka-cluster.sh start  DIR      format (first time only) and start the brokers not running; prints the bootstrap servers
#   kafka-cluster.sh stop   DIR [N]  stop every broker, or only broker N (1..3)
#   kafka-cluster.sh status DIR      say which brokers run; exit 0 only when all three do
#
# DIR keeps everything: DIR/bootstrap.servers, DIR/classpath.txt, and per broker DIR/broker-N/
# {server.properties, data/, server.log, pid}. Starting again on the same DIR keeps the data and ports.
#
# Environment:
#   KAFKA_CLUSTER_BASE_PORT  first of six consecutive ports (brokers on BASE..BASE+2, controllers on
#                            BASE+3..BASE+5); default: six free ports chosen at random below the
#                            kernel's ephemeral port range
#   KAFKA_CLUSTER_HEAP       per-broker heap, default 384m
#   KAFKA_CLUSTER_WAIT       seconds to wait for the brokers to listen, default 90
#   MVN                      the Maven command, default mvn
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NODES=(1 2 3)

usage() {
  echo "usage: $0 start|stop|status DIR   (stop DIR N stops broker N only)" >&2
  exit 2
}

[ $# -ge 2 ] || usage
COMMAND="$1"
DIR="$2"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pid_of() {
  local file="$DIR/broker-$1/pid"
  [ -f "$file" ] && cat "$file"
}

running() {
  local pid
  pid="$(pid_of "$1")" && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

classpath() {
  local out="$DIR/classpath.txt"
  if [ ! -s "$out" ]; then
    local mvn="${MVN:-mvn}"
    # Offline first (the jars are usually in ~/.m2 already), then from Maven Central.
    if ! $mvn -B -ntp -q -Dstyle.color=never -o -f "$HERE/pom.xml" dependency:build-classpath -Dmdep.outputFile="$out" >"$DIR/mvn.log" 2>&1; then
      $mvn -B -ntp -q -Dstyle.color=never -f "$HERE/pom.xml" dependency:build-classpath -Dmdep.outputFile="$out" >>"$DIR/mvn.log" 2>&1 || {
        echo "cannot build the Kafka classpath; Maven said:" >&2
        cat "$DIR/mvn.log" >&2
        exit 1
      }
    fi
  fi
  cat "$out"
}

choose_base_port() {
  if [ -n "${KAFKA_CLUSTER_BASE_PORT:-}" ]; then
    echo "$KAFKA_CLUSTER_BASE_PORT"
    return
  fi
  # Below the kernel's ephemeral range: a port there may be the local end of any outgoing connection
  # (a client's, or one in TIME_WAIT), which the probe cannot see and which makes a broker's bind fail.
  local attempt base offset free low top
  low=32768
  [ -r /proc/sys/net/ipv4/ip_local_port_range ] && read -r low _ </proc/sys/net/ipv4/ip_local_port_range
  top=$(( low > 20006 ? low - 6 : 50000 ))
  for attempt in $(seq 1 50); do
    base=$((20000 + RANDOM % (top - 20000)))
    free=yes
    for offset in 0 1 2 3 4 5; do
      if port_in_use $((base + offset)); then free=no; break; fi
    done
    if [ "$free" = yes ]; then echo "$base"; return; fi
  done
  echo "found no six free consecutive ports between 20000 and $top" >&2
  exit 1
}

write_configuration() {
  local base="$1" voters="" node
  for node in "${NODES[@]}"; do
    voters="${voters:+$voters,}$node@127.0.0.1:$((base + 2 + node))"
  done
  for node in "${NODES[@]}"; do
    local home="$DIR/broker-$node"
    mkdir -p "$home/data"
    cat >"$home/server.properties" <<EOF
# Broker $node of the sharebus three-broker cluster (written by kafka-cluster.sh).
process.roles=broker,controller
node.id=$node
# A static quorum of three voters: the cluster keeps a controller while two of them run.
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:$((base + node - 1)),CONTROLLER://127.0.0.1:$((base + 2 + node))
advertised.listeners=PLAINTEXT://127.0.0.1:$((base + node - 1))
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$home/data

# Every record on three brokers; an acks=all write needs two of them, so one broker may fail.
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
share.coordinator.state.topic.replication.factor=3
share.coordinator.state.topic.min.isr=2
unclean.leader.election.enable=false
# Topics come from the catalogue (TopicsAutoConfiguration), never from a typo in a client.
auto.create.topics.enable=false
num.partitions=3

# A small machine: fewer internal partitions and threads, a small compaction buffer (the heap is small).
offsets.topic.num.partitions=6
transaction.state.log.num.partitions=6
num.network.threads=2
num.io.threads=4
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=16777216
group.initial.rebalance.delay.ms=0
EOF
  done
  cat >"$DIR/log4j2.properties" <<'EOF'
status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = OUT
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.statechange.name = state.change.logger
logger.statechange.level = WARN
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.clients.name = org.apache.kafka.clients
logger.clients.level = WARN
EOF
  echo "$base" >"$DIR/base.port"
  local servers="" n
  for n in "${NODES[@]}"; do servers="${servers:+$servers,}127.0.0.1:$((base + n - 1))"; done
  echo "$servers" >"$DIR/bootstrap.servers"
}

java_opts() {
  echo "-Xmx${KAFKA_CLUSTER_HEAP:-384m} -Xms64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true -Dlog4j2.configurationFile=$DIR/log4j2.properties"
}

format_storage() {
  local cp="$1" cluster_id node
  if [ -f "$DIR/cluster.id" ]; then
    cluster_id="$(cat "$DIR/cluster.id")"
  else
    # As Kafka's Uuid.randomUuid: 16 random bytes, URL-safe base64 without padding, not starting
    # with '-' (it would read as an option). Here rather than `StorageTool random-uuid`: one JVM less.
    cluster_id="-"
    while [ "${cluster_id:0:1}" = "-" ]; do
      cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    done
    echo "$cluster_id" >"$DIR/cluster.id"
  fi
  local pids=() nodes=()
  for node in "${NODES[@]}"; do
    local home="$DIR/broker-$node"
    if [ -f "$home/data/meta.properties" ]; then continue; fi
    # shellcheck disable=SC2046
    java $(java_opts) -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" -c "$home/server.properties" \
      >"$home/format.log" 2>&1 &
    pids+=($!)
    nodes+=("$node")
  done
  local i
  for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then
      echo "formatting broker ${nodes[$i]} failed:" >&2
      cat "$DIR/broker-${nodes[$i]}/format.log" >&2
      exit 1
    fi
  done
}

start() {
  local node started=()
  if [ ! -f "$DIR/base.port" ]; then
    write_configuration "$(choose_base_port)"
  fi
  local base cp
  base="$(cat "$DIR/base.port")"
  cp="$(classpath)"
  format_storage "$cp"
  for node in "${NODES[@]}"; do
    local home="$DIR/broker-$node"
    if running "$node"; then continue; fi  # a restart after losing one broker starts only that one
    # setsid: the broker outlives this script and is not hit by signals meant for its caller's group.
    # shellcheck disable=SC2046
    setsid java $(java_opts) -Dkafka.logs.dir="$home" -cp "$cp" kafka.Kafka "$home/server.properties" \
      >>"$home/server.log" 2>&1 </dev/null &
    echo $! >"$home/pid"
    started+=("$node")
  done
  local deadline=$((SECONDS + ${KAFKA_CLUSTER_WAIT:-90}))
  for node in "${NODES[@]}"; do
    local port=$((base + node - 1))
    until port_in_use "$port"; do
      if ! running "$node"; then
        echo "broker $node exited while starting; the end of broker-$node/server.log:" >&2
        tail -n 40 "$DIR/broker-$node/server.log" >&2
        stop_nodes "${started[@]}"
        exit 1
      fi
      if [ "$SECONDS" -ge "$deadline" ]; then
        echo "broker $node does not listen on $port after ${KAFKA_CLUSTER_WAIT:-90} s; the end of broker-$node/server.log:" >&2
        tail -n 40 "$DIR/broker-$node/server.log" >&2
        stop_nodes "${started[@]}"
        exit 1
      fi
      sleep 0.2
    done
  done
  cat "$DIR/bootstrap.servers"
}

stop_node() {
  local node="$1" pid
  if ! running "$node"; then
    rm -f "$DIR/broker-$node/pid"
    return
  fi
  pid="$(pid_of "$node")"
  kill -TERM "$pid" 2>/dev/null || true
}

await_stopped() {
  local node="$1" pid deadline=$((SECONDS + 30))
  pid="$(pid_of "$node")" || return 0
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      # A broker whose controllers are gone cannot finish a controlled shutdown: end it.
      echo "broker $node (pid $pid) did not stop within 30 s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  rm -f "$DIR/broker-$node/pid"
}

stop_nodes() {
  local node
  for node in "$@"; do stop_node "$node"; done
  for node in "$@"; do await_stopped "$node"; done
}

stop_all() {
  stop_nodes "${NODES[@]}"
}

status() {
  local node all=0
  [ -f "$DIR/bootstrap.servers" ] || { echo "no cluster in $DIR"; exit 3; }
  local base
  base="$(cat "$DIR/base.port")"
  for node in "${NODES[@]}"; do
    if running "$node"; then
      echo "broker $node running (pid $(pid_of "$node"), 127.0.0.1:$((base + node - 1)))"
    else
      echo "broker $node stopped"
      all=3
    fi
  done
  echo "bootstrap.servers=$(cat "$DIR/bootstrap.servers")"
  exit "$all"
}

case "$COMMAND" in
  start) start ;;
  stop)
    if [ $# -ge 3 ]; then
      case "$3" in 1|2|3) ;; *) echo "no broker $3: brokers are 1, 2 and 3" >&2; exit 2 ;; esac
      stop_node "$3"
      await_stopped "$3"
    else
      stop_all
    fi
    ;;
  status) status ;;
  *) usage ;;
esac
