package org.sharebus.consumers.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Pins the names of the topology's sources, processors, stores and sinks: they name the
 * changelog topics and the consumer group's state, so a rename is a migration, not a refactoring.
 * When the topology changes on purpose, update {@code profile-topology.txt} in the same commit.
 */
class ProfileTopologyDescriptionTest {

    @Test
    void shouldDescribeTopologyAsPinnedWhenBuilt() throws IOException {
        // given
        String expected;
        try (InputStream in = getClass().getResourceAsStream("profile-topology.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        // when
        String actual;
        try (ProfileDriver driver = new ProfileDriver(Instant.EPOCH)) {
            actual = driver.topology.describe().toString();
        }

        // then
        assertThat(actual.strip()).isEqualTo(expected.strip());
    }
}
