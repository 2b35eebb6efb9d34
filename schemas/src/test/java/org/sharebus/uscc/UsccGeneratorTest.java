package org.sharebus.uscc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UsccGeneratorTest {

    private static final String REGEX = "^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$";

    @Test
    void shouldMakeOnlyValidCodesWhenGeneratingTenThousand() {
        // given
        UsccGenerator generator = new UsccGenerator(42);

        // when
        List<Uscc> codes = IntStream.range(0, 10_000).mapToObj(i -> generator.next("330106")).toList();

        // then
        assertThat(codes).allSatisfy(code -> {
            assertThat(code.value()).matches(REGEX);
            assertThat(Uscc.problem(code.value())).isEmpty();
            assertThat(code.value().charAt(17)).isEqualTo(Uscc.checkCharacter(code.value().substring(0, 17)));
            assertThat(code.organisationCodeCheckHolds()).isTrue();
            assertThat(code.regionCode()).isEqualTo("330106");
            assertThat(code.value()).startsWith("91");
        });
        assertThat(codes.stream().distinct().count()).isGreaterThan(9_990);
        assertThat(codes).anySatisfy(code -> assertThat(code.value().substring(8, 16)).matches(".*[A-Z].*"));
    }

    @Test
    void shouldRepeatTheSameCodesWhenGivenTheSameSeed() {
        // when
        List<Uscc> first = generate(7L);
        List<Uscc> second = generate(7L);
        List<Uscc> other = generate(8L);

        // then
        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void shouldUseTheCategoryWhenGeneratingAnIndividualBusiness() {
        // when
        Uscc code = new UsccGenerator(1).next('2', "330102");

        // then
        assertThat(code.value()).startsWith("92330102");
    }

    @Test
    void shouldNameTheRuleWhenTheRegionCodeIsNotSixDigits() {
        // when / then
        assertThatThrownBy(() -> new UsccGenerator(1).next("3301"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("region code must be six digits (GB/T 2260), got 3301");
    }

    private static List<Uscc> generate(long seed) {
        UsccGenerator generator = new UsccGenerator(seed);
        return IntStream.range(0, 100).mapToObj(i -> generator.next("330100")).toList();
    }
}
