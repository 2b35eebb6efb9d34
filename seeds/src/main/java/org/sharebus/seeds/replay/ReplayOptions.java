package org.sharebus.seeds.replay;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sharebus.seeds.generate.SeedParameters;

/**
 * The replay command's options, {@code --name value} or {@code --name=value}.
 *
 * @param asOf            the day the data set is made as of: its window ends on the first day of that day's month
 *                        ({@link SeedParameters#asOf}); today in Hangzhou unless {@code --as-of} says
 * @param eventsPerSecond 0 for {@code --rate max}
 */
public record ReplayOptions(int enterprises, long seed, LocalDate asOf, TargetKind target, String bootstrapServers, URI registryUrl,
                            URI gatewayUrl, Path apiKeysFile, double eventsPerSecond, int batchSize) {

    public enum TargetKind { KAFKA, GATEWAY }

    static final String USAGE = """
            Usage: sharebus-seed [options]
              Generates the synthetic Hangzhou data set and publishes it.
              --enterprises N           enterprises to generate (default 20000; up to 2000000)
              --seed S                  the data set's seed (default %d); the same seed and day give the same events
              --as-of YYYY-MM-DD        the two years of events end on the first day of this day's month (default today)
              --target kafka|gateway    publish straight to Kafka (default) or through the gateway's batch API
              --bootstrap-servers H:P   Kafka (default localhost:9092)
              --registry-url URL        Confluent-API schema registry (default http://localhost:8081)
              --gateway-url URL         the gateway (default http://localhost:8080)
              --api-keys-file FILE      gateway keys, one line per department: MARKET=…, CUSTOMS=…, COMMERCE=…, CREDIT=…, TAX=…
              --rate N|max              events per second, or max for as fast as the target takes them (default max)
              --batch-size N            events per gateway batch, 1 to 1000 (default 500)
            Exit status: 0 when every event was acknowledged, 1 when some were refused or failed, 2 on bad options.
            """.formatted(SeedParameters.DEFAULT_SEED);

    private static final Set<String> NAMES = Set.of("enterprises", "seed", "as-of", "target", "bootstrap-servers", "registry-url",
            "gateway-url", "api-keys-file", "rate", "batch-size");

    public static ReplayOptions parse(List<String> args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'; options start with --");
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + NAMES.stream().sorted().map(n -> "--" + n).toList());
            }
            values.put(name, value);
        }
        int enterprises = integer(values, "enterprises", SeedParameters.DEFAULT_ENTERPRISES);
        if (enterprises < 1) {
            throw new IllegalArgumentException("--enterprises must be at least 1, got " + enterprises);
        }
        TargetKind target = switch (values.getOrDefault("target", "kafka").toLowerCase()) {
            case "kafka" -> TargetKind.KAFKA;
            case "gateway" -> TargetKind.GATEWAY;
            default -> throw new IllegalArgumentException("--target must be kafka or gateway, got '" + values.get("target") + "'");
        };
        String rate = values.getOrDefault("rate", "max");
        double eventsPerSecond;
        if (rate.equalsIgnoreCase("max")) {
            eventsPerSecond = 0;
        } else {
            try {
                eventsPerSecond = Double.parseDouble(rate);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--rate must be a number of events per second or max, got '" + rate + "'", e);
            }
            if (eventsPerSecond <= 0) {
                throw new IllegalArgumentException("--rate must be more than 0 (or max), got " + rate);
            }
        }
        Path keys = values.containsKey("api-keys-file") ? Path.of(values.get("api-keys-file")) : null;
        if (target == TargetKind.GATEWAY && keys == null) {
            throw new IllegalArgumentException("--target gateway needs --api-keys-file with a key per department");
        }
        LocalDate asOf;
        try {
            asOf = values.containsKey("as-of") ? LocalDate.parse(values.get("as-of")) : LocalDate.now(ZoneId.of("Asia/Shanghai"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--as-of must be a day as YYYY-MM-DD, got '" + values.get("as-of") + "'", e);
        }
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        if (asOf.isAfter(today)) {
            // Its events would be dated after today: the gateway refuses every one (not-future), a topic would hold them.
            throw new IllegalArgumentException("--as-of " + asOf + " is after today (" + today + " in Hangzhou): the data set"
                    + " would hold events from the future; give today or an earlier day");
        }
        return new ReplayOptions(enterprises, longValue(values, "seed", SeedParameters.DEFAULT_SEED), asOf, target,
                values.getOrDefault("bootstrap-servers", "localhost:9092"),
                URI.create(values.getOrDefault("registry-url", "http://localhost:8081")),
                URI.create(values.getOrDefault("gateway-url", "http://localhost:8080")),
                keys, eventsPerSecond, integer(values, "batch-size", 500));
    }

    public SeedParameters parameters() {
        return SeedParameters.asOf(asOf).withSeed(seed).withEnterprises(enterprises);
    }

    private static int integer(Map<String, String> values, String name, int fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + value + "'", e);
        }
    }

    private static long longValue(Map<String, String> values, String name, long fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + value + "'", e);
        }
    }
}
