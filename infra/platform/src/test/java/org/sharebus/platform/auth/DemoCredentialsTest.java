package org.sharebus.platform.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DemoCredentialsTest {

    @Test
    void shouldAllowTheDemoCredentialsOnlyWhileNoSetIsConfigured() {
        // nothing configured: every set may fall back to its demo values
        assertThatCode(() -> DemoCredentials.refuseBesideConfigured(new MockEnvironment(), DemoCredentials.STAFF_USERS, "…"))
                .doesNotThrowAnyException();

        // the API's keys configured: the staff logins may not fall back, and the message says what to set
        MockEnvironment apiKeys = new MockEnvironment().withProperty("sharebus.api.departments.TAX.key-hashes[0]", "ab12");
        assertThatThrownBy(() -> DemoCredentials.refuseBesideConfigured(apiKeys, DemoCredentials.STAFF_USERS, "Configure the users."))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("sharebus.api.departments is configured but sharebus.web.users is not")
                .hasMessageEndingWith("Configure the users.");

        // staff logins configured: the gateway's keys may not fall back
        MockEnvironment users = new MockEnvironment().withProperty("sharebus.web.users.wang.department", "MARKET");
        assertThatThrownBy(() -> DemoCredentials.refuseBesideConfigured(users, DemoCredentials.GATEWAY_KEYS, "…"))
                .hasMessageStartingWith("sharebus.web.users is configured but sharebus.gateway.departments is not");
        // and a set's own configuration is not held against it
        assertThatCode(() -> DemoCredentials.refuseBesideConfigured(users, DemoCredentials.STAFF_USERS, "…")).doesNotThrowAnyException();
    }
}
