package org.sharebus.consumers.api;

import java.util.Collection;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The query parameters of the API's lists (search, notices, public results) are refused when unknown
 * rather than ignored: a misspelt filter ({@code stauts=OPEN}) would answer everything as if it had
 * matched. Each list refuses with its own problem type; which parameter is the rule shared here.
 */
public final class ApiParameters {

    private ApiParameters() {
    }

    /**
     * A whole-number parameter (page, size): empty when it is not one; a number beyond {@code long}
     * saturates, so that {@code size=99999999999999999999} is refused as too large, which it is, not as
     * "not a whole number", which it is not.
     */
    public static OptionalLong wholeNumber(String value) {
        String v = value.strip();
        if (!v.matches("[+-]?[0-9]+")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v));
        } catch (NumberFormatException tooLong) {
            return OptionalLong.of(v.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE);
        }
    }

    /** The first of {@code given} that is not one of {@code taken}. */
    public static Optional<String> unknown(Collection<String> given, Collection<String> taken) {
        return given.stream().filter(parameter -> !taken.contains(parameter)).findFirst();
    }
}
