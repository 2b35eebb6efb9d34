package org.sharebus.consumers.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchPageTest {

    @Test
    void shouldOfferNoNextPageAndNumberTheLastIntIndexWhenAPageIndexIsAsLargeAsAnIntGoes() {
        // given the last page index an int holds, with more results than one page (a page=2147483647 in a link)
        SearchPage<String> page = new SearchPage<>(List.of(), Integer.MAX_VALUE, 20, 25);

        // then there is no next page (its index would wrap to a negative one, which is refused) and its number is positive
        assertThat(page.hasNext()).isFalse();
        assertThat(page.number()).isEqualTo(2_147_483_648L);
        assertThat(page.hasPrevious()).isTrue();
    }

    @Test
    void shouldOfferANextPageOnlyWhileResultsRemainWhenPagingThroughThem() {
        assertThat(new SearchPage<>(List.of(), 0, 20, 21).hasNext()).isTrue();
        assertThat(new SearchPage<>(List.of(), 1, 20, 40).hasNext()).isFalse();
        assertThat(new SearchPage<>(List.of(), 0, 20, 21).number()).isEqualTo(1);
        assertThat(new SearchPage<>(List.of(), 1, 20, 40).totalPages()).isEqualTo(2);
    }
}
