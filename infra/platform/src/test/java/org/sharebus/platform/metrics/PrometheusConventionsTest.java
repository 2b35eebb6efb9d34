package org.sharebus.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilterReply;
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
}
