package org.sharebus.seeds.replay;

import java.io.UncheckedIOException;
import java.util.Arrays;
import org.sharebus.registry.RestSchemaRegistryClient;
import org.sharebus.seeds.generate.SeedGenerator;

/**
 * The load tool: generates the synthetic Hangzhou and publishes it straight to Kafka or through
 * the gateway, with a progress bar on stderr and a summary (sent, acknowledged, refused, p50/p99
 * acknowledgement time) on stdout. {@code ./sharebus-seed --help} lists the options.
 */
public final class ReplayCommand {

    private ReplayCommand() {
    }

    public static void main(String[] args) {
        // Kafka's clients log every setting at INFO; the tool shows warnings only, unless told otherwise.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "org/sharebus/seeds/replay/logback-replay.xml");
        }
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(ReplayOptions.USAGE);
            return 0;
        }
        ReplayOptions options;
        try {
            options = ReplayOptions.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println("sharebus-seed: " + e.getMessage());
            System.err.print(ReplayOptions.USAGE);
            return 2;
        }
        SeedGenerator generator = new SeedGenerator(options.parameters());
        Replay replay = new Replay(generator, options.eventsPerSecond());
        ReplayStats stats = new ReplayStats();
        Target target;
        try {
            target = target(options, stats);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("sharebus-seed: " + e.getMessage());
            return 2;
        }
        System.err.printf("Publishing %,d enterprises (seed %d) to %s%n", options.enterprises(), options.seed(), describe(options));
        try (target) {
            replay.run(target, stats, new ProgressBar(System.err, options.enterprises(), System.console() != null));
        } catch (RuntimeException e) {
            // E.g. the broker or registry cannot be reached: say so, with what was done up to then.
            System.err.println();
            System.err.println("sharebus-seed: stopped: " + e);
            System.out.print(stats.summary());
            return 1;
        }
        System.out.print(stats.summary());
        return stats.refused() + stats.failed() == 0 && stats.acknowledged() == stats.sent() ? 0 : 1;
    }

    private static Target target(ReplayOptions options, ReplayStats stats) {
        return switch (options.target()) {
            case KAFKA -> new KafkaTarget(KafkaTarget.config(options.bootstrapServers()),
                    new RestSchemaRegistryClient(options.registryUrl()), stats);
            case GATEWAY -> new GatewayTarget(options.gatewayUrl(), GatewayTarget.readKeys(options.apiKeysFile()), options.batchSize(), stats);
        };
    }

    private static String describe(ReplayOptions options) {
        return switch (options.target()) {
            case KAFKA -> "Kafka at " + options.bootstrapServers() + " (registry " + options.registryUrl() + ")";
            case GATEWAY -> "the gateway at " + options.gatewayUrl();
        };
    }
}
