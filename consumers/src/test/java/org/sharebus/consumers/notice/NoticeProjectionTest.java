package org.sharebus.consumers.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.sharebus.consumers.ConsumersApplication;
import org.sharebus.consumers.notice.Notice.NoticeStatus;
import org.sharebus.event.EventExamples;
import org.sharebus.event.common.Department;
import org.sharebus.notice.NoticeClosed;
import org.sharebus.notice.NoticeEvent;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroDeserializer;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The notice read model on the real (embedded) PostgreSQL: the lifecycle, idempotency, records
 * read out of order, and staff actions that go to the topic before they are shown. Same
 * configuration as the other notice tests, so they share one application context ({@link NoticeRecords#OWN_CONTEXT}).
 * Each test uses notices of its own (random ids).
 */
@SpringBootTest(classes = ConsumersApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sharebus.embedded.kafka-port=0", "sharebus.embedded.registry-port=0", "sharebus.topics.department-partitions=2",
        "sharebus.profile.advertised-host=127.0.0.1", "server.shutdown=immediate", NoticeRecords.OWN_CONTEXT})
class NoticeProjectionTest {

    private static final String USCC = EventExamples.XIXI_DIGITAL.uscc().value();
    private static final Instant RAISED = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    NoticeInbox inbox;
    @Autowired
    NoticeActions actions;
    @Autowired
    KafkaConnectionDetails kafka;
    @Autowired
    SchemaRegistryClient registry;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void shouldGoFromOpenToAcknowledgedToClosedWhenActionsAreApplied() {
        // given
        UUID id = UUID.randomUUID();
        inbox.apply(NoticeRecords.raised(id, USCC, Department.COMMERCE, RAISED, LocalDate.now().plusDays(15)));
        assertThat(inbox.find(id)).hasValueSatisfying(n -> assertThat(n.status()).isEqualTo(NoticeStatus.OPEN));

        // when
        inbox.apply(NoticeRecords.acknowledged(id, USCC, "commerce-staff", RAISED.plusSeconds(60)));
        Notice acknowledged = inbox.find(id).orElseThrow();
        inbox.apply(NoticeRecords.closed(id, USCC, "commerce-staff", RAISED.plusSeconds(120), "已核实，企业仍在报送"));
        Notice closed = inbox.find(id).orElseThrow();

        // then
        assertThat(acknowledged.status()).isEqualTo(NoticeStatus.ACKNOWLEDGED);
        assertThat(acknowledged.acknowledgedBy()).isEqualTo("commerce-staff");
        assertThat(acknowledged.acknowledgeRemark()).isEqualTo("已转办");
        assertThat(closed.status()).isEqualTo(NoticeStatus.CLOSED);
        assertThat(closed.closedAt()).isEqualTo(RAISED.plusSeconds(120));
        assertThat(closed.outcome()).isEqualTo("已核实，企业仍在报送");
        assertThat(closed.acknowledgedAt()).isEqualTo(RAISED.plusSeconds(60));
        assertThat(closed.summaryZh()).isEqualTo("杭州测试通报有限公司被税务机关认定为非正常户（走逃）");
    }

    @Test
    void shouldChangeNothingWhenTheSameRecordsAreAppliedAgain() {
        // given
        UUID id = UUID.randomUUID();
        NoticeEvent raised = NoticeRecords.raised(id, USCC, Department.COMMERCE, RAISED, LocalDate.now().plusDays(15));
        NoticeEvent closed = NoticeRecords.closed(id, USCC, "commerce-staff", RAISED.plusSeconds(30), "已处理");
        assertThat(inbox.apply(raised)).isTrue();
        assertThat(inbox.apply(closed)).isTrue();
        Notice before = inbox.find(id).orElseThrow();

        // when the same records come again, and a raise with the same id from a later replay
        boolean again = inbox.apply(raised) | inbox.apply(closed)
                | inbox.apply(NoticeRecords.raised(id, USCC, Department.COMMERCE, RAISED.plusSeconds(3600), LocalDate.now().plusDays(40)));

        // then
        assertThat(again).isFalse();
        assertThat(inbox.find(id)).contains(before);
    }

    @Test
    void shouldEndInTheSameRowWhenRecordsArriveOutOfOrder() {
        // given a close, then the notice, then an earlier acknowledgement
        UUID id = UUID.randomUUID();
        inbox.apply(NoticeRecords.closed(id, USCC, "commerce-staff", RAISED.plusSeconds(120), "已办结"));
        assertThat(inbox.find(id)).as("an action alone is not a notice yet").isEmpty();

        // when
        inbox.apply(NoticeRecords.raised(id, USCC, Department.COMMERCE, RAISED, LocalDate.now().plusDays(15)));
        inbox.apply(NoticeRecords.acknowledged(id, USCC, "commerce-lead", RAISED.plusSeconds(60)));

        // then
        Notice notice = inbox.find(id).orElseThrow();
        assertThat(notice.status()).isEqualTo(NoticeStatus.CLOSED);
        assertThat(notice.acknowledgedBy()).isEqualTo("commerce-lead");
        assertThat(notice.acknowledgedAt()).isEqualTo(RAISED.plusSeconds(60));
        assertThat(notice.closedBy()).isEqualTo("commerce-staff");
        assertThat(notice.targetDepartment()).isEqualTo(Department.COMMERCE);
    }

    @Test
    void shouldNotSayTheDepartmentSignedForANoticeTheBusClosedWhenItsRecordWasRepaired() {
        // given two open notices, and a third commerce staff acknowledged
        UUID unread = UUID.randomUUID();
        UUID signed = UUID.randomUUID();
        inbox.apply(NoticeRecords.raised(unread, USCC, Department.COMMERCE, RAISED, LocalDate.now().plusDays(15)));
        inbox.apply(NoticeRecords.raised(signed, USCC, Department.COMMERCE, RAISED, LocalDate.now().plusDays(15)));
        inbox.apply(NoticeRecords.acknowledged(signed, USCC, "commerce-staff", RAISED.plusSeconds(60)));

        // when the bus closes both, their record repaired (一处修复、处处修复)
        inbox.apply(NoticeRecords.closed(unread, USCC, NoticeRouter.CLOSED_BY, RAISED.plusSeconds(120), "信用已修复，本通报失效"));
        inbox.apply(NoticeRecords.closed(signed, USCC, NoticeRouter.CLOSED_BY, RAISED.plusSeconds(120), "信用已修复，本通报失效"));

        // then both are closed by the bus; only the one commerce signed for says it was signed for, and by whom
        Notice closedUnread = inbox.find(unread).orElseThrow();
        assertThat(closedUnread.status()).isEqualTo(NoticeStatus.CLOSED);
        assertThat(closedUnread.closedBy()).isEqualTo("sharebus");
        assertThat(closedUnread.acknowledgedBy()).isNull();
        assertThat(closedUnread.acknowledgedAt()).isNull();
        Notice closedSigned = inbox.find(signed).orElseThrow();
        assertThat(closedSigned.status()).isEqualTo(NoticeStatus.CLOSED);
        assertThat(closedSigned.acknowledgedBy()).isEqualTo("commerce-staff");
        assertThat(closedSigned.acknowledgedAt()).isEqualTo(RAISED.plusSeconds(60));
    }

    @Test
    void shouldNotSayTheDepartmentSignedForANoticeTheBusClosedBeforeTheUpgrade() throws Exception {
        // given two notices the bus closed, as the build before projected them: the close acknowledged the unread one
        // "by sharebus"; commerce staff had signed for the other before
        UUID unread = UUID.randomUUID();
        UUID signed = UUID.randomUUID();
        inbox.apply(NoticeRecords.raised(unread, USCC, Department.COMMERCE, RAISED, LocalDate.now().plusDays(15)));
        inbox.apply(NoticeRecords.raised(signed, USCC, Department.COMMERCE, RAISED, LocalDate.now().plusDays(15)));
        inbox.apply(NoticeRecords.acknowledged(signed, USCC, "commerce-staff", RAISED.plusSeconds(60)));
        java.sql.Timestamp closedAt = java.sql.Timestamp.from(RAISED.plusSeconds(120));
        jdbc.sql("""
                        UPDATE consumers.notice SET closed_at = :at, closed_by = 'sharebus', outcome = '信用已修复，本通报失效',
                            acknowledged_at = COALESCE(acknowledged_at, :at), acknowledged_by = COALESCE(acknowledged_by, 'sharebus')
                        WHERE notice_id IN (:ids)""").param("at", closedAt).param("ids", List.of(unread, signed)).update();
        assertThat(inbox.find(unread).orElseThrow().acknowledgedBy()).isEqualTo("sharebus");

        // when the upgrade's migration runs
        String migration = new String(getClass().getResourceAsStream("/db/migration/consumers/V230__notice_bus_close_not_signed.sql")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        jdbc.sql(migration).update();

        // then the inbox no longer says the bus signed for the unread one; the one commerce signed for keeps who and when
        Notice closedUnread = inbox.find(unread).orElseThrow();
        assertThat(closedUnread.status()).isEqualTo(NoticeStatus.CLOSED);
        assertThat(closedUnread.closedBy()).isEqualTo("sharebus");
        assertThat(closedUnread.acknowledgedBy()).isNull();
        assertThat(closedUnread.acknowledgedAt()).isNull();
        Notice closedSigned = inbox.find(signed).orElseThrow();
        assertThat(closedSigned.acknowledgedBy()).isEqualTo("commerce-staff");
        assertThat(closedSigned.acknowledgedAt()).isEqualTo(RAISED.plusSeconds(60));
    }

    @Test
    void shouldMarkOverdueAndCountItWhenDueDayHasPassedUnclosed() {
        // given
        UUID late = UUID.randomUUID();
        UUID lateButClosed = UUID.randomUUID();
        long overdueBefore = inbox.counts().getOrDefault(Department.CREDIT, new NoticeInbox.Counts(0, 0)).overdue();

        // when
        inbox.apply(NoticeRecords.raised(late, USCC, Department.CREDIT, RAISED.minus(30, ChronoUnit.DAYS), LocalDate.now().minusDays(2)));
        inbox.apply(NoticeRecords.raised(lateButClosed, USCC, Department.CREDIT, RAISED.minus(30, ChronoUnit.DAYS), LocalDate.now().minusDays(2)));
        inbox.apply(NoticeRecords.closed(lateButClosed, USCC, "credit-staff", RAISED, "已解除惩戒措施"));

        // then
        assertThat(inbox.find(late).orElseThrow().overdue()).isTrue();
        assertThat(inbox.find(lateButClosed).orElseThrow().overdue()).isFalse();
        assertThat(inbox.counts().get(Department.CREDIT).overdue()).isEqualTo(overdueBefore + 1);
    }

    @Test
    void shouldPublishCloseToTopicAndShowItWhenTargetStaffClosesAnOpenNotice() throws Exception {
        // given
        UUID id = UUID.randomUUID();
        inbox.apply(NoticeRecords.raised(id, USCC, Department.COMMERCE, RAISED, LocalDate.now().plusDays(15)));

        // when
        Notice closed = actions.close(id, new NoticeActions.Actor("commerce-staff", Department.COMMERCE), "  已核查，业务已停止  ");

        // then the answer already shows it closed, and acknowledged by the same close
        assertThat(closed.status()).isEqualTo(NoticeStatus.CLOSED);
        assertThat(closed.outcome()).isEqualTo("已核查，业务已停止");
        assertThat(closed.acknowledgedBy()).isEqualTo("commerce-staff");
        // and the record is on the topic, keyed by the USCC
        ConfluentAvroDeserializer<NoticeEvent> decoder = new ConfluentAvroDeserializer<>(registry, NoticeEvent.class);
        List<ConsumerRecord<byte[], byte[]>> records = NoticeRecords.readUntil(kafka, TopicCatalogue.NOTICES,
                rs -> rs.stream().anyMatch(r -> isAbout(decoder, r, id)));
        NoticeEvent record = records.stream().filter(r -> isAbout(decoder, r, id)).map(r -> decoder.deserialize(TopicCatalogue.NOTICES, r.value()))
                .findFirst().orElseThrow();
        assertThat(record.getPayload()).isInstanceOfSatisfying(NoticeClosed.class, c -> {
            assertThat(c.getClosedBy()).isEqualTo("commerce-staff");
            assertThat(c.getDepartment()).isEqualTo(Department.COMMERCE);
        });
        assertThat(records.stream().filter(r -> isAbout(decoder, r, id)).findFirst().orElseThrow().key())
                .isEqualTo(USCC.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void shouldRefuseWhenStaffOfAnotherDepartmentOrAClosedNoticeOrNoOutcome() {
        // given
        UUID id = UUID.randomUUID();
        inbox.apply(NoticeRecords.raised(id, USCC, Department.COMMERCE, RAISED, LocalDate.now().plusDays(15)));
        NoticeActions.Actor customs = new NoticeActions.Actor("customs-staff", Department.CUSTOMS);
        NoticeActions.Actor commerce = new NoticeActions.Actor("commerce-staff", Department.COMMERCE);

        // then
        assertThatThrownBy(() -> actions.acknowledge(id, customs, null)).isInstanceOfSatisfying(NoticeActions.NoticeActionException.class,
                e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> actions.close(id, commerce, " ")).isInstanceOfSatisfying(NoticeActions.NoticeActionException.class,
                e -> assertThat(e.field()).isEqualTo("outcome"));
        assertThatThrownBy(() -> actions.acknowledge(UUID.randomUUID(), commerce, null))
                .isInstanceOfSatisfying(NoticeActions.NoticeActionException.class, e -> assertThat(e.status()).isEqualTo(404));
        actions.close(id, commerce, "已处理");
        assertThatThrownBy(() -> actions.close(id, commerce, "再次办结")).isInstanceOfSatisfying(NoticeActions.NoticeActionException.class,
                e -> assertThat(e.status()).isEqualTo(409));
        assertThat(inbox.find(id).orElseThrow().outcome()).isEqualTo("已处理");
    }

    @Test
    void shouldAnswerAsDoneNotConflictWhenTheSameStaffMemberSubmitsTheSameActionAgainAfterItWasApplied() {
        // given a notice commerce-staff acknowledged and another one they closed (the first click of a double click)
        UUID acknowledged = UUID.randomUUID();
        UUID closed = UUID.randomUUID();
        inbox.apply(NoticeRecords.raised(acknowledged, USCC, Department.COMMERCE, RAISED, LocalDate.now().plusDays(15)));
        inbox.apply(NoticeRecords.raised(closed, USCC, Department.COMMERCE, RAISED, LocalDate.now().plusDays(15)));
        NoticeActions.Actor commerce = new NoticeActions.Actor("commerce-staff", Department.COMMERCE);
        actions.acknowledge(acknowledged, commerce, "已转办");
        actions.close(closed, commerce, "已核查，业务已停止");

        // when the second click's request comes after the first was answered
        Notice acknowledgedAgain = actions.acknowledge(acknowledged, commerce, " 已转办 ");
        Notice closedAgain = actions.close(closed, commerce, "已核查，业务已停止");

        // then it is answered as done, with what the first click recorded
        assertThat(acknowledgedAgain.status()).isEqualTo(NoticeStatus.ACKNOWLEDGED);
        assertThat(acknowledgedAgain.acknowledgedBy()).isEqualTo("commerce-staff");
        assertThat(closedAgain.status()).isEqualTo(NoticeStatus.CLOSED);
        assertThat(closedAgain.outcome()).isEqualTo("已核查，业务已停止");
        // and another member, or another text, is still told the notice has moved on
        assertThatThrownBy(() -> actions.acknowledge(acknowledged, new NoticeActions.Actor("commerce-lead", Department.COMMERCE), "已转办"))
                .isInstanceOfSatisfying(NoticeActions.NoticeActionException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> actions.close(closed, commerce, "另一结果"))
                .isInstanceOfSatisfying(NoticeActions.NoticeActionException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void shouldCloseOnceAndRefuseTheOthersWhenFourStaffCloseTheSameNoticeAtOnce() throws Exception {
        // given an open notice, and four commerce staff about to close it with different outcomes
        UUID id = UUID.randomUUID();
        inbox.apply(NoticeRecords.raised(id, USCC, Department.COMMERCE, RAISED, LocalDate.now().plusDays(15)));
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService staff = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            NoticeActions.Actor actor = new NoticeActions.Actor("commerce-" + i, Department.COMMERCE);
            String outcome = "办结意见 " + i;
            answers.add(staff.submit(() -> {
                go.await();
                try {
                    return actions.close(id, actor, outcome).outcome();
                } catch (NoticeActions.NoticeActionException e) {
                    return e.status() + " " + e.field();
                }
            }));
        }

        // when they all submit at once (each saw it OPEN)
        go.countDown();
        List<String> got = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<String> answer : answers) {
            got.add(answer.get(30, java.util.concurrent.TimeUnit.SECONDS));
        }
        staff.shutdown();

        // then one closes it, the others are told 409, and the one outcome kept is the one its author was told of
        assertThat(got).filteredOn(a -> a.startsWith("办结意见")).hasSize(1);
        assertThat(got).filteredOn(a -> a.equals("409 status")).hasSize(3);
        assertThat(inbox.find(id).orElseThrow().outcome()).isEqualTo(got.stream().filter(a -> a.startsWith("办结意见")).findFirst().orElseThrow());
    }

    private static boolean isAbout(ConfluentAvroDeserializer<NoticeEvent> decoder, ConsumerRecord<byte[], byte[]> record, UUID id) {
        try {
            NoticeEvent notice = decoder.deserialize(TopicCatalogue.NOTICES, record.value());
            return notice.getNoticeId().equals(id) && notice.getPayload() instanceof NoticeClosed;
        } catch (RuntimeException garbage) {
            // Another test puts an unreadable record on the topic on purpose.
            return false;
        }
    }

    @Test
    void shouldHaveTheActionProducerGiveUpBeforeTheStaffMemberIsToldItFailed() {
        // a send still retried after the answer "failed" (and the claim released) could land after another's action
        int delivery = Integer.parseInt(String.valueOf(actions.producerConfig().get(org.apache.kafka.clients.producer.ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)));
        int request = Integer.parseInt(String.valueOf(actions.producerConfig().get(org.apache.kafka.clients.producer.ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG)));
        assertThat(delivery).isLessThan((int) NoticeActions.SEND_TIMEOUT.toMillis());
        assertThat(request).isLessThan(delivery);
    }

    @Test
    void shouldFindOnlyTheNoticesANewerOneOfTheSameListingReplacesWithTheUpgradeQueryOfTheRunbook() throws Exception {
        // given the query docs/operations.md gives for the SAMR-list notices to close by hand once after the 2026-11-30 upgrade
        String runbook = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "operations.md"));
        String upgrade = runbook.substring(runbook.indexOf("**Once, after upgrading to a version from 2026-11-30 on:**"));
        String query = upgrade.substring(upgrade.indexOf("```sql") + "```sql".length(), upgrade.indexOf("```", upgrade.indexOf("```sql") + 6));
        // and two enterprises' notices: one listed twice on SAMR's list under two numbers, the second listing after the
        // upgrade; the other once, raised before the upgrade after the relay (its number with other brackets) and again after
        String twice = "91330106MA2UPGR001";
        String once = "91330106MA2UPGR002";
        UUID firstListing = UUID.randomUUID();
        UUID secondListing = UUID.randomUUID();
        UUID replaced = UUID.randomUUID();
        UUID replacing = UUID.randomUUID();
        samrNotice(firstListing, twice, "杭西市监列严〔2025〕3号", "2025-09-01T09:00:00Z");
        samrNotice(secondListing, twice, "杭西市监列严〔2026〕9号", "2026-12-10T09:00:00Z");
        samrNotice(replaced, once, "杭西市监列严[2026]第5号", "2026-07-11T09:00:00Z");
        samrNotice(replacing, once, "杭西市监列严〔2026〕5号", "2026-12-10T09:00:00Z");

        // when the operator runs it
        List<UUID> found = jdbc.sql(query).query((rs, row) -> rs.getObject("notice_id", UUID.class)).list();

        // then it finds the notice the newer one of the same listing replaces, not the first listing's, which is still in force
        assertThat(found).contains(replaced).doesNotContain(firstListing, secondListing, replacing);
    }

    private void samrNotice(UUID id, String uscc, String decisionNo, String raisedAt) {
        jdbc.sql("""
                        INSERT INTO consumers.notice (notice_id, uscc, rule_code, target_department, source_department, source_doc_no,
                                                      summary_zh, raised_at)
                        VALUES (?, ?, 'SERIOUS_DISHONESTY_LISTED', 'CUSTOMS', 'MARKET', ?, ?, ?)""")
                .params(id, uscc, decisionNo, "杭州测试有限公司被列入严重失信主体名单（市场监管严重违法失信名单）" + decisionNo,
                        java.sql.Timestamp.from(Instant.parse(raisedAt)))
                .update();
    }
}
