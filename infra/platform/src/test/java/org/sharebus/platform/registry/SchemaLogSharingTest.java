package org.sharebus.platform.registry;

import org.sharebus.platform.kafka.EmbeddedKafkaBroker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sharebus.platform.registry.RegistryFixtures.declaration;
import static org.sharebus.platform.registry.RegistryFixtures.freshRecord;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharebus.topic.TopicCatalogue;

/** The topic shared with other instances and other writers: a follower, a Confluent registry, a stray record. */
class SchemaLogSharingTest {

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
    void shouldServeWhatAnotherInstanceRegistersWhenBothFollowTheTopic() {
        // given
        try (EmbeddedSchemaRegistry writer = started(); EmbeddedSchemaRegistry follower = started()) {
            RegistryHttp toWriter = new RegistryHttp(writer.url());
            RegistryHttp toFollower = new RegistryHttp(follower.url());

            // when
            int id = toWriter.registerId("followed-value", declaration());

            // then: the follower applies the record when its reader reaches it
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(toFollower.get("/subjects/followed-value/versions/latest").status()).isEqualTo(200));
            assertThat(toFollower.get("/subjects/followed-value/versions/latest").json().get("id").asInt()).isEqualTo(id);
            assertThat(toFollower.get("/schemas/ids/" + id).json().get("schema").asText()).isEqualTo(declaration().toString());
        }
    }

    @Test
    void shouldHideSoftDeletedVersionsButKeepTheirIdsWhenAConfluentRegistryWroteThem() throws Exception {
        // given: what a Confluent registry leaves after registering id 500 and soft-deleting it
        String schema = freshRecord("DeletedByConfluent").toString();
        produce("{\"keytype\":\"SCHEMA\",\"subject\":\"deleted-value\",\"version\":1,\"magic\":1}",
                "{\"subject\":\"deleted-value\",\"version\":1,\"id\":500,\"schema\":" + RegistryHttp.JSON.writeValueAsString(schema)
                        + ",\"deleted\":true}");

        // when
        try (EmbeddedSchemaRegistry registry = started()) {
            RegistryHttp http = new RegistryHttp(registry.url());

            // then
            assertThat(http.get("/subjects").json()).extracting(node -> node.asText()).doesNotContain("deleted-value");
            assertThat(http.get("/subjects/deleted-value/versions").errorCode()).isEqualTo(40401);
            assertThat(http.get("/schemas/ids/500").json().get("schema").asText()).isEqualTo(schema);
            assertThat(http.registerId("after-delete-value", freshRecord("NewAfterDelete"))).isGreaterThan(500);
            assertThat(http.registerId("deleted-value", freshRecord("DeletedByConfluent"))).isEqualTo(500);
            assertThat(http.get("/subjects/deleted-value/versions").body()).isEqualTo("[2]");
        }
    }

    @Test
    void shouldSkipARecordItCannotReadAndServeTheRestWhenStarting() throws Exception {
        // given
        int id;
        try (EmbeddedSchemaRegistry registry = started()) {
            id = new RegistryHttp(registry.url()).registerId("beside-stray-value", freshRecord("BesideStray"));
        }
        produce("not json at all", "{\"subject\":\"stray\"}");

        // when
        try (EmbeddedSchemaRegistry registry = started()) {
            RegistryHttp http = new RegistryHttp(registry.url());

            // then
            assertThat(http.get("/subjects/beside-stray-value/versions/1").json().get("id").asInt()).isEqualTo(id);
            assertThat(http.registerId("after-stray-value", freshRecord("AfterStray"))).isGreaterThan(id);
        }
    }

    private static EmbeddedSchemaRegistry started() {
        EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(broker.bootstrapServers(), "127.0.0.1", 0);
        registry.start();
        return registry;
    }

    private static void produce(String key, String value) throws Exception {
        // The registry may not have created the topic yet; the broker then creates it with defaults, so create it first.
        started().close();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(TopicCatalogue.SCHEMAS, key, value)).get(30, TimeUnit.SECONDS);
        }
    }
}
