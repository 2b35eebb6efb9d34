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

    /** How a list refuses a parameter: with its own exception type, naming the parameter and the rule. */
    @FunctionalInterface
    public interface Refusal {
        RuntimeException refuse(String field, String rule, String message);
    }

    /** A whole-number parameter from {@code min} to {@code max}, {@code absent} when blank; else refused (rule type, min or max). */
    public static int wholeNumber(String field, String value, int absent, int min, int max, Refusal refusal) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        long n = wholeNumber(value).orElseThrow(() -> refusal.refuse(field, "type", field + " must be a whole number, got '" + value + "'"));
        if (n < min) {
            throw refusal.refuse(field, "min", field + " must be at least " + min + ", got " + value.strip());
        }
        if (n > max) {
            throw refusal.refuse(field, "max", field + " must be at most " + max + ", got " + value.strip());
        }
        return (int) n;
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
