package org.sharebus.consumers.notice;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.sharebus.consumers.TestBus;
import org.sharebus.event.common.Department;
import org.sharebus.notice.NoticeAcknowledged;
import org.sharebus.notice.NoticeClosed;
import org.sharebus.notice.NoticeEvent;
import org.sharebus.notice.NoticeRaised;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroSerializer;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;

/** Notice records for tests (one factory per record type) and their way onto and off the topics. */
final class NoticeRecords {

    /**
     * A property the notice tests add to their context's, so that they share one context of their own:
     * the inbox test publishes a penalty beside the examples, which the search and staff-page tests,
     * which count the examples' events and otherwise have the same configuration, must not find.
     */
    static final String OWN_CONTEXT = "sharebus.test.context=notice";

    private NoticeRecords() {
    }

    static NoticeEvent raised(UUID id, String uscc, Department target, Instant raisedAt, LocalDate dueOn) {
        return NoticeEvent.newBuilder().setNoticeId(id).setEventType("NoticeRaised").setUscc(uscc).setOccurredAt(raisedAt)
                .setPayload(NoticeRaised.newBuilder()
                        .setRuleCode("ABNORMAL_TAXPAYER").setTargetDepartment(target).setSourceDepartment(Department.TAX)
                        .setSourceEventId(UUID.randomUUID().toString()).setSourceEventType("AbnormalTaxpayerListed")
                        .setSourcePublishedAt(raisedAt.minusMillis(300)).setEnterpriseName("杭州测试通报有限公司")
                        .setSummaryZh("杭州测试通报有限公司被税务机关认定为非正常户（走逃）")
                        .setSummaryEn("杭州测试通报有限公司: recognised as an abnormal taxpayer (走逃)")
                        .setSuggestedActionZh("市场监管核查登记住所与经营状态").setSuggestedActionEn("Check the registered address")
                        .setRaisedAt(raisedAt).setDueOn(dueOn).setBasis("税务登记管理办法（非正常户认定）")
                        .build())
                .build();
    }

    static NoticeEvent acknowledged(UUID id, String uscc, String by, Instant at) {
        return NoticeEvent.newBuilder().setNoticeId(id).setEventType("NoticeAcknowledged").setUscc(uscc).setOccurredAt(at)
                .setPayload(NoticeAcknowledged.newBuilder().setAcknowledgedBy(by).setDepartment(Department.COMMERCE)
                        .setRemark("已转办").build())
                .build();
    }

    static NoticeEvent closed(UUID id, String uscc, String by, Instant at, String outcome) {
        return NoticeEvent.newBuilder().setNoticeId(id).setEventType("NoticeClosed").setUscc(uscc).setOccurredAt(at)
                .setPayload(NoticeClosed.newBuilder().setClosedBy(by).setDepartment(Department.COMMERCE).setOutcome(outcome).build())
                .build();
    }

    static void publish(KafkaConnectionDetails kafka, SchemaRegistryClient registry, NoticeEvent notice) throws Exception {
        TestBus.send(bootstrap(kafka), TopicCatalogue.NOTICES, notice.getUscc(),
                new ConfluentAvroSerializer<>(registry, NoticeEvent.class).serialize(TopicCatalogue.NOTICES, notice));
    }

    /** Reads a topic from its start (committed records only) until the records satisfy the condition. */
    static List<ConsumerRecord<byte[], byte[]>> readUntil(KafkaConnectionDetails kafka, String topic,
                                                          Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(kafka),
                ConsumerConfig.GROUP_ID_CONFIG, "notice-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            Instant deadline = Instant.now().plus(TestBus.PATIENCE);
            while (!done.test(records)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(topic + " not as expected within " + TestBus.PATIENCE + ": " + records.size() + " records");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    static String bootstrap(KafkaConnectionDetails kafka) {
        return String.join(",", kafka.getBootstrapServers());
    }
}
