package org.sharebus.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class PrometheusConventionsTest {

    private final PrometheusConventions conventions = new PrometheusConventions();

    @Test
    void shouldDropMetersInNonBaseUnitsWhichARenameCouldNotMakeTrue() {
        assertThat(conventions.accept(id("kafka.producer.io.time.ns.total", null, Meter.Type.COUNTER))).isEqualTo(MeterFilterReply.DENY);
        assertThat(conventions.accept(id("kafka.app.info.start.time.ms", null, Meter.Type.GAUGE))).isEqualTo(MeterFilterReply.DENY);
        assertThat(conventions.accept(id("jvm.compilation.time", "ms", Meter.Type.COUNTER))).isEqualTo(MeterFilterReply.DENY);
        assertThat(conventions.accept(id("kafka.producer.record.send.rate", null, Meter.Type.GAUGE))).isEqualTo(MeterFilterReply.NEUTRAL);
        assertThat(conventions.accept(id("sharebus.profile.latency", "seconds", Meter.Type.TIMER))).isEqualTo(MeterFilterReply.NEUTRAL);
    }

    private static Meter.Id id(String name, String baseUnit, Meter.Type type) {
        return new Meter.Id(name, Tags.empty(), baseUnit, "test", type);
    }

    @Test
    void shouldRenameCountGaugesButKeepTheSuffixOfTimers() {
        assertThat(PrometheusConventions.conventionalName("kafka.admin.client.connection.count", Meter.Type.GAUGE))
                .isEqualTo("kafka.admin.client.connections");
        assertThat(PrometheusConventions.conventionalName("system.cpu.count", Meter.Type.GAUGE)).isEqualTo("system.cpus");
        assertThat(PrometheusConventions.conventionalName("kafka.stream.task.count", Meter.Type.GAUGE))
                .isEqualTo("kafka.stream.task.number");
        assertThat(PrometheusConventions.conventionalName("sharebus.gateway.batch.count", Meter.Type.DISTRIBUTION_SUMMARY))
                .isEqualTo("sharebus.gateway.batch.count");
    }

    @Test
    void shouldLeaveSharebusMetersUnchangedAndDescribeMetersThatHaveNoDescription() {
        Meter.Id ours = new Meter.Id("sharebus.profile.updates", Tags.of("cause", "event"), null, "Profiles updated", Meter.Type.COUNTER);
        assertThat(conventions.map(ours)).isSameAs(ours);

        Meter.Id bare = new Meter.Id("tomcat.sessions.active.max", Tags.empty(), null, null, Meter.Type.GAUGE);
        assertThat(conventions.map(bare).getDescription()).startsWith("tomcat sessions active max");
        assertThat(conventions.map(bare).getName()).isEqualTo("tomcat.sessions.active.max");
    }

    @Test
    void shouldGiveEveryKindOfStateStoreOneIdKeySoThatPrometheusTakesEveryStoresMeters() {
        // Kafka Streams' store metrics as Micrometer's binder reads them: one name, the store's id under a key of its kind
        Map<MetricName, Metric> metrics = new LinkedHashMap<>();
        for (String task : List.of("0_1", "0_2")) {
            metric(metrics, "put-rate", Map.of("thread-id", "t1", "task-id", task, "rocksdb-state-id", "profile-store"), 1.0);
            metric(metrics, "put-rate", Map.of("thread-id", "t1", "task-id", task, "in-memory-state-id", "profile-changed"), 2.0);
        }
        KafkaStreams streams = mock(KafkaStreams.class);
        doReturn(metrics).when(streams).metrics();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(conventions);

        try (KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams)) {
            binder.bindTo(registry);

            // every store of either kind, under one key (no app-info metric here: version unknown)
            assertThat(registry.scrape().lines().filter(line -> line.startsWith("kafka_stream_state_put_rate{")))
                    .containsExactlyInAnyOrder(
                            "kafka_stream_state_put_rate{kafka_version=\"unknown\",state_id=\"profile-store\",task_id=\"0_1\",thread_id=\"t1\"} 1.0",
                            "kafka_stream_state_put_rate{kafka_version=\"unknown\",state_id=\"profile-store\",task_id=\"0_2\",thread_id=\"t1\"} 1.0",
                            "kafka_stream_state_put_rate{kafka_version=\"unknown\",state_id=\"profile-changed\",task_id=\"0_1\",thread_id=\"t1\"} 2.0",
                            "kafka_stream_state_put_rate{kafka_version=\"unknown\",state_id=\"profile-changed\",task_id=\"0_2\",thread_id=\"t1\"} 2.0");
        }
        Meter.Id other = new Meter.Id("kafka.consumer.fetch.rate", Tags.of("client.id", "c"), null, "d", Meter.Type.GAUGE);
        assertThat(conventions.map(other)).isSameAs(other);
    }

    private static void metric(Map<MetricName, Metric> metrics, String name, Map<String, String> tags, double value) {
        MetricName metricName = new MetricName(name, "stream-state-metrics", "", tags);
        metrics.put(metricName, new Metric() {
            @Override
            public MetricName metricName() {
                return metricName;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }
}
