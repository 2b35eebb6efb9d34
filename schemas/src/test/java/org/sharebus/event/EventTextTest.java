package org.sharebus.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "杭关缉违字〔2025〕0042号", "line one\nline two\r\n\tindented", "emoji 😀 and 𠀀 (a CJK extension B character)",
            "\u00a0non-breaking space, \u200b zero width space, \ufeff byte-order mark"})
    void shouldFindNothingWhenTheTextHoldsOnlyAllowedCharacters(String text) {
        // when / then
        assertThat(EventText.firstForbidden(text)).isEqualTo(-1);
        assertThat(EventText.problem(text)).isEmpty();
    }

    @Test
    void shouldNameTheCodePointAndPositionWhenTheTextHoldsANul() {
        // when
        EventText.Forbidden forbidden = EventText.problem("阿里\u0000巴巴").orElseThrow();

        // then
        assertThat(forbidden.index()).isEqualTo(2);
        assertThat(forbidden.rule()).isEqualTo(EventText.CONTROL_CHARACTER).isEqualTo("control-character");
        assertThat(forbidden.message()).isEqualTo(
                "holds the control character U+0000 at character 3; only tab, line feed and carriage return are allowed");
    }

    @Test
    void shouldCountPositionsInCharactersWhenASupplementaryCharacterComesFirst() {
        // when: 😀 is two chars, one character
        EventText.Forbidden forbidden = EventText.problem("😀\u0085").orElseThrow();

        // then
        assertThat(forbidden.index()).isEqualTo(2);
        assertThat(forbidden.message()).contains("U+0085 at character 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "a\ud800b", "\udc00", "b\udc00\ud800", "\ud83d"})
    void shouldRefuseTheSurrogateWhenItHasNoPartner(String text) {
        // when
        EventText.Forbidden forbidden = EventText.problem(text).orElseThrow();

        // then
        assertThat(forbidden.rule()).isEqualTo(EventText.UNPAIRED_SURROGATE).isEqualTo("unpaired-surrogate");
        assertThat(Character.isSurrogate(text.charAt(forbidden.index()))).isTrue();
        assertThat(forbidden.message()).contains("unpaired surrogate U+D");
    }

    @Test
    void shouldRefuseExactlyTheControlCharactersButTabLineFeedAndCarriageReturnWhenCheckingEveryBmpCharacter() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            // given
            boolean control = Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r';

            // when
            int found = EventText.firstForbidden("ok" + c + "ok");

            // then
            assertThat(found).as("U+%04X", (int) c).isEqualTo(control || Character.isSurrogate(c) ? 2 : -1);
        }
    }
}
