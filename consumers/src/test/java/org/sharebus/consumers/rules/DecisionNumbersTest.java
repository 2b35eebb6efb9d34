package org.sharebus.consumers.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A decision number names one decision however its clerk bracketed it. */
class DecisionNumbersTest {

    @Test
    void shouldTakeEveryUsualWayOfWritingANumberForTheSameDecision() {
        for (String typed : new String[] {"杭西市监异[2026]第7号", "杭西市监异（2026）7号", "杭西市监异(2026)第7号", "杭西市监异【2026】7号",
                " 杭西市监异〔2026〕7号 ", "杭西市监异〔２０２６〕７号", "杭西市监异［２０２６］第７号", "\u3000杭西市监异（２０２６）７号"}) {
            assertThat(DecisionNumbers.same(typed, "杭西市监异〔2026〕7号")).as(typed).isTrue();
            assertThat(DecisionNumbers.canonical(typed)).as(typed).isEqualTo("杭西市监异〔2026〕7号");
        }
    }

    @Test
    void shouldTellDifferentDecisionsApartAndLeaveTheOfficialFormAsItIs() {
        assertThat(DecisionNumbers.same("杭西市监异〔2026〕7号", "杭西市监异〔2026〕17号")).isFalse();
        assertThat(DecisionNumbers.same("杭西市监异〔2026〕7号", null)).isFalse();
        assertThat(DecisionNumbers.same(null, null)).isTrue();
        String official = "杭西市监异〔2026〕7号";
        assertThat(DecisionNumbers.canonical(official)).isSameAs(official);
    }
}
