package org.sharebus.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Brings meters that other libraries name (Kafka's client metrics, Micrometer's JVM and Tomcat
 * binders) into Prometheus's conventions, so that a scrape passes {@code promtool check metrics}:
 * <ul>
 * <li>a meter measured in a unit other than the base one ({@code io-time-ns-total},
 *     {@code start-time-ms}, JVM compilation time in ms) is dropped: Prometheus wants seconds and
 *     bytes, and a filter can rename a meter but not rescale a library's values, so a renamed one
 *     would lie. Their siblings in base units (rates, ratios, averages in seconds) stay;</li>
 * <li>gauges that end in {@code count} lose the suffix Prometheus keeps for histograms and
 *     summaries ({@code connection.count} → {@code connections});</li>
 * <li>a meter without a description gets one, since Prometheus shows it as the help text.</li>
 * </ul>
 * sharebus's own meters already follow the conventions and pass through unchanged.
 */
public class PrometheusConventions implements MeterFilter {

    /** Units that are not Prometheus's base units, as name segments or as a meter's base unit. */
    private static final Set<String> NON_BASE_UNITS = Set.of(
            "ns", "us", "ms", "nanoseconds", "microseconds", "milliseconds", "kb", "mb", "gb", "kilobytes", "megabytes", "gigabytes");

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        boolean nonBaseUnit = (id.getBaseUnit() != null && NON_BASE_UNITS.contains(id.getBaseUnit().toLowerCase(Locale.ROOT)))
                || Arrays.stream(id.getName().split("\\.")).anyMatch(NON_BASE_UNITS::contains);
        return nonBaseUnit ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String name = conventionalName(id.getName(), id.getType());
        String description = id.getDescription();
        if (description == null || description.isBlank()) {
            description = name.replace('.', ' ') + " (no description given by the library that registers it)";
        }
        if (name.equals(id.getName()) && description.equals(id.getDescription())) {
            return id;
        }
        return new Meter.Id(name, Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
    }

    static String conventionalName(String name, Meter.Type type) {
        String renamed = name.endsWith(".sec") ? name.substring(0, name.length() - 4) + ".seconds" : name;
        boolean countSuffixReserved = type != Meter.Type.TIMER && type != Meter.Type.DISTRIBUTION_SUMMARY
                && type != Meter.Type.LONG_TASK_TIMER;
        if (countSuffixReserved && renamed.endsWith(".count")) {
            String stem = renamed.substring(0, renamed.length() - ".count".length());
            renamed = stem.endsWith("connection") || stem.endsWith("cpu") ? stem + "s" : stem + ".number";
        }
        return renamed;
    }
}
