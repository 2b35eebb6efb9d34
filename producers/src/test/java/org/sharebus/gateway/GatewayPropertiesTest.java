package org.sharebus.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewayPropertiesTest {

    @Test
    void shouldRefuseAClaimWaitThatPostgreSqlWouldTakeAsNoLimitOrNotAtAll() {
        // a lock_timeout of 0 waits for ever; above 2^31 - 1 ms PostgreSQL refuses the setting on every resend
        assertThatThrownBy(() -> withClaimWait(Duration.ZERO)).hasMessageContaining("claim-wait must be between 1 ms and 24 days");
        assertThatThrownBy(() -> withClaimWait(Duration.ofDays(25))).hasMessageContaining("got PT600H");
        assertThat(withClaimWait(null).claimWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(withClaimWait(Duration.ofMillis(1)).claimWait()).isEqualTo(Duration.ofMillis(1));
    }

    private static GatewayProperties withClaimWait(Duration claimWait) {
        return new GatewayProperties(null, null, null, null, null, claimWait);
    }
}
