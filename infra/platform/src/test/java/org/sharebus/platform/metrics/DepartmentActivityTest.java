package org.sharebus.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.sharebus.event.common.Department;
import org.sharebus.platform.kafka.EmbeddedKafkaBroker;
import org.sharebus.topic.TopicCatalogue;

class DepartmentActivityTest {

    @Test
    void shouldReportTheNewestRecordTimePerDepartmentAndItsAllowedSilence() throws Exception {
        TopicCatalogue catalogue = TopicCatalogue.withDepartmentPartitions(2);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startOnAnyPort();
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            // given customs' topic with records published at two times (the newest on another partition), and an empty market topic
            admin.createTopics(catalogue.departmentTopics().stream().map(t -> new NewTopic(t.name(), t.partitions(), (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
            Instant older = Instant.parse("2026-11-20T08:00:00Z");
            Instant newer = Instant.parse("2026-11-25T09:30:00Z");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("customs.events.v1", 0, older.toEpochMilli(), "91330109J6H9752474", "a")).get();
                producer.send(new ProducerRecord<>("customs.events.v1", 1, newer.toEpochMilli(), "91350100M000100Y43", "b")).get();
            }
            SilenceProperties silence = new SilenceProperties(Duration.ofHours(24), Map.of(Department.COMMERCE, Duration.ofDays(7)));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();

            // when the gauges are read
            try (DepartmentActivity activity = new DepartmentActivity(Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers())),
                    catalogue, silence, Clock.systemUTC())) {
                activity.bindTo(registry);

                // then customs shows its newest record, market (never published) shows none, and thresholds are the configured ones
                assertThat(registry.get("sharebus.department.last.event.timestamp").tag("department", "CUSTOMS").gauge().value())
                        .isEqualTo(newer.getEpochSecond());
                assertThat(registry.get("sharebus.department.last.event.timestamp").tag("department", "MARKET").gauge().value()).isNaN();
                assertThat(registry.get("sharebus.department.silence.threshold").tag("department", "COMMERCE").gauge().value())
                        .isEqualTo(Duration.ofDays(7).toSeconds());
                assertThat(registry.get("sharebus.department.silence.threshold").tag("department", "TAX").gauge().value())
                        .isEqualTo(Duration.ofHours(24).toSeconds());
            }
        }
    }
}
