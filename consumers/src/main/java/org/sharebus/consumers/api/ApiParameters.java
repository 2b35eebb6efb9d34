package org.sharebus.consumers.api;

import java.util.Collection;
import java.util.Optional;

/**
 * The query parameters of the API's lists (search, notices, public results) are refused when unknown
 * rather than ignored: a misspelt filter ({@code stauts=OPEN}) would answer everything as if it had
 * matched. Each list refuses with its own problem type; which parameter is the rule shared here.
 */
public final class ApiParameters {

    private ApiParameters() {
    }

    /** The first of {@code given} that is not one of {@code taken}. */
    public static Optional<String> unknown(Collection<String> given, Collection<String> taken) {
        return given.stream().filter(parameter -> !taken.contains(parameter)).findFirst();
    }
}
