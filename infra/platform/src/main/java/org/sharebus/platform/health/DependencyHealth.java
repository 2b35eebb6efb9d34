package org.sharebus.platform.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.SmartLifecycle;

/**
 * {@code sharebus_dependency_up{component}}: 1 while a readiness indicator (kafka, schemaRegistry,
 * db, kafkaStreams) answers UP, else 0. A dependency down shows in the readiness probe, which an
 * orchestrator reads but Prometheus does not; requests show it only when there are requests, and on
 * a quiet night there are none. So the indicators are asked on a timer of their own, not at each
 * scrape: each may wait seconds for an answer, and a scrape must not.
 */
public final class DependencyHealth implements MeterBinder, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DependencyHealth.class);
    static final String METER = "sharebus.dependency.up";
    /** The application's own states, not dependencies. */
    private static final Set<String> OWN_STATES = Set.of("readinessState", "livenessState");

    private final ObjectProvider<HealthContributorRegistry> contributors;
    private final ObjectProvider<HealthEndpointGroups> groups;
    private final Duration interval;
    private final Map<String, AtomicInteger> up = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;
    private ScheduledExecutorService timer;

    DependencyHealth(ObjectProvider<HealthContributorRegistry> contributors, ObjectProvider<HealthEndpointGroups> groups, Duration interval) {
        this.contributors = contributors;
        this.groups = groups;
        this.interval = interval;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Asks each dependency of the readiness group once; a gauge appears at its first answer. */
    void sample() {
        HealthContributorRegistry all = contributors.getIfAvailable();
        HealthEndpointGroups endpointGroups = groups.getIfAvailable();
        MeterRegistry meters = registry;
        if (all == null || endpointGroups == null || meters == null) {
            return;
        }
        HealthEndpointGroup readiness = endpointGroups.get("readiness");
        all.stream().filter(entry -> readiness == null || readiness.isMember(entry.name()))
                .filter(entry -> !OWN_STATES.contains(entry.name()) && entry.contributor() instanceof HealthIndicator)
                .forEach(entry -> {
                    int value = isUp((HealthIndicator) entry.contributor(), entry.name()) ? 1 : 0;
                    up.computeIfAbsent(entry.name(), name -> {
                        AtomicInteger state = new AtomicInteger(value);
                        Gauge.builder(METER, state, AtomicInteger::get).tag("component", name)
                                .description("1 while the deployable's readiness check of the component answers UP")
                                .register(meters);
                        return state;
                    }).set(value);
                });
    }

    private static boolean isUp(HealthIndicator indicator, String name) {
        try {
            return Status.UP.equals(indicator.health(false).getStatus());
        } catch (RuntimeException e) {
            log.debug("health indicator {} failed", name, e);
            return false;
        }
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sharebus-dependency-health");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                sample();
            } catch (RuntimeException e) {
                log.warn("could not sample the readiness indicators", e);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
