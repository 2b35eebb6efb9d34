package org.sharebus.platform.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * The compatibility rules of the Confluent registry API (兼容性级别). BACKWARD: the new schema
 * reads data written with the earlier one; FORWARD: the earlier schema reads data written with the
 * new one; FULL: both. TRANSITIVE: against every earlier version, not only the latest.
 */
enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    /** sharebus's rule (architecture decision 2): events written years ago stay readable. */
    static final CompatibilityLevel DEFAULT = BACKWARD_TRANSITIVE;

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    boolean newSchemaMustReadEarlier() {
        return backward;
    }

    boolean earlierMustReadNewSchema() {
        return forward;
    }

    boolean transitive() {
        return transitive;
    }

    /** Case-insensitive, as Confluent's registry accepts {@code "full"} as well as {@code "FULL"}. */
    static Optional<CompatibilityLevel> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException notALevel) {
            return Optional.empty();
        }
    }
}
