package org.sharebus.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * infra/compose/docker-compose.yml cannot run here (no Docker engine), so its structure is checked:
 * what one service names (another service, a file, a volume, a port, a scrape target) exists.
 */
class ComposeFileTest {

    private static final Path COMPOSE_DIR = Path.of("..", "compose").toAbsolutePath().normalize();
    private static final Path REPO = Path.of("..", "..").toAbsolutePath().normalize();

    private final Map<String, Object> compose = yaml(COMPOSE_DIR.resolve("docker-compose.yml"));
    private final Map<String, Map<String, Object>> services = section(compose, "services");

    @Test
    void shouldDescribeTheWholeLayoutWhenRead() {
        assertThat(services.keySet()).contains("kafka-1", "kafka-2", "kafka-3", "kafka-init", "registry", "postgres",
                "gateway", "consumers-1", "consumers-2", "prometheus", "alertmanager", "grafana");
        assertThat(services).allSatisfy((name, service) -> assertThat(service).as(name).containsKey("image"));
    }

    @Test
    void shouldRunTheConsumersWithTheCollectorTheProfileBenchmarkMeasuresAsDeployed() {
        // ProfileReplayBenchmark's --child-gc defaults to ZGC and --child-heap to 1g, "as deployed": they move together (docs/benchmarks.md)
        for (String name : List.of("consumers-1", "consumers-2")) {
            assertThat(list(services.get(name).get("command"))).as(name + " command").map(Object::toString)
                    .startsWith("java", "-XX:+UseZGC", "-Xmx1g");
        }
    }

    @Test
    void shouldNameOnlyExistingServicesWhenServicesDependOnEachOther() {
        services.forEach((name, service) -> assertThat(dependsOn(service)).as(name + " depends_on").isSubsetOf(services.keySet()));
    }

    @Test
    void shouldMountOnlyFilesThatExistAndVolumesThatAreDeclaredWhenServicesMountThem() {
        Set<String> declared = section(compose, "volumes").keySet();
        services.forEach((name, service) -> {
            for (Object entry : list(service.get("volumes"))) {
                String source = entry.toString().split(":")[0];
                if (source.startsWith(".")) {
                    Path path = COMPOSE_DIR.resolve(source).normalize();
                    if (path.toString().contains("/target/")) {
                        // a deployable's jar, built by `mvn package`: its module must exist and repackage it as the
                        // executable jar mounted (`java -jar` on the plain jar answers "no main manifest attribute")
                        Path module = path.getParent().getParent();
                        assertThat(module.resolve("pom.xml")).as(name + " mounts a jar of " + module).exists();
                        assertThat(path.getFileName().toString()).as(name + " mounts an executable jar").endsWith("-exec.jar");
                        assertThat(read(module.resolve("pom.xml"))).as(module + " repackages an executable jar")
                                .contains("<artifactId>spring-boot-maven-plugin</artifactId>").contains("<classifier>exec</classifier>");
                    } else {
                        assertThat(path).as(name + " mounts " + source).exists();
                    }
                } else if (source.startsWith("${")) {
                    // a host file the operator names in .env (the inspector pool): .env.example must say so
                    String variable = source.substring(2);
                    assertThat(read(COMPOSE_DIR.resolve(".env.example"))).as(name + " mounts the file " + variable + " names")
                            .contains("\n" + variable + "=");
                } else {
                    assertThat(declared).as(name + " mounts the named volume " + source).contains(source);
                }
            }
        });
    }

    @Test
    void shouldPublishEachHostPortOnceWhenServicesPublishPorts() {
        List<String> hostPorts = new ArrayList<>();
        services.values().forEach(service -> list(service.get("ports")).forEach(p -> hostPorts.add(p.toString().split(":")[0])));
        assertThat(hostPorts).doesNotHaveDuplicates().isNotEmpty();
    }

    @Test
    void shouldPointClientsAtServicesThatExistWhenTheyNameBrokersRegistryAndDatabase() {
        services.forEach((name, service) -> {
            Map<String, Object> env = environment(service);
            hosts(env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).forEach(host -> assertThat(services).as(name + " broker").containsKey(host));
            hosts(env.get("BOOTSTRAP")).forEach(host -> assertThat(services).as(name + " broker").containsKey(host));
            urlHost(env.get("SHAREBUS_REGISTRY_URL")).ifPresent(host -> assertThat(services).as(name + " registry").containsKey(host));
            urlHost(env.get("SPRING_DATASOURCE_URL")).ifPresent(host -> assertThat(services).as(name + " database").containsKey(host));
        });
        assertThat(environment(services.get("gateway")).get("SPRING_KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_PLAINTEXT");
        assertThat(environment(services.get("kafka-1"))).containsEntry("KAFKA_MIN_INSYNC_REPLICAS", 2)
                .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", 3);
    }

    @Test
    void shouldScrapeOnlyServicesThatExistWhenPrometheusRuns() {
        Map<String, Object> prometheus = yaml(COMPOSE_DIR.resolveSibling("prometheus").resolve("prometheus.yml"));
        Set<String> targets = new HashSet<>();
        for (Object job : list(prometheus.get("scrape_configs"))) {
            for (Object staticConfig : list(((Map<?, ?>) job).get("static_configs"))) {
                list(((Map<?, ?>) staticConfig).get("targets")).forEach(t -> targets.add(t.toString().split(":")[0]));
            }
        }
        targets.remove("localhost"); // Prometheus itself
        assertThat(targets).isNotEmpty();
        assertThat(services.keySet()).containsAll(targets);
    }

    @Test
    void shouldGrantEveryDepartmentItsOwnTopicOnlyWhenTheAclsAreSetUp() throws IOException {
        String acls = Files.readString(COMPOSE_DIR.resolve("kafka-acls.sh"), StandardCharsets.UTF_8);
        assertThat(acls).contains("DEPARTMENTS=(customs commerce market credit tax)")
                .contains("acl --allow-principal \"User:$dept\" --operation Write --operation Describe --topic \"$topic\"")
                .contains("--add-config \"SCRAM-SHA-512=")
                // the consumers' start checks existing topics keep their records (TopicsAutoConfiguration.refuseLossyTopics)
                .contains("acl --allow-principal User:consumers --operation Create --operation DescribeConfigs --topic \"$topic\" --topic \"$topic.DLT\"");
        assertThat(REPO.resolve("schemas")).isDirectory();
    }

    private static List<String> dependsOn(Map<String, Object> service) {
        Object value = service.get("depends_on");
        if (value instanceof Map<?, ?> map) {
            return map.keySet().stream().map(Object::toString).toList();
        }
        return list(value).stream().map(Object::toString).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        Object env = service.get("environment");
        return env instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<String> hosts(Object servers) {
        if (servers == null) {
            return List.of();
        }
        return List.of(servers.toString().split(",")).stream().map(s -> s.split(":")[0]).toList();
    }

    private static java.util.Optional<String> urlHost(Object url) {
        if (url == null) {
            return java.util.Optional.empty();
        }
        String rest = url.toString().replaceFirst("^(jdbc:)?[a-z]+://", "");
        return java.util.Optional.of(rest.split("[:/]")[0]);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> section(Map<String, Object> file, String key) {
        Map<String, Map<String, Object>> section = (Map<String, Map<String, Object>>) file.get(key);
        assertThat(section).as(key).isNotNull();
        section.replaceAll((k, v) -> v == null ? Map.of() : v);
        return section;
    }

    private static Map<String, Object> yaml(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Yaml().load(reader);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
