package org.sharebus.consumers.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.sharebus.consumers.rules.TestRules;
import org.sharebus.event.tax.TaxCreditLevel;
import org.sharebus.event.tax.TaxEvent;
import org.sharebus.profile.EnterpriseProfile;

/**
 * A profile's {@code updatedAt} is what the search read model compares before it replaces a row (a
 * record read again changes nothing). Two instances share the partitions and their clocks differ.
 */
class ProfileWriteTimeTest {

    private final ProfileUpdater updater = new ProfileUpdater(TestRules.standard(), ProfileSettings.Limits.DEFAULT);

    @Test
    void shouldWriteAProfileNoOlderThanItsLastWriteWhenTheInstanceNowOwningItHasASlowerClock() {
        // given a profile last written by an instance whose clock ran a minute ahead
        TaxEvent first = Events.taxLevel(2024, TaxCreditLevel.A, LocalDate.of(2025, 4, 20));
        EnterpriseProfile profile = ProfileUpdater.empty(first.getHeader().getUscc(), first.getHeader());
        Instant ahead = Instant.parse("2026-11-30T02:01:00Z");
        updater.apply(profile, event(first), ahead);

        // when its partition moved to an instance whose clock says 02:00, and the next event arrives there
        TaxEvent second = Events.taxLevel(2025, TaxCreditLevel.B, LocalDate.of(2026, 4, 20));
        updater.apply(profile, event(second), Instant.parse("2026-11-30T02:00:00Z"));

        // then the profile is not dated before the one the search already holds: the search takes it, and shows level B
        assertThat(profile.getUpdatedAt()).isEqualTo(ahead);
        assertThat(profile.getEventCount()).isEqualTo(2);

        // and a later write moves it on with the clock again
        TaxEvent third = Events.taxLevel(2025, TaxCreditLevel.M, LocalDate.of(2026, 5, 20));
        updater.apply(profile, event(third), Instant.parse("2026-11-30T02:05:00Z"));
        assertThat(profile.getUpdatedAt()).isEqualTo(Instant.parse("2026-11-30T02:05:00Z"));
    }

    private static DepartmentEvent event(TaxEvent e) {
        return new DepartmentEvent("sharebus.tax.v1", e.getHeader(), (org.apache.avro.specific.SpecificRecord) e.getPayload(), null, null);
    }
}
