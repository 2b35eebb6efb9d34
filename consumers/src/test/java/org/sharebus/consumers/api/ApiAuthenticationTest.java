package org.sharebus.consumers.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What of a request may reach the access log line. */
class ApiAuthenticationTest {

    @Test
    void shouldKeepLineBreaksAndOtherControlCharactersOutOfTheAccessLog() {
        // a staff name sent URL-encoded with a line break would otherwise start a forged log line
        assertThat(ApiAuthentication.printable("customs-staff\ncaller=TAX method=GET\r\t\u0000"))
                .isEqualTo("customs-staff?caller=TAX method=GET???");
        assertThat(ApiAuthentication.printable("/api/v1/enterprises?name=杭州&page=1")).isEqualTo("/api/v1/enterprises?name=杭州&page=1");
        assertThat(ApiAuthentication.printable("王".repeat(300))).isEqualTo("王".repeat(200) + "…");
    }
}
