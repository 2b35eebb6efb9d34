package org.sharebus.uscc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsccTest {

    @ParameterizedTest
    @ValueSource(strings = {"91330109J6H9752474", "91350100M000100Y43"})
    void shouldAcceptTheCodeWhenItsCheckCharacterMatches(String code) {
        // when
        Uscc uscc = Uscc.of(code);

        // then
        assertThat(uscc.value()).isEqualTo(code);
        assertThat(Uscc.isValid(code)).isTrue();
        assertThat(Uscc.problem(code)).isEmpty();
    }

    @Test
    void shouldCompute4WhenCheckingTheFictitiousXiaoshanTrader() {
        // when
        char check = Uscc.checkCharacter("91330109J6H975247");

        // then
        assertThat(check).isEqualTo('4');
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
        assertThatThrownBy(() -> Uscc.of("91330109J6H975247A"))
                .isInstanceOf(InvalidUsccException.class)
                .hasMessage("USCC '91330109J6H975247A' check character is 'A', expected '4' (GB 32100-2015)")
                .extracting(e -> ((InvalidUsccException) e).rule())
                .isEqualTo("check character is 'A', expected '4' (GB 32100-2015)");
    }

    @ParameterizedTest
    @ValueSource(chars = {'I', 'O', 'S', 'V', 'Z', 'i', 'o', 's', 'v', 'z'})
    void shouldRejectTheLetterWhenItIsNotInTheAlphabet(char letter) {
        // given: the fictitious Xiaoshan trader's code with its 10th character replaced
        String code = "91330109J" + letter + "H9752474";

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
        assertThatThrownBy(() -> Uscc.of("91330109J6H97524"))
                .hasMessage("USCC '91330109J6H97524' must have 18 characters, has 16");
    }

    @Test
    void shouldRequireDigitsWhenTheDivisionCodeHasALetter() {
        // given: the division rule is checked before the check character
        String first17 = "9133A109J6H975247";

        // when / then
        assertThatThrownBy(() -> Uscc.of(first17 + "4"))
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
        Uscc uscc = Uscc.of("91330109J6H9752474");

        // then
        assertThat(uscc.registrationDepartment()).isEqualTo('9');
        assertThat(uscc.regionCode()).isEqualTo("330109");
        assertThat(uscc.organisationCodeCheckHolds()).isTrue();
    }

    @Test
    void shouldFlagTheOrganisationCodeWhenItsOwnCheckDigitIsWrong() {
        // given: organisation code J6H97524-8 instead of -7, USCC check character recomputed
        String first17 = "91330109J6H975248";
        Uscc uscc = Uscc.of(first17 + Uscc.checkCharacter(first17));

        // when / then
        assertThat(uscc.organisationCodeCheckHolds()).isFalse();
    }
}
