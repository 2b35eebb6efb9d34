package org.sharebus.seeds.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayOptionsTest {

    @Test
    void shouldReadEveryOptionInBothFormsWhenParsing() {
        // given options as --name value and --name=value
        List<String> args = List.of("--enterprises", "2_000", "--seed=7", "--target", "gateway", "--gateway-url=http://gw:8080",
                "--api-keys-file", "keys.properties", "--rate", "1500", "--batch-size=200");

        // when they are parsed
        ReplayOptions options = ReplayOptions.parse(args);

        // then each has its value
        assertThat(options.enterprises()).isEqualTo(2_000);
        assertThat(options.parameters().seed()).isEqualTo(7);
        assertThat(options.target()).isEqualTo(ReplayOptions.TargetKind.GATEWAY);
        assertThat(options.gatewayUrl()).hasToString("http://gw:8080");
        assertThat(options.eventsPerSecond()).isEqualTo(1500);
        assertThat(options.batchSize()).isEqualTo(200);
    }

    @Test
    void shouldMakeTheDataSetAsOfTodayUnlessTheOptionNamesADay() {
        // given no --as-of, and --as-of the day the reviewer loaded the bus
        ReplayOptions today = ReplayOptions.parse(List.of());
        ReplayOptions named = ReplayOptions.parse(List.of("--as-of", "2026-11-30"));

        // then the window ends on the first day of the month: this month's, or November 2026's
        assertThat(today.parameters().windowEnd()).isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).withDayOfMonth(1));
        assertThat(named.parameters().windowEnd()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThatThrownBy(() -> ReplayOptions.parse(List.of("--as-of", "30.11.2026")))
                .hasMessage("--as-of must be a day as YYYY-MM-DD, got '30.11.2026'");
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1);
        assertThatThrownBy(() -> ReplayOptions.parse(List.of("--as-of", tomorrow.toString())))
                .hasMessageStartingWith("--as-of " + tomorrow + " is after today").hasMessageContaining("events from the future");
    }

    @Test
    void shouldNameTheOptionAndTheRuleWhenAnOptionIsWrong() {
        // given wrong options, when parsed, then the message names what is wrong
        assertThatThrownBy(() -> ReplayOptions.parse(List.of("--rate", "fast")))
                .hasMessage("--rate must be a number of events per second or max, got 'fast'");
        assertThatThrownBy(() -> ReplayOptions.parse(List.of("--target", "gateway")))
                .hasMessage("--target gateway needs --api-keys-file with a key per department");
        assertThatThrownBy(() -> ReplayOptions.parse(List.of("--enterprises", "0")))
                .hasMessage("--enterprises must be at least 1, got 0");
        assertThatThrownBy(() -> ReplayOptions.parse(List.of("--speed", "3"))).hasMessageStartingWith("unknown option --speed");
        assertThat(ReplayOptions.parse(List.of("--rate", "max")).eventsPerSecond()).isZero();
    }
}
