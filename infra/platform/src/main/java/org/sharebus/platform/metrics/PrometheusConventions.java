package org.sharebus.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * <li>a meter without a description gets one, since Prometheus shows it as the help text;</li>
 * <li>a Kafka Streams state store's meters name the store under a key of its kind
 *     ({@code rocksdb.state.id}, {@code in.memory.state.id}, …); Prometheus refuses a meter whose
 *     name another meter has with other tag keys, so one kind's stores lost every meter the other
 *     kind had registered first (Micrometer warns of the first refusal, then logs at debug level).
 *     The key becomes {@code state.id} for every kind (the store's name says which it is). No tag is
 *     added: Micrometer's Kafka binder skips a metric when a meter of its name has more tags than
 *     the metric, which would leave one store per meter name.</li>
 * </ul>
 * sharebus's own meters already follow the conventions and pass through unchanged.
 */
public class PrometheusConventions implements MeterFilter {

    /** Units that are not Prometheus's base units, as name segments or as a meter's base unit. */
    private static final Set<String> NON_BASE_UNITS = Set.of(
            "ns", "us", "ms", "nanoseconds", "microseconds", "milliseconds", "kb", "mb", "gb", "kilobytes", "megabytes", "gigabytes");

    private static final String STATE_STORE_METERS = "kafka.stream.state.";
    private static final String STATE_ID = "state.id";

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
        Tags tags = storeTags(id);
        if (name.equals(id.getName()) && description.equals(id.getDescription()) && tags == null) {
            return id;
        }
        return new Meter.Id(name, tags == null ? Tags.of(id.getTagsAsIterable()) : tags, id.getBaseUnit(), description, id.getType());
    }

    /** A state store meter's tags with its kind's id key made {@code state.id}; null when nothing changes. */
    static Tags storeTags(Meter.Id id) {
        if (!id.getName().startsWith(STATE_STORE_METERS)) {
            return null;
        }
        List<Tag> tags = new ArrayList<>();
        boolean changed = false;
        for (Tag tag : id.getTagsAsIterable()) {
            if (tag.getKey().endsWith("." + STATE_ID)) {
                tags.add(Tag.of(STATE_ID, tag.getValue()));
                changed = true;
            } else {
                tags.add(tag);
            }
        }
        return changed ? Tags.of(tags) : null;
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
