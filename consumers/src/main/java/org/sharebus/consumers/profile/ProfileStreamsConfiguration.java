package org.sharebus.consumers.profile;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.sharebus.consumers.notice.NoticeRouter;
import org.sharebus.consumers.rules.Rules;
import org.sharebus.platform.PlatformProperties;
import org.sharebus.platform.topics.TopicsAutoConfiguration;
import org.sharebus.registry.SchemaRegistryException;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.topic.TopicCatalogue;
import org.sharebus.topic.TopicSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.KafkaStreamsCustomizer;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.util.FileSystemUtils;

/**
 * Runs the profile topology in Spring's Kafka Streams (application id {@code sharebus-profile},
 * from {@code spring.kafka.streams.application-id}; the shared defaults give exactly_once_v2).
 *
 * <p>Four settings are derived at start unless given ({@code spring.kafka.streams.properties.*}):
 * {@code application.server} is this instance's web host ({@code sharebus.profile.advertised-host})
 * and port, so another instance can send it a query for a key it owns; the static membership id
 * {@code group.instance.id} is derived from it (a restarted instance rejoins at once instead of
 * waiting for the session timeout, see stack-notes); the state directory is
 * {@code <sharebus.data-dir>/streams}, or a temporary directory removed at shutdown; the internal
 * topics' {@code replication.factor} (and their {@code min.insync.replicas}) is the catalogue
 * topics' ({@code sharebus.topics.replication-factor}, at most the brokers there are). Spring starts
 * Kafka Streams after the web server, so the port is known by then.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
@EnableConfigurationProperties(ProfileSettings.class)
@PropertySource("classpath:sharebus-profile.properties")
class ProfileStreamsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProfileStreamsConfiguration.class);
    private static final Duration REBUILD_TIMEOUT = Duration.ofSeconds(60);

    @Bean
    ProfileMetrics profileMetrics(MeterRegistry registry) {
        return new ProfileMetrics(registry);
    }

    @Bean
    ProfileQueries.ApplicationServer profileApplicationServer() {
        return new ProfileQueries.ApplicationServer();
    }

    @Bean
    StateDirectory profileStateDirectory(PlatformProperties platform) throws IOException {
        if (platform.dataDir() != null) {
            return new StateDirectory(Files.createDirectories(platform.dataDir().resolve("streams")), false);
        }
        return new StateDirectory(Files.createTempDirectory("sharebus-streams-"), true);
    }

    @Bean
    StreamsBuilderFactoryBeanConfigurer profileTopologyConfigurer(TopicCatalogue catalogue, SchemaRegistryClient registry,
                                                                  Rules rules, ProfileSettings settings, ProfileMetrics metrics,
                                                                  NoticeRouter notices,
                                                                  StateDirectory stateDirectory, ApplicationContext context,
                                                                  ProfileQueries.ApplicationServer applicationServer,
                                                                  PlatformProperties platform) {
        ProfileTopology.Parts parts = new ProfileTopology.Parts(catalogue, registry, rules, settings, metrics, notices);
        return factoryBean -> {
            // Stopped after the web server's graceful drain, not before it (spring-kafka's default phase is later than
            // the drain's): requests still being answered at shutdown, forwarded ones from the other instance among
            // them, find the store running instead of a 503. Still started after the web server, whose port it needs.
            factoryBean.setPhase(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1);
            factoryBean.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
                @Override
                public void configureTopology(Topology topology) {
                    ProfileTopology.addTo(topology, parts);
                }
            });
            factoryBean.setKafkaStreamsCustomizer(new KafkaStreamsCustomizer() {
                @Override
                public KafkaStreams initKafkaStreams(Topology topology, Properties properties, KafkaClientSupplier clients) {
                    Properties props = new Properties();
                    props.putAll(properties);
                    // Explicit settings (spring.kafka.streams.properties.*) win over the derived ones.
                    String server = props.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG,
                            settings.advertisedHost() + ":" + webPort(context));
                    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server);
                    applicationServer.hostInfo().set(HostInfo.buildFromEndpoint(server));
                    props.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.path().toString());
                    if (!props.containsKey("group.instance.id") && !props.containsKey(StreamsConfig.consumerPrefix("group.instance.id"))) {
                        props.put(StreamsConfig.consumerPrefix("group.instance.id"),
                                settings.instanceId() != null ? settings.instanceId() : "profile-" + server.replace(':', '-'));
                    }
                    try (Admin admin = Admin.create(props)) {
                        if (!props.containsKey(StreamsConfig.REPLICATION_FACTOR_CONFIG)) {
                            // The changelogs hold the profiles and the seen event ids: replicated as the catalogue's topics are,
                            // not by the broker's default (1 on a stock cluster, where one broker lost means a full replay).
                            int replication = TopicsAutoConfiguration.replication(platform.topics().replicationFactor(),
                                    brokers(admin, props));
                            props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replication);
                            props.putIfAbsent(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
                                    Integer.toString(TopicsAutoConfiguration.minInsyncReplicas(replication)));
                        }
                        refuseOtherPartitionCounts(admin, catalogue);
                        log.info("Profile builder: application.server={}, state.dir={}, internal topics' replication {}", server,
                                props.getProperty(StreamsConfig.STATE_DIR_CONFIG), props.get(StreamsConfig.REPLICATION_FACTOR_CONFIG));
                        ProfileRebuild.beforeStart(admin, props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG), settings.rebuild(),
                                REBUILD_TIMEOUT);
                    }
                    KafkaStreams streams = new KafkaStreams(topology, props, clients);
                    if (settings.rebuild()) {
                        // The local stores would otherwise be restored as they were instead of rebuilt.
                        streams.cleanUp();
                    }
                    return streams;
                }

                @Override
                public void customize(KafkaStreams kafkaStreams) {
                    kafkaStreams.setUncaughtExceptionHandler(ProfileStreamsConfiguration::onUncaught);
                }
            });
        };
    }

    /**
     * An outage that passes (the schema registry, or brokers that did not answer in time) replaces the
     * thread: its transaction is aborted and its records read again by a new thread with a new producer.
     * A broker outage of minutes left the producer unusable ("the previous call to commitTransaction timed
     * out"), and stopping the client there stopped the builder until someone restarted the instance.
     * Anything else (a bug) stops the client: readiness turns DOWN and SharebusKafkaStreamsNotRunning fires.
     */
    static StreamThreadExceptionResponse onUncaught(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException || t instanceof RetriableException || producerLeftUnusable(t)) {
                log.warn("Profile builder thread failed on a passing outage ({}); replacing it", t.getClass().getSimpleName(), e);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
        }
        log.error("Profile builder failed; stopping Kafka Streams", e);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** The transactional producer refuses to go on after a transaction call timed out: a new thread gets a new one. */
    private static boolean producerLeftUnusable(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        return t instanceof IllegalStateException && trace.length > 0 && trace[0].getClassName().startsWith("org.apache.kafka.clients.producer.")
                && String.valueOf(t.getMessage()).contains("timed out");
    }

    private static int webPort(ApplicationContext context) {
        if (context instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            return web.getWebServer().getPort();
        }
        throw new IllegalStateException("the profile builder needs the web server's port for application.server,"
                + " but the application context has no web server");
    }

    @Bean
    Gauge profileStoreSize(MeterRegistry registry, StreamsBuilderFactoryBean factoryBean) {
        return Gauge.builder("sharebus.profile.store.size", factoryBean, ProfileQueries::approximateProfiles)
                .description("Approximate number of profiles in this instance's profile store")
                .register(registry);
    }

    /** Where Kafka Streams keeps its state; a temporary one is removed when the context closes. */
    record StateDirectory(Path path, boolean temporary) implements AutoCloseable {
        @Override
        public void close() {
            if (temporary) {
                try {
                    FileSystemUtils.deleteRecursively(path);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove the temporary state directory " + path, e);
                }
            }
        }
    }

    /**
     * The builder checks each event's partition against murmur2 of its key over the catalogue's count
     * ({@code sharebus.topics.department-partitions}; EventDecoder): department topics made with another
     * count ({@code sharebus.topics.create=false}, where nothing else compares them) would send most events
     * to the dead-letter topics, so the start stops instead, naming them. A topic not there yet is left to
     * the readiness check.
     */
    static void refuseOtherPartitionCounts(Admin admin, TopicCatalogue catalogue) {
        List<String> differing = new ArrayList<>();
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(
                catalogue.departmentTopics().stream().map(TopicSpec::name).toList()).topicNameValues();
        for (TopicSpec spec : catalogue.departmentTopics()) {
            try {
                int partitions = described.get(spec.name()).get(30, TimeUnit.SECONDS).partitions().size();
                if (partitions != spec.partitions()) {
                    differing.add(spec.name() + " has " + partitions);
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot describe " + spec.name() + " to check its partitions: " + e.getCause(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while describing " + spec.name(), e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("cannot describe " + spec.name() + " to check its partitions within 30 s", e);
            }
        }
        if (!differing.isEmpty()) {
            throw new IllegalStateException("department topics with another partition count than sharebus.topics.department-partitions ("
                    + catalogue.departmentTopics().get(0).partitions() + "): " + String.join("; ", differing) + ". Set it to the topics'"
                    + " count: the profile builder dead-letters an event not in the partition its key hashes to among that many");
        }
    }

    private static int brokers(Admin admin, Properties props) {
        try {
            return admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the Kafka cluster at " + props.get("bootstrap.servers")
                    + " for its brokers", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach the Kafka cluster at " + props.get("bootstrap.servers")
                    + " to size the profile builder's internal topics", e);
        }
    }
}
