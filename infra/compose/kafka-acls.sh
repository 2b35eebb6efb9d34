#!/usr/bin/env bash
# Run once by the kafka-init service: SCRAM-SHA-512 credentials for every principal, then the ACLs.
# It talks to the brokers' INTERNAL listener (PLAINTEXT, reachable only inside the compose network).
#
#   principal        may
#   User:<dept>      write its own department topic (<dept>.events.v1) straight to Kafka, nothing else
#   User:gateway     write every department topic and the audit log; read them (a resend looks for an
#                    unconfirmed first send; the audit check walks the log)
#   User:consumers   read every department topic; write their dead-letter topics; own the sharebus.*
#                    topics and the Streams applications' internal topics, groups and transactions;
#                    create the catalogue's topics
set -euo pipefail
BIN=/opt/kafka/bin
DEPARTMENTS=(customs commerce market credit tax)

until $BIN/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --list >/dev/null 2>&1; do
  echo "waiting for the brokers at $BOOTSTRAP"
  sleep 2
done

scram() {
  $BIN/kafka-configs.sh --bootstrap-server "$BOOTSTRAP" --alter --entity-type users --entity-name "$1" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$2]"
}

acl() {
  $BIN/kafka-acls.sh --bootstrap-server "$BOOTSTRAP" --add --force "$@"
}

scram admin "$ADMIN_PASSWORD"
scram gateway "$GATEWAY_PASSWORD"
scram consumers "$CONSUMERS_PASSWORD"
for dept in "${DEPARTMENTS[@]}"; do
  var="DEPARTMENT_PASSWORD_${dept^^}"
  scram "$dept" "${!var}"
done

for dept in "${DEPARTMENTS[@]}"; do
  topic="$dept.events.v1"
  # A department writes its own topic only (literal: a new version is granted explicitly).
  acl --allow-principal "User:$dept" --operation Write --operation Describe --topic "$topic"
  acl --allow-principal "User:$dept" --operation IdempotentWrite --cluster
  # Read too: a resend of an event whose first send went unconfirmed looks for it in the topic (EventPublisher.findSent).
  acl --allow-principal User:gateway --operation Write --operation Read --operation Describe --topic "$topic"
  acl --allow-principal User:consumers --operation Read --operation Describe --topic "$topic"
  acl --allow-principal User:consumers --operation Write --operation Describe --topic "$topic.DLT"
  # The consumers deployable creates the catalogue's topics at start-up (the gateway does not: SHAREBUS_TOPICS_CREATE=false).
  # DescribeConfigs: at each start it checks that existing catalogue topics keep their records (cleanup policy, retention).
  acl --allow-principal User:consumers --operation Create --operation DescribeConfigs --topic "$topic" --topic "$topic.DLT"
done
acl --allow-principal User:consumers --operation Create --operation Describe --operation DescribeConfigs --topic sharebus.audit.v1 --topic _schemas

acl --allow-principal User:gateway --operation Write --operation Read --operation Describe --topic sharebus.audit.v1
acl --allow-principal User:gateway --operation IdempotentWrite --cluster
acl --allow-principal User:gateway --operation Read --resource-pattern-type prefixed --group sharebus-gateway
acl --allow-principal User:gateway --operation Write --operation Describe --resource-pattern-type prefixed --transactional-id sharebus-gateway

# The bus's own topics (sharebus.profiles.v1, ...) and the Streams applications' internal topics
# (<application.id>-...-changelog/-repartition, application ids starting with sharebus-).
acl --allow-principal User:consumers --operation All --resource-pattern-type prefixed --topic sharebus.
acl --allow-principal User:consumers --operation All --resource-pattern-type prefixed --topic sharebus-
acl --allow-principal User:consumers --operation All --resource-pattern-type prefixed --group sharebus-
acl --allow-principal User:consumers --operation Write --operation Describe --resource-pattern-type prefixed --transactional-id sharebus-
acl --allow-principal User:consumers --operation IdempotentWrite --cluster

echo "SCRAM users and ACLs in place"
$BIN/kafka-acls.sh --bootstrap-server "$BOOTSTRAP" --list
