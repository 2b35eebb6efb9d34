package org.sharebus.uscc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsccTest {

    @ParameterizedTest
    @ValueSource(strings = {"91330100799655058B", "91350100M000100Y43"})
    void shouldAcceptTheCodeWhenItsCheckCharacterMatches(String code) {
        // when
        Uscc uscc = Uscc.of(code);

        // then
        assertThat(uscc.value()).isEqualTo(code);
        assertThat(Uscc.isValid(code)).isTrue();
        assertThat(Uscc.problem(code)).isEmpty();
    }

    @Test
    void shouldComputeBWhenCheckingAlibabasWorkedExample() {
        // when
        char check = Uscc.checkCharacter("91330100799655058");

        // then
        assertThat(check).isEqualTo('B');
    }

    @Test
    void shouldRejectTheWidelyCopiedMisprintWhenItEndsInZ() {
        // when / then
        assertThat(Uscc.isValid("91350100M000100Y4Z")).isFalse();
        assertThatThrownBy(() -> Uscc.of("91350100M000100Y4Z"))
                .isInstanceOf(InvalidUsccException.class)
                .hasMessage("USCC '91350100M000100Y4Z' character 18 'Z' is not allowed (digits and capital letters except I, O, S, V, Z)");
    }

    @Test
    void shouldNameTheExpectedCharacterWhenTheCheckCharacterIsWrong() {
        // when / then
        assertThatThrownBy(() -> Uscc.of("91330100799655058A"))
                .isInstanceOf(InvalidUsccException.class)
                .hasMessage("USCC '91330100799655058A' check character is 'A', expected 'B' (GB 32100-2015)")
                .extracting(e -> ((InvalidUsccException) e).rule())
                .isEqualTo("check character is 'A', expected 'B' (GB 32100-2015)");
    }

    @ParameterizedTest
    @ValueSource(chars = {'I', 'O', 'S', 'V', 'Z', 'i', 'o', 's', 'v', 'z'})
    void shouldRejectTheLetterWhenItIsNotInTheAlphabet(char letter) {
        // given: Alibaba's code with its 10th character replaced
        String code = "913301007" + letter + "9655058B";

        // when / then
        assertThat(Uscc.isValid(code)).isFalse();
        assertThatThrownBy(() -> Uscc.of(code))
                .isInstanceOf(InvalidUsccException.class)
                .hasMessageContaining("character 10 '" + Character.toUpperCase(letter) + "' is not allowed");
    }

    @Test
    void shouldStoreTheUpperCaseFormWhenGivenLowerCaseAndSpaces() {
        // when
        Uscc uscc = Uscc.of("  91350100m000100y43 ");

        // then
        assertThat(uscc.value()).isEqualTo("91350100M000100Y43");
        assertThat(uscc).isEqualTo(Uscc.of("91350100M000100Y43"));
    }

    @Test
    void shouldReadTheCodeWhenTypedInAnInputMethodsFullWidthMode() {
        // when typed with full-width digits and letters, and an ideographic space after it
        Uscc uscc = Uscc.of("９１３５０１００ｍ０００１００Ｙ４３\u3000");

        // then
        assertThat(uscc.value()).isEqualTo("91350100M000100Y43");
    }

    @Test
    void shouldRejectLowerCaseWhenConstructedWithoutNormalising() {
        // when / then
        assertThatThrownBy(() -> new Uscc("91350100m000100y43"))
                .hasMessageContaining("character 9 'm' is not allowed");
    }

    @Test
    void shouldNameTheLengthWhenTheCodeIsTooShort() {
        // when / then
        assertThatThrownBy(() -> Uscc.of("9133010079965505"))
                .hasMessage("USCC '9133010079965505' must have 18 characters, has 16");
    }

    @Test
    void shouldRequireDigitsWhenTheDivisionCodeHasALetter() {
        // given: the division rule is checked before the check character
        String first17 = "9133A100799655058";

        // when / then
        assertThatThrownBy(() -> Uscc.of(first17 + "B"))
                .hasMessageContaining("characters 3 to 8 are the administrative-division code and must be digits");
    }

    @Test
    void shouldSayItIsRequiredWhenInputIsNull() {
        // when / then
        assertThatThrownBy(() -> Uscc.of(null)).hasMessage("USCC is required");
        assertThat(Uscc.isValid(null)).isFalse();
    }

    @Test
    void shouldExposeRegistrationDepartmentAndDivisionWhenValid() {
        // when
        Uscc uscc = Uscc.of("91330100799655058B");

        // then
        assertThat(uscc.registrationDepartment()).isEqualTo('9');
        assertThat(uscc.regionCode()).isEqualTo("330100");
        assertThat(uscc.organisationCodeCheckHolds()).isTrue();
    }

    @Test
    void shouldFlagTheOrganisationCodeWhenItsOwnCheckDigitIsWrong() {
        // given: organisation code 79965505-7 instead of -8, USCC check character recomputed
        String first17 = "91330100799655057";
        Uscc uscc = Uscc.of(first17 + Uscc.checkCharacter(first17));

        // when / then
        assertThat(uscc.organisationCodeCheckHolds()).isFalse();
    }
}
