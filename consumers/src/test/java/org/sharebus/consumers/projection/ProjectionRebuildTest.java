package org.sharebus.consumers.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharebus.consumers.InProcessServices;
import org.sharebus.consumers.TestBus;
import org.sharebus.event.EventExamples;
import org.sharebus.event.common.Department;
import org.sharebus.inspection.InspectionEvent;
import org.sharebus.inspection.InspectionResult;
import org.sharebus.inspection.InspectionResultRecorded;
import org.sharebus.inspection.InspectionTaskAssigned;
import org.sharebus.serde.ConfluentAvroSerializer;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code sharebus.projections.rebuild}: the consumers stopped, started again with the flag, and the
 * named read models emptied and filled again from their topics, on a real broker and PostgreSQL;
 * refused while an instance still runs the projections.
 */
class ProjectionRebuildTest {

    private static final String TASK = "MARKET-20261101-0000CC-0001";
    private static final Duration PATIENCE = TestBus.PATIENCE;

    private static InProcessServices services;

    @BeforeAll
    static void startBus() throws Exception {
        services = InProcessServices.start();
    }

    @AfterAll
    static void stopBus() throws Exception {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void shouldEmptyAndRefillTheNamedReadModelsFromTheirTopicsWhenStartedWithTheFlag() throws Exception {
        // given the consumers ran and projected every example enterprise and an inspection task
        JdbcClient jdbc = JdbcClient.create(services.postgres().getPostgresDatabase());
        try (ConfigurableApplicationContext first = start()) {
            TestBus.publish(services.bootstrapServers(), services.registryClient(),
                    EventExamples.all().stream().map(EventExamples.Example::event).toList());
            publishTask();
            await("the read models", () -> count(jdbc, "consumers.enterprise") == 6 && count(jdbc, "consumers.inspection_task") == 1);
        }
        // and then, with the consumers stopped, the read models went wrong: a row no topic holds, a row lost
        jdbc.sql("INSERT INTO consumers.enterprise (uscc, name, region_code, district, entity_type, industry_code, status, risk_class,"
                + " risk_score, event_count, last_occurred_at, profile_updated_at, source_partition, source_offset)"
                + " SELECT '91330100000000000X', '不存在的企业', region_code, district, entity_type, industry_code, status, risk_class,"
                + " risk_score, event_count, last_occurred_at, profile_updated_at, source_partition, source_offset"
                + " FROM consumers.enterprise LIMIT 1").update();
        jdbc.sql("DELETE FROM consumers.inspection_task").update();

        // when they start with search and inspections to rebuild
        try (ConfigurableApplicationContext rebuilt = start("--sharebus.projections.rebuild=search,inspections")) {

            // then both are as their topics say: the stray row gone, the lost one back
            await("the rebuilt read models", () -> count(jdbc, "consumers.enterprise") == 6 && count(jdbc, "consumers.inspection_task") == 1);
            assertThat(jdbc.sql("SELECT count(*) FROM consumers.enterprise WHERE uscc = '91330100000000000X'").query(Long.class).single())
                    .isZero();
            assertThat(jdbc.sql("SELECT task_id FROM consumers.inspection_task").query(String.class).list()).containsExactly(TASK);

            // and a rebuild is refused while an instance runs the projections, naming the group
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", services.bootstrapServers()))) {
                assertThatThrownBy(() -> ProjectionRebuild.rebuild(admin, jdbc, List.of(ProjectionRebuild.ReadModel.SEARCH), Duration.ofSeconds(1)))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("group sharebus-search-projection has members")
                        .hasMessageContaining("stop every consumers instance first");
            }
            assertThat(count(jdbc, "consumers.enterprise")).isEqualTo(6);
        }
    }

    private static ConfigurableApplicationContext start(String... more) {
        return services.startConsumers(2, more);
    }

    private static void publishTask() throws Exception {
        String plan = TASK.substring(0, TASK.lastIndexOf('-'));
        Instant at = Instant.now().minusSeconds(3600);
        ConfluentAvroSerializer<InspectionEvent> serializer = new ConfluentAvroSerializer<>(services.registryClient(), InspectionEvent.class);
        InspectionEvent assigned = InspectionEvent.newBuilder().setEventId(UUID.nameUUIDFromBytes(TASK.getBytes())).setEventType("InspectionTaskAssigned")
                .setPlanId(plan).setDepartment(Department.MARKET).setOccurredAt(at)
                .setPayload(InspectionTaskAssigned.newBuilder().setTaskId(TASK).setUscc(EventExamples.XIXI_DIGITAL.uscc().value())
                        .setEnterpriseName(EventExamples.XIXI_DIGITAL.name()).setRegionCode(EventExamples.XIXI_DIGITAL.regionCode())
                        .setRiskClass("B").setInspectorIds(List.of("33010610001", "33010610002"))
                        .setDueOn(LocalDate.of(2026, 12, 31)).build()).build();
        TestBus.send(services.bootstrapServers(), TopicCatalogue.INSPECTIONS, plan, serializer.serialize(TopicCatalogue.INSPECTIONS, assigned));
    }

    private static long count(JdbcClient jdbc, String table) {
        try {
            return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
        } catch (org.springframework.jdbc.BadSqlGrammarException e) {
            return -1; // not migrated yet
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " not as expected within " + PATIENCE);
            }
            Thread.sleep(200);
        }
    }
}
