package org.sharebus.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What every deployable needs to stand on the bus. External services are named by Spring's own
 * properties ({@code spring.kafka.bootstrap-servers}, {@code spring.datasource.url}) and by
 * {@code sharebus.registry.url}; each one left unset is started in-process (the embedded default).
 *
 * <p>Each nested setting carries its default itself ({@link DefaultValue}): setting one of them,
 * e.g. {@code sharebus.topics.department-partitions}, leaves the others at their defaults rather
 * than at Java's zero (a replication factor of 0, capped up to 1).
 *
 * @param dataDir  where the embedded broker, registry and database keep their data; unset means a
 *                 temporary directory, removed at shutdown
 * @param embedded the embedded default
 * @param registry the schema registry
 * @param topics   topic creation from the catalogue
 */
@ConfigurationProperties("sharebus")
public record PlatformProperties(Path dataDir, Embedded embedded, Registry registry, Topics topics) {

    public PlatformProperties {
        embedded = embedded == null ? new Embedded(true, 9092, 8081, 0) : embedded;
        registry = registry == null ? new Registry(null) : registry;
        topics = topics == null ? new Topics(true, 12, 3) : topics;
    }

    /**
     * @param enabled      false starts nothing in-process, whatever is unset
     * @param kafkaPort    preferred broker port; any free port where it is taken; 0 for any
     * @param registryPort preferred registry port, likewise
     * @param postgresPort preferred PostgreSQL port, likewise (default any)
     */
    public record Embedded(@DefaultValue("true") boolean enabled, @DefaultValue("9092") int kafkaPort,
                           @DefaultValue("8081") int registryPort, int postgresPort) {
    }

    /** @param url a Confluent-API schema registry, e.g. http://registry:8081; unset starts the embedded one */
    public record Registry(String url) {
    }

    /**
     * @param create               create the catalogue's topics at start-up
     * @param departmentPartitions partitions of the department topics and the topics keyed like them
     * @param replicationFactor    wanted replication factor; capped at the number of brokers
     */
    public record Topics(@DefaultValue("true") boolean create, @DefaultValue("12") int departmentPartitions,
                         @DefaultValue("3") int replicationFactor) {
    }
}
