package org.sharebus.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.sharebus.event.common.Department;
import org.sharebus.gateway.GatewayIntegrationTest;
import org.sharebus.gateway.auth.BatchSignature;
import org.sharebus.gateway.auth.DepartmentKeys;
import org.sharebus.gateway.auth.DepartmentSigners;
import org.sharebus.gateway.publish.EventPublisher;
import org.sharebus.topic.TopicCatalogue;
import tools.jackson.databind.JsonNode;

/** The audit log records every attempt and shows tampering; each record's signature verifies with the public key alone. */
class AuditTest extends GatewayIntegrationTest {

    @Test
    void shouldAppendAnAuditRecordForEveryAttemptAcceptedOrRefused() {
        // given
        UUID accepted = UUID.randomUUID();
        UUID forbidden = UUID.randomUUID();

        // when
        post("/api/v1/events", CUSTOMS_KEY, json(customsPenalty(accepted)));
        post("/api/v1/events", DepartmentKeys.demoKey(Department.TAX), json(customsPenalty(forbidden)));
        post("/api/v1/events", "not-a-key", json(customsPenalty(UUID.randomUUID())));

        // then
        List<JsonNode> entries = readAll(TopicCatalogue.AUDIT).stream().map(r -> JSON.readTree(r.value())).toList();
        List<JsonNode> events = auditedEvents();
        JsonNode acceptedEntry = events.stream().filter(e -> accepted.toString().equals(e.path("eventId").asString(null))).findFirst().orElseThrow();
        assertThat(acceptedEntry.get("outcome").asString()).isEqualTo("ACCEPTED");
        assertThat(acceptedEntry.get("department").asString()).isEqualTo("CUSTOMS");
        assertThat(acceptedEntry.get("eventType").asString()).isEqualTo("CustomsPenaltyDecided");
        assertThat(acceptedEntry.get("sha256").asString()).hasSize(64);
        assertThat(acceptedEntry.get("topic").asString()).isEqualTo("customs.events.v1");
        JsonNode forbiddenEntry = events.stream().filter(e -> forbidden.toString().equals(e.path("eventId").asString(null))).findFirst().orElseThrow();
        assertThat(forbiddenEntry.get("outcome").asString()).isEqualTo("REFUSED");
        assertThat(forbiddenEntry.get("status").asInt()).isEqualTo(403);
        assertThat(forbiddenEntry.get("department").asString()).isEqualTo("TAX");
        assertThat(entries).anyMatch(e -> e.path("status").asInt(0) == 401 && e.get("department").isNull());
    }

