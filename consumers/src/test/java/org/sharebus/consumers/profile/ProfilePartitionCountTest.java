package org.sharebus.consumers.profile;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharebus.platform.kafka.EmbeddedKafkaBroker;
import org.sharebus.topic.TopicCatalogue;

/**
 * Department topics made by hand with another partition count than the setting: the profile builder,
 * which checks each event's partition against the setting's count, refuses to start rather than send
 * most events to the dead-letter topics.
 */
class ProfilePartitionCountTest {

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start(0, null, Map.of());
        try (Admin admin = admin()) {
            // the market and tax topics exist with 3 partitions; the others do not exist yet
            admin.createTopics(List.of(new NewTopic("market.events.v1", 3, (short) 1), new NewTopic("tax.events.v1", 3, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Test
    void shouldRefuseToStartNamingTopicsWhenTheirPartitionCountIsNotTheSetting() {
        try (Admin admin = admin()) {
            assertThatThrownBy(() -> ProfileStreamsConfiguration.refuseOtherPartitionCounts(admin, TopicCatalogue.withDepartmentPartitions(12)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("department topics with another partition count than sharebus.topics.department-partitions (12):"
                            + " market.events.v1 has 3; tax.events.v1 has 3. Set it to the topics' count: the profile builder"
                            + " dead-letters an event not in the partition its key hashes to among that many");
        }
    }

    @Test
    void shouldStartWhenTheTopicsThereHaveTheSettingsCount() {
        try (Admin admin = admin()) {
            assertThatCode(() -> ProfileStreamsConfiguration.refuseOtherPartitionCounts(admin, TopicCatalogue.withDepartmentPartitions(3)))
                    .doesNotThrowAnyException();
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }
}
