package org.sharebus.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.sharebus.event.common.Department;
import org.sharebus.consumers.api.ApiKeys;
import org.sharebus.consumers.web.StaffDirectory;
import org.sharebus.gateway.auth.DepartmentKeys;
import org.sharebus.platform.kafka.EmbeddedKafkaBroker;
import org.sharebus.platform.registry.EmbeddedSchemaRegistry;
import org.sharebus.seeds.load.SeedLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/** Tells a new user, once everything is up, where each part of the bus answers. */
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);
    /** The departments with staff and keys of their own (SAFE publishes through the credit office). */
    private static final List<Department> DEPARTMENTS = List.of(Department.MARKET, Department.CUSTOMS, Department.COMMERCE,
            Department.CREDIT, Department.TAX);

    private final Environment environment;
    private final KafkaConnectionDetails kafka;
    private final ObjectProvider<EmbeddedKafkaBroker> embeddedBroker;
    private final ObjectProvider<EmbeddedSchemaRegistry> embeddedRegistry;
    private final ObjectProvider<DataSource> dataSource;
    private final ObjectProvider<DepartmentKeys> departmentKeys;
    private final ObjectProvider<ApiKeys> apiKeys;
    private final ObjectProvider<SeedLoader> seedLoader;
    private final ObjectProvider<StaffDirectory> staffDirectory;

    StartupReport(Environment environment, KafkaConnectionDetails kafka, ObjectProvider<EmbeddedKafkaBroker> embeddedBroker,
                  ObjectProvider<EmbeddedSchemaRegistry> embeddedRegistry, ObjectProvider<DataSource> dataSource,
                  ObjectProvider<DepartmentKeys> departmentKeys, ObjectProvider<SeedLoader> seedLoader,
                  ObjectProvider<StaffDirectory> staffDirectory, ObjectProvider<ApiKeys> apiKeys) {
        this.environment = environment;
        this.kafka = kafka;
        this.embeddedBroker = embeddedBroker;
        this.embeddedRegistry = embeddedRegistry;
        this.dataSource = dataSource;
        this.departmentKeys = departmentKeys;
        this.seedLoader = seedLoader;
        this.staffDirectory = staffDirectory;
        this.apiKeys = apiKeys;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        String web = "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080");
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("sharebus is ready (" + Duration.ofMillis(event.getTimeTaken().toMillis()).toMillis() / 1000.0 + " s)");
        StaffDirectory staff = staffDirectory.getIfAvailable();
        lines.add("  Staff pages      " + web + "/staff/enterprises   (notices: /staff/notices, inspections: /staff/inspections)");
        if (staff != null && staff.usingDemoUsers()) {
            lines.add("                   demo logins: " + String.join(", ", DEPARTMENTS.stream()
                    .map(d -> StaffDirectory.demoUsername(d) + " / " + StaffDirectory.demoPassword(d)).toList()));
        }
        lines.add("  Public page      " + web + "/public/results   (published inspection results, no login)");
        lines.add("  Kafka            " + String.join(",", kafka.getBootstrapServers())
                + (embeddedBroker.getIfAvailable() != null ? "   (in-process KRaft broker)" : ""));
        EmbeddedSchemaRegistry registry = embeddedRegistry.getIfAvailable();
        lines.add("  Schema registry  " + (registry != null ? registry.url() + "   (in-process, Confluent API)"
                : environment.getProperty("sharebus.registry.url")));
        DepartmentKeys keys = departmentKeys.getIfAvailable();
        lines.add("  APIs (OpenAPI)   " + web + "/swagger-ui.html   (gateway, profiles, search, notices, public results)");
        if (keys != null && keys.usingDemoKeys()) {
            lines.add("                   demo keys: " + String.join(", ", DEPARTMENTS.stream().map(DepartmentKeys::demoKey).toList()));
            ApiKeys api = apiKeys.getIfAvailable();
            if (api != null && api.usingDemoKeys()) {
                lines.add("                   (the same keys read profiles, search and notices: /api/v1/enterprises, /api/v1/notices)");
            }
        }
        lines.add("  Topic catalogue  " + web + "/api/v1/topics");
        lines.add("  Health           " + web + "/actuator/health");
        lines.add("  Prometheus       " + web + "/actuator/prometheus");
        DataSource db = dataSource.getIfAvailable();
        if (db != null) {
            lines.add("  PostgreSQL       " + jdbcUrl(db));
        }
        SeedLoader seeds = seedLoader.getIfAvailable();
        lines.add("  Seed data        " + (seeds != null ? seeds.describe()
                : embeddedBroker.getIfAvailable() == null && environment.getProperty("sharebus.seeds.load") == null
                        ? "off: Kafka is external (--sharebus.seeds.load=true would publish the demo city into it)"
                        : "off (sharebus.seeds.load=false)"));
        lines.add("");
        log.info(String.join(System.lineSeparator(), lines));
    }

    private static String jdbcUrl(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL();
        } catch (Exception e) {
            return "(not reachable: " + e.getMessage() + ")";
        }
    }
}