    @Test
    void shouldReportAnIntactChainWhenNothingWasChanged() {
        // given
        post("/api/v1/events", CUSTOMS_KEY, json(customsPenalty(UUID.randomUUID())));

        // when
        Response response = get("/api/v1/audit/verify", CUSTOMS_KEY);

        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("intact").asBoolean()).isTrue();
        assertThat(response.json().get("records").asLong()).isPositive();
    }

    @Test
    void shouldReportTheEditedRecordWhenARecordsContentWasChanged() throws Exception {
        // given a copy of the audit log in which one record's outcome was edited
        List<ConsumerRecord<byte[], byte[]>> log = auditLogWithAtLeast(3);
        int edited = 1;
        String copy = copyWith(log, edited, false);

        // when
        Response response = get("/api/v1/audit/verify?topic=" + copy, CUSTOMS_KEY);

        // then
        JsonNode verification = response.json();
        assertThat(verification.get("intact").asBoolean()).isFalse();
        assertThat(verification.get("records").asLong()).isEqualTo(edited);
        assertThat(verification.get("brokenLink").get("offset").asLong()).isEqualTo(edited);
        assertThat(verification.get("brokenLink").get("reason").asString()).contains("does not match its hash");
    }

    @Test
    void shouldReportTheNextRecordWhenAnEditedRecordsHashWasRecomputed() throws Exception {
        // given a copy in which a record was edited and its hash header forged to match
        List<ConsumerRecord<byte[], byte[]>> log = auditLogWithAtLeast(3);
        int edited = 1;
        String copy = copyWith(log, edited, true);

        // when
        Response response = get("/api/v1/audit/verify?topic=" + copy, CUSTOMS_KEY);

        // then the link from the following record breaks
        JsonNode verification = response.json();
        assertThat(verification.get("intact").asBoolean()).isFalse();
        assertThat(verification.get("brokenLink").get("offset").asLong()).isEqualTo(edited + 1);
        assertThat(verification.get("brokenLink").get("reason").asString()).contains("prevHash");
    }

    @Test
    void shouldRefuseToVerifyATopicThatIsNotAnAuditLog() {
        // when
        Response response = get("/api/v1/audit/verify?topic=customs.events.v1", CUSTOMS_KEY);

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("topic");
        assertThat(response.json().get("errors").get(0).get("rule").asString()).isEqualTo("prefix");
    }

    @Test
    void shouldAnswer400NamingTheTopicWhenItsNameIsNoKafkaTopicName() {
        // when a copy's name with a space (the broker's own refusal of it used to be a 500 naming its exception)
        Response response = get("/api/v1/audit/verify?topic=sharebus.audit.a%20b", CUSTOMS_KEY);

        // then
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("topic");
        assertThat(response.json().get("errors").get(0).get("rule").asString()).isEqualTo("pattern");
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    void shouldAskForADepartmentsKeyAndNameAnAuditLogThatDoesNotExist() {
        // when anonymous, and when asking for a copy that was never made
        Response anonymous = get("/api/v1/audit/verify", null);
        Response missing = get("/api/v1/audit/verify?topic=sharebus.audit.never-copied", CUSTOMS_KEY);

        // then
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("type").asString()).isEqualTo("urn:sharebus:problem:unknown-audit-log");
    }

    @Test
    void shouldVerifyAStoredRecordsSignatureWithOnlyThePublishedPublicKey() throws Exception {
        // given a published event and the department's public key as the gateway publishes it
        UUID id = UUID.randomUUID();
        post("/api/v1/events", CUSTOMS_KEY, json(customsPenalty(id)));
        ConsumerRecord<byte[], byte[]> record = recordsOf("customs.events.v1", id).get(0);
        JsonNode published = get("/api/v1/departments/customs/public-key", null).json();
        PublicKey publicKey = DepartmentSigners.publicKey(published.get("publicKey").asString());

        // when the signed root is computed from the value and its Merkle path (empty for a request of one event)
        byte[] signature = record.headers().lastHeader(EventPublisher.SIGNATURE_HEADER).value();
        byte[] path = record.headers().lastHeader(BatchSignature.PATH_HEADER).value();
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(BatchSignature.rootOf(record.value(), path));
        boolean valid = verifier.verify(signature);

        // then
        assertThat(path).isEmpty();
        assertThat(valid).isTrue();
        assertThat(new String(record.headers().lastHeader(EventPublisher.KEY_ID_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo(published.get("keyId").asString());
        byte[] altered = record.value().clone();
        altered[altered.length - 1] ^= 1;
        assertThat(BatchSignature.verify(publicKey, altered, path, signature)).isFalse();
        assertThat(BatchSignature.verify(DepartmentSigners.publicKey(
                get("/api/v1/departments/tax/public-key", null).json().get("publicKey").asString()), record.value(), path, signature)).isFalse();
    }

    @Test
    void shouldVerifyEachRecordOfABatchOnItsOwnWhenTheBatchHasOneSignature() {
        // given a batch of five events, signed once
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        post("/api/v1/events/batch", CUSTOMS_KEY, json(ids.stream().map(this::customsPenalty).toList()));
        PublicKey publicKey = DepartmentSigners.publicKey(get("/api/v1/departments/customs/public-key", null).json()
                .get("publicKey").asString());
        List<ConsumerRecord<byte[], byte[]>> records = ids.stream().map(id -> recordsOf("customs.events.v1", id).get(0)).toList();

        // when each record is checked with nothing but its own value and headers
        List<Boolean> verified = records.stream().map(r -> BatchSignature.verify(publicKey, r.value(),
                r.headers().lastHeader(BatchSignature.PATH_HEADER).value(),
                r.headers().lastHeader(EventPublisher.SIGNATURE_HEADER).value())).toList();

        // then every record verifies, they share one signature, and a record's path does not vouch for another's value
        assertThat(verified).containsOnly(true);
        assertThat(records.stream().map(r -> HexFormat.of().formatHex(r.headers().lastHeader(EventPublisher.SIGNATURE_HEADER).value()))
                .distinct()).hasSize(1);
        assertThat(BatchSignature.verify(publicKey, records.get(1).value(), records.get(0).headers().lastHeader(BatchSignature.PATH_HEADER).value(),
                records.get(0).headers().lastHeader(EventPublisher.SIGNATURE_HEADER).value())).isFalse();
    }

    private List<ConsumerRecord<byte[], byte[]>> auditLogWithAtLeast(int records) {
        for (int i = 0; i < records; i++) {
            post("/api/v1/events", CUSTOMS_KEY, json(customsPenalty(UUID.randomUUID())));
        }
        return readAll(TopicCatalogue.AUDIT);
    }

    /** Copies the log into a new topic, changing one record's outcome (and, if asked, recomputing its hash header). */
    private String copyWith(List<ConsumerRecord<byte[], byte[]>> log, int edited, boolean forgeHash) throws Exception {
        String copy = "sharebus.audit.tampered-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(copy, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < log.size(); i++) {
                ConsumerRecord<byte[], byte[]> record = log.get(i);
                byte[] value = record.value();
                ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(copy, 0, (byte[]) null, value, record.headers());
                if (i == edited) {
                    value = new String(value, StandardCharsets.UTF_8).replace("\"status\":", "\"status\":1").getBytes(StandardCharsets.UTF_8);
                    out = new ProducerRecord<>(copy, 0, (byte[]) null, value, record.headers());
                    if (forgeHash) {
                        out.headers().remove(AuditLog.HASH_HEADER);
                        out.headers().add(AuditLog.HASH_HEADER, HexFormat.of().formatHex(
                                java.security.MessageDigest.getInstance("SHA-256").digest(value)).getBytes(StandardCharsets.US_ASCII));
                    }
                }
                producer.send(out).get(30, TimeUnit.SECONDS);
            }
        }
        return copy;
    }
}
