package org.sharebus.consumers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.sharebus.platform.kafka.EmbeddedKafkaBroker;
import org.sharebus.platform.registry.EmbeddedSchemaRegistry;
import org.sharebus.registry.RestSchemaRegistryClient;
import org.sharebus.registry.SchemaRegistryClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A broker, a schema registry and PostgreSQL in-process, outside any Spring context, for tests that
 * start and stop the consumers application themselves (two instances, a restart with a flag).
 */
public final class InProcessServices implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;
    private final EmbeddedPostgres postgres;

    private InProcessServices(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, EmbeddedPostgres postgres) {
        this.broker = broker;
        this.registry = registry;
        this.postgres = postgres;
    }

    public static InProcessServices start() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startOnAnyPort();
        EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(broker.bootstrapServers(), "127.0.0.1", 0);
        registry.start();
        return new InProcessServices(broker, registry, EmbeddedPostgres.builder().start());
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public SchemaRegistryClient registryClient() {
        return new RestSchemaRegistryClient(URI.create(registry.url()));
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    /**
     * Starts the consumers application on these services with {@code partitions} per department
     * topic; {@code more} arguments after. As arguments: application.yml's server.port outranks a
     * builder's default properties.
     */
    public ConfigurableApplicationContext startConsumers(int partitions, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.shutdown=immediate",
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--sharebus.registry.url=" + registry.url(),
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--sharebus.topics.department-partitions=" + partitions,
                "--sharebus.topics.replication-factor=1",
                "--sharebus.profile.advertised-host=127.0.0.1"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(ConsumersApplication.class).run(args.toArray(String[]::new));
    }

    @Override
    public void close() throws Exception {
        postgres.close();
        registry.close();
        broker.close();
    }
}
