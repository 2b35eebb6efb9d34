package org.sharebus.consumers.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    private static final String INDIVIDUAL = "92330110MA2H3K7Q5H";
    private static final String COMPANY = "91330109J6H9752474";

    @Test
    void shouldKeepOnlyTheFirstCharacterOfTheNameWhenTheSubjectIsAnIndividualBusiness() {
        // when / then
        assertThat(Masking.individualBusiness(INDIVIDUAL)).isTrue();
        assertThat(Masking.name(INDIVIDUAL, "张小明")).isEqualTo("张**");
        assertThat(Masking.name(INDIVIDUAL, "余杭区张记面馆")).isEqualTo("余******");
        assertThat(Masking.uscc(INDIVIDUAL)).isEqualTo("92330110*********H");
    }

    @Test
    void shouldShowAnEnterpriseAsRegisteredWhenItIsALegalPerson() {
        // when / then
        assertThat(Masking.individualBusiness(COMPANY)).isFalse();
        assertThat(Masking.name(COMPANY, "杭州萧山进出口贸易有限公司")).isEqualTo("杭州萧山进出口贸易有限公司");
        assertThat(Masking.uscc(COMPANY)).isEqualTo(COMPANY);
        // a farmers' cooperative (93…) is not an individual business
        assertThat(Masking.individualBusiness("93330110MA2H3K7Q5H")).isFalse();
    }
}
