package org.sharebus.consumers.api;

import static org.assertj.core.api.Assertions.assertThat;

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
    void shouldNameTheFirstParameterNotTakenWhenOneIsMisspelt() {
        assertThat(ApiParameters.unknown(List.of("name", "stauts"), List.of("name", "status"))).hasValue("stauts");
        assertThat(ApiParameters.unknown(List.of("name"), List.of("name", "status"))).isEmpty();
    }
}
