package org.sharebus.consumers.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The public page's links to the next and previous pages keep the search text as typed. */
class PublicResultsLinkTest {

    @Test
    void shouldKeepAPlusAnAmpersandAndChineseInTheSearchWhenLinkingToAnotherPage() {
        assertThat(PublicResultsController.link("A+B 科技&x", 2))
                .isEqualTo("/public/results?q=A%2BB+%E7%A7%91%E6%8A%80%26x&page=2");
        assertThat(PublicResultsController.link(" ", 0)).isEqualTo("/public/results?page=0");
        assertThat(PublicResultsController.link(null, 1)).isEqualTo("/public/results?page=1");
    }
}
