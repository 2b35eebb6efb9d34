package org.sharebus.seeds.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.sharebus.seeds.generate.SeedParameters;

class SeedLoadingPropertiesTest {

    @Test
    void shouldLoadTheDataSetAsOfTheDayOfLoadingUnlessADayIsSet() {
        // given the one-command bus's settings: nothing but load, or a day set (sharebus.seeds.as-of)
        SeedParameters loadedToday = new SeedLoadingProperties(true, null, null, null).parameters();
        SeedParameters pinned = new SeedLoadingProperties(true, 500, 7L, LocalDate.of(2028, 3, 1)).parameters();

        // then the two years of events end on the first day of the month, today's or the day set's
        assertThat(loadedToday.windowEnd()).isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).withDayOfMonth(1));
        assertThat(loadedToday.enterprises()).isEqualTo(SeedParameters.DEFAULT_ENTERPRISES);
        assertThat(pinned).isEqualTo(SeedParameters.asOf(LocalDate.of(2028, 3, 1)).withEnterprises(500).withSeed(7));
    }
}
