package org.sharebus.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.sharebus.event.common.Department;
import org.sharebus.topic.TopicCatalogue;
import org.sharebus.topic.TopicSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each department last published, for silence detection: the newest record timestamp of its
 * topic, asked of the broker ({@code OffsetSpec.maxTimestamp()}) rather than counted by the gateway,
 * so events published straight to Kafka count too and the value is right from the first scrape after
 * a restart. Next to it, how long the department may be silent ({@code sharebus.silence}).
 *
 * <p>A scrape asks the broker at most every {@link #REFRESH}; when the broker cannot be asked the
 * last known values stay (a broker outage has alerts of its own). A department that has never
 * published has no timestamp (NaN), so it is not reported silent.
 */
public class DepartmentActivity implements MeterBinder, AutoCloseable {

    static final Duration REFRESH = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(DepartmentActivity.class);

    private final Admin admin;
    private final TopicCatalogue catalogue;
    private final SilenceProperties silence;
    private final Clock clock;
    private volatile Map<Department, Double> lastEventSeconds = Map.of();
    private volatile long refreshedAtMillis; // 0: the first read asks the broker

    public DepartmentActivity(Admin admin, TopicCatalogue catalogue, SilenceProperties silence, Clock clock) {
        this.admin = admin;
        this.catalogue = catalogue;
        this.silence = silence;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Department department : TopicCatalogue.publishingDepartments()) {
            Gauge.builder("sharebus.department.last.event.timestamp", this, a -> a.lastEventSeconds(department))
                    .description("Time of the newest record on the department's topic, seconds since the epoch")
                    .baseUnit("seconds").tag("department", department.name()).register(registry);
            Gauge.builder("sharebus.department.silence.threshold", silence, s -> s.thresholdOf(department).toSeconds())
                    .description("How long the department may publish nothing before it is reported silent (sharebus.silence)")
                    .baseUnit("seconds").tag("department", department.name()).register(registry);
        }
    }

    double lastEventSeconds(Department department) {
        long now = clock.millis();
        if (now - refreshedAtMillis >= REFRESH.toMillis()) {
            refresh();
            refreshedAtMillis = now;
        }
        return lastEventSeconds.getOrDefault(department, Double.NaN);
    }

    private synchronized void refresh() {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        Map<String, Department> departmentOf = new HashMap<>();
        for (Department department : TopicCatalogue.publishingDepartments()) {
            TopicSpec topic = catalogue.department(department);
            departmentOf.put(topic.name(), department);
            for (int p = 0; p < topic.partitions(); p++) {
                request.put(new TopicPartition(topic.name(), p), OffsetSpec.maxTimestamp());
            }
        }
        try {
            Map<TopicPartition, ListOffsetsResultInfo> newest = admin.listOffsets(request).all().get(3, TimeUnit.SECONDS);
            Map<Department, Double> latest = new EnumMap<>(Department.class);
            newest.forEach((partition, info) -> {
                if (info.timestamp() >= 0) {
                    latest.merge(departmentOf.get(partition.topic()), info.timestamp() / 1000.0, Math::max);
                }
            });
            lastEventSeconds = latest;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("Could not ask the broker for the department topics' newest records; keeping the last known times", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
