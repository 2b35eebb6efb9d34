package org.sharebus.consumers.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharebus.event.market.AdministrativePenaltyDecided;
import org.sharebus.event.market.MarketEvent;
import org.sharebus.event.market.PenaltyProcedure;
import org.sharebus.event.market.PenaltySector;
import org.sharebus.event.market.PenaltyType;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.profile.Penalty;

/**
 * A profile the gateway's limits let grow past one Kafka record is written shortened, not refused
 * by the producer (which would stop the builder's task for every enterprise of its partitions).
 */
class ProfileBudgetTest {

    private static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");
    private static final String USCC = Events.ENTERPRISE.uscc().value();

    private final ProfileDriver driver = new ProfileDriver(NOW);

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldKeepTheNewestEntriesOfAProfileThatWouldOutgrowAKafkaRecord() {
        // given an enterprise with a few penalties of the usual size: written whole
        driver.pipe(Events.registered(LocalDate.of(2020, 1, 1)));
        for (int i = 0; i < 3; i++) {
            driver.pipe(penalty("杭西市监罚〔2026〕" + i + "号", LocalDate.of(2026, 1, 1).plusDays(i)));
        }
        assertThat(driver.counter("sharebus.profile.trimmed")).isZero();

        // when sixty more come, each decision number 4,000 characters long (the gateway's limit for a string without its own)
        for (int i = 0; i < 60; i++) {
            driver.pipe(penalty(("杭" + i + "市监罚").repeat(800).substring(0, 4_000), LocalDate.of(2026, 2, 1).plusDays(i)));
        }

        // then the profile fits in a record, and is still written and published
        KeyValueStore<String, byte[]> store = driver.driver.getKeyValueStore(ProfileTopology.PROFILE_STORE);
        assertThat(store.get(USCC).length).isLessThanOrEqualTo(ProfileBudget.DEFAULT_MAX_BYTES);
        List<EnterpriseProfile> published = driver.published();
        assertThat(published).isNotEmpty();
        EnterpriseProfile profile = published.get(published.size() - 1);
        // with the newest penalties and timeline entries kept, the oldest gone
        assertThat(profile.getPenalties()).isNotEmpty().hasSizeLessThan(63);
        assertThat(profile.getPenalties().get(0).getDecidedOn()).isEqualTo(LocalDate.of(2026, 2, 1).plusDays(59));
        assertThat(profile.getPenalties()).extracting(Penalty::getDecisionNo).doesNotContain("杭西市监罚〔2026〕0号");
        assertThat(profile.getTimeline()).isNotEmpty();
        assertThat(profile.getTimeline().get(0).getOccurredAt()).isEqualTo(Events.noon(LocalDate.of(2026, 2, 1).plusDays(59)));
        // and counted, for the operator to look for the sender
        assertThat(driver.counter("sharebus.profile.trimmed")).isPositive();
    }

    private static MarketEvent penalty(String decisionNo, LocalDate on) {
        return Events.market(on, AdministrativePenaltyDecided.newBuilder().setDecisionNo(decisionNo).setViolationType("虚假宣传")
                .setPenaltyTypes(List.of(PenaltyType.FINE)).setFineAmount(new BigDecimal("50000.00")).setSector(PenaltySector.ADVERTISING)
                .setProcedure(PenaltyProcedure.GENERAL).setDecidedOn(on).build(), null);
    }
}
