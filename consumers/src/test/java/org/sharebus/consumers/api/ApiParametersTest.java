package org.sharebus.consumers.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the lists' whole-number parameters are read, and which parameter is unknown. */
class ApiParametersTest {

    @Test
    void shouldReadWholeNumbersAndSaturateThoseBeyondLongWhenGivenDigits() {
        assertThat(ApiParameters.wholeNumber(" 42 ")).hasValue(42);
        assertThat(ApiParameters.wholeNumber("-3")).hasValue(-3);
        assertThat(ApiParameters.wholeNumber("99999999999999999999")).hasValue(Long.MAX_VALUE);
        assertThat(ApiParameters.wholeNumber("-99999999999999999999")).hasValue(Long.MIN_VALUE);
    }

    @Test
    void shouldAnswerEmptyWhenTheParameterIsNotAWholeNumber() {
        for (String notWhole : List.of("two", "1.5", "1e3", "", "0x10", "٣")) {
            assertThat(ApiParameters.wholeNumber(notWhole)).as(notWhole).isEmpty();
        }
    }

    @Test
    void shouldRefuseWithTheListsOwnExceptionNamingTheRuleWhenAWholeNumberIsOutOfItsRange() {
        // given a list's own refusal
        ApiParameters.Refusal refusal = (field, rule, message) -> new IllegalArgumentException(field + "/" + rule + ": " + message);

        // then blank is the default, and each broken rule is named
        assertThat(ApiParameters.wholeNumber("size", " ", 20, 1, 100, refusal)).isEqualTo(20);
        assertThat(ApiParameters.wholeNumber("size", "100", 20, 1, 100, refusal)).isEqualTo(100);
        assertThatThrownBy(() -> ApiParameters.wholeNumber("size", "0", 20, 1, 100, refusal))
                .hasMessage("size/min: size must be at least 1, got 0");
        assertThatThrownBy(() -> ApiParameters.wholeNumber("size", "99999999999999999999", 20, 1, 100, refusal))
                .hasMessage("size/max: size must be at most 100, got 99999999999999999999");
        assertThatThrownBy(() -> ApiParameters.wholeNumber("page", "two", 0, 0, Integer.MAX_VALUE, refusal))
                .hasMessage("page/type: page must be a whole number, got 'two'");
    }

    @Test
    void shouldNameTheFirstParameterNotTakenWhenOneIsMisspelt() {
        assertThat(ApiParameters.unknown(List.of("name", "stauts"), List.of("name", "status"))).hasValue("stauts");
        assertThat(ApiParameters.unknown(List.of("name"), List.of("name", "status"))).isEmpty();
    }
}
