package org.sharebus.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharebus.platform.Ports;

class EmbeddedKafkaBrokerTest {

    @Test
    void shouldKeepCommittedRecordsAcrossRestartWhenGivenADataDirectory(@TempDir Path dataDir) throws Exception {
        // given a broker with a data directory, and a record written transactionally (exactly-once needs the transaction log)
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, dataDir, Map.of())) {
            createTopic(broker, "survivors");
            try (KafkaProducer<String, String> producer = transactionalProducer(broker)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("survivors", "91330109J6H9752474", "first")).get();
                producer.commitTransaction();
            }
        }
        assertThat(Files.exists(dataDir.resolve("kafka").resolve("meta.properties"))).isTrue();

        // when a new broker starts on the same directory
        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(0, dataDir, Map.of())) {
            // then the record is still there for a read_committed consumer
            assertThat(readAll(restarted, "survivors")).containsExactly("first");
        }
    }

    @Test
    void shouldListenOnAnotherPortWhenThePreferredOneIsTaken() {
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.startOnAnyPort()) {
            assertThat(Ports.isFree(first.port())).isFalse();
            try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(first.port(), null, Map.of())) {
                assertThat(second.port()).isNotEqualTo(first.port());
                assertThat(second.bootstrapServers()).isEqualTo("127.0.0.1:" + second.port());
            }
        }
    }

    private static void createTopic(EmbeddedKafkaBroker broker, String name) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> transactionalProducer(EmbeddedKafkaBroker broker) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "restart-test"),
                new StringSerializer(), new StringSerializer());
    }

    private static List<String> readAll(EmbeddedKafkaBroker broker, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
