package org.sharebus.platform.registry;

import org.sharebus.platform.kafka.EmbeddedKafkaBroker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.sharebus.platform.registry.RegistryFixtures.declaration;
import static org.sharebus.platform.registry.RegistryFixtures.declarationWithPort;
import static org.sharebus.platform.registry.RegistryFixtures.freshRecord;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharebus.topic.TopicCatalogue;

/** What survives a restart, and what the {@code _schemas} topic holds. */
class EmbeddedSchemaRegistryRestartTest {

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.startOnAnyPort();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldAnswerTheSameSubjectsVersionsAndIdsWhenRestartedOnTheSameBroker() {
        // given
        String subjectsBefore;
        String latestBefore;
        String firstVersionBefore;
        int sharedId;
        int highestId;
        try (EmbeddedSchemaRegistry first = started()) {
            RegistryHttp http = new RegistryHttp(first.url());
            http.registerId("restart-customs-value", declaration());
            http.registerId("restart-customs-value", declarationWithPort());
            sharedId = http.registerId("restart-copy-value", declaration());
            http.put("/config/restart-customs-value", "{\"compatibility\":\"FULL\"}");
            highestId = http.registerId("restart-last-value", freshRecord("LastBeforeRestart"));
            subjectsBefore = http.get("/subjects").body();
            latestBefore = http.get("/subjects/restart-customs-value/versions/latest").body();
            firstVersionBefore = http.get("/subjects/restart-customs-value/versions/1").body();
        }

        // when
        try (EmbeddedSchemaRegistry second = started()) {
            RegistryHttp http = new RegistryHttp(second.url());

            // then
            assertThat(http.get("/subjects").body()).isEqualTo(subjectsBefore);
            assertThat(http.get("/subjects/restart-customs-value/versions").body()).isEqualTo("[1,2]");
            assertThat(http.get("/subjects/restart-customs-value/versions/latest").body()).isEqualTo(latestBefore);
            assertThat(http.get("/subjects/restart-customs-value/versions/1").body()).isEqualTo(firstVersionBefore);
            assertThat(http.get("/schemas/ids/" + sharedId).json().get("schema").asText()).isEqualTo(declaration().toString());
            assertThat(http.get("/config/restart-customs-value").body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
            assertThat(http.registerId("restart-copy-value", declaration())).isEqualTo(sharedId);
            assertThat(http.registerId("restart-next-value", freshRecord("FirstAfterRestart"))).isEqualTo(highestId + 1);
        }
    }

    @Test
    void shouldWriteConfluentsRecordFormatWhenRegisteringAndConfiguring() {
        // given
        int id;
        try (EmbeddedSchemaRegistry registry = started()) {
            RegistryHttp http = new RegistryHttp(registry.url());

            // when
            id = http.registerId("format-value", declaration());
            http.put("/config/format-value", "{\"compatibility\":\"FULL_TRANSITIVE\"}");
        }

        // then
        List<ConsumerRecord<String, String>> records = readSchemasTopic();
        ConsumerRecord<String, String> schema = only(records, "{\"keytype\":\"SCHEMA\",\"subject\":\"format-value\",\"version\":1,\"magic\":1}");
        JsonNode value = json(schema.value());
        assertThat(value.fieldNames()).toIterable().containsExactly("subject", "version", "id", "schema", "deleted");
        assertThat(value.get("subject").asText()).isEqualTo("format-value");
        assertThat(value.get("version").asInt()).isEqualTo(1);
        assertThat(value.get("id").asInt()).isEqualTo(id);
        assertThat(value.get("schema").asText()).isEqualTo(declaration().toString());
        assertThat(value.get("deleted").asBoolean()).isFalse();
        assertThat(only(records, "{\"keytype\":\"CONFIG\",\"subject\":\"format-value\",\"magic\":0}").value())
                .isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
        assertThat(only(records, "{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}").value())
                .isEqualTo("{\"compatibilityLevel\":\"BACKWARD_TRANSITIVE\"}");
    }

    private static EmbeddedSchemaRegistry started() {
        EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(broker.bootstrapServers(), "127.0.0.1", 0);
        registry.start();
        return registry;
    }

    private static ConsumerRecord<String, String> only(List<ConsumerRecord<String, String>> records, String key) {
        List<ConsumerRecord<String, String>> matching = records.stream().filter(r -> key.equals(r.key())).toList();
        assertThat(matching).as("records with key %s among %s", key, records.stream().map(ConsumerRecord::key).toList()).hasSize(1);
        return matching.get(0);
    }

    private static List<ConsumerRecord<String, String>> readSchemasTopic() {
        TopicPartition partition = new TopicPartition(TopicCatalogue.SCHEMAS, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }

    private static JsonNode json(String text) {
        try {
            return RegistryHttp.JSON.readTree(text);
        } catch (Exception notJson) {
            throw new AssertionError("not JSON: " + text, notJson);
        }
    }
}
