package org.sharebus.seeds.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharebus.event.common.Department;
import org.sharebus.gateway.GatewayApplication;
import org.sharebus.gateway.auth.DepartmentKeys;
import org.sharebus.seeds.generate.SeedGenerator;
import org.sharebus.seeds.generate.SeedParameters;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Generated data through the real department gateway: every event the generator makes, of every
 * department and type, passes the gateway's validation and authorisation and lands in its topic.
 * This is the contract between the seeds' JSON and the gateway's, tested with both real.
 */
class ReplayThroughGatewayTest {

    private static final int PARTITIONS = 3;
    private static ConfigurableApplicationContext gateway;

    @BeforeAll
    static void startGateway() {
        gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .run("--server.port=0", "--sharebus.embedded.kafka-port=0", "--sharebus.embedded.registry-port=0",
                        "--sharebus.topics.department-partitions=" + PARTITIONS, "--server.shutdown=immediate",
                        "--spring.jmx.enabled=false");
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    private static final java.time.LocalDate AS_OF = java.time.LocalDate.of(2026, 11, 30);

    @Test
    void shouldPublishEveryGeneratedEventWhenReplayingThroughTheGateway(@TempDir Path dir) throws Exception {
        // given a small data set, how many events it holds per topic, and the gateway's demo keys
        // (as of a day given, as the replayer is told below: by default it makes the data set as of today)
        SeedParameters parameters = SeedParameters.asOf(AS_OF).withEnterprises(120).withSeed(7);
        Map<String, Long> expected = new HashMap<>();
        new SeedGenerator(parameters).forEachEvent(event -> expected.merge(event.topic(), 1L, Long::sum));
        Path keys = dir.resolve("keys.properties");
        StringBuilder lines = new StringBuilder();
        for (Department department : TopicCatalogue.publishingDepartments()) {
            lines.append(department).append('=').append(DepartmentKeys.demoKey(department)).append('\n');
        }
        Files.writeString(keys, lines);
        String url = "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port");

        // when the replayer sends it through the gateway's batch API
        int exit = ReplayCommand.run(new String[] {"--target", "gateway", "--gateway-url", url, "--api-keys-file", keys.toString(),
                "--enterprises", "120", "--seed", "7", "--as-of", AS_OF.toString(), "--rate", "max"});

        // then nothing was refused, and each department topic holds exactly its generated events
        assertThat(exit).as("replayer exit status (0: every event acknowledged, none refused)").isZero();
        String bootstrap = String.join(",", gateway.getBean(KafkaConnectionDetails.class).getBootstrapServers());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            for (var entry : expected.entrySet()) {
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    ends.put(new TopicPartition(entry.getKey(), p), OffsetSpec.latest());
                }
                long stored = admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS).values().stream()
                        .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
                assertThat(stored).as(entry.getKey()).isEqualTo(entry.getValue());
            }
        }
    }
}
