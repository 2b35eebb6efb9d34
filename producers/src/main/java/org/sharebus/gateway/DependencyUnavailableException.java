package org.sharebus.gateway;

import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.sharebus.registry.SchemaRegistryException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Something the gateway needs (the broker, the schema registry, the database) did not answer, or answered that it
 * cannot serve now: 503 with {@code Retry-After}. Nothing is lost by retrying with the same event
 * ids: an event that did reach the broker is found again (see docs/decisions.md, Gateway).
 */
public class DependencyUnavailableException extends RuntimeException {

    /** The problem type's slug of every such answer, and the {@link #reason()} of a dependency down. */
    public static final String REASON = "unavailable";
    /** The {@link #reason()} of a resend that waited out the claim wait. */
    public static final String BUSY = "busy";

    private final String title;
    private final String reason;
    private final String publicDetail;

    /**
     * @param dependency what did not answer: {@code broker}, {@code schema registry} or {@code database}
     * @param message    for the log and the audit log: may name hosts, ports and the client's own exception
     */
    public DependencyUnavailableException(String dependency, String message, Throwable cause) {
        this("The " + dependency + " is unavailable", REASON, "the " + dependency + " is unavailable", message, cause);
    }

    private DependencyUnavailableException(String title, String reason, String publicDetail, String message, Throwable cause) {
        super(message, cause);
        this.title = title;
        this.reason = reason;
        this.publicDetail = publicDetail;
    }

    /** As {@link #DependencyUnavailableException(String, String, Throwable)}, with a message of the gateway's own words, which the department is told too. */
    public static DependencyUnavailableException told(String dependency, String message, Throwable cause) {
        return new DependencyUnavailableException("The " + dependency + " is unavailable", REASON, message, message, cause);
    }

    /**
     * Event ids of this request are held by an earlier request that is still publishing them and did
     * not finish within the claim wait: the retry gets that request's receipts or takes the ids over.
     */
    public static DependencyUnavailableException busy(String message, Throwable cause) {
        return new DependencyUnavailableException("Event ids are being published by another request", BUSY, message, message, cause);
    }

    /**
     * What the department is told: which dependency, not where it runs nor the client's exception
     * (those are in {@link #getMessage()}, for the log and the audit log).
     */
    public String publicDetail() {
        return publicDetail;
    }

    /** The problem's title. */
    public String title() {
        return title;
    }

    /**
     * The refusal reason in metrics and the audit outcome (upper case there): {@value #REASON}, or
     * {@value #BUSY}, which an operator should not take for an outage.
     */
    public String reason() {
        return reason;
    }

    /**
     * The unavailability behind {@code failure}, if that is what it is: the registry not reached or
     * answering 5xx while encoding (a 4xx is a real refusal, not a passing outage), a Kafka client
     * timeout (metadata, acknowledgement), or no connection to the database.
     */
    public static Optional<DependencyUnavailableException> of(Throwable failure) {
        if (failure instanceof DependencyUnavailableException unavailable) {
            return Optional.of(unavailable);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SerializationException && cause.getCause() instanceof SchemaRegistryException registry
                    && (registry.httpStatus() == 0 || registry.httpStatus() >= 500)) {
                return Optional.of(new DependencyUnavailableException("schema registry",
                        "the schema registry is unavailable: " + registry.getMessage(), failure));
            }
            if (cause instanceof TimeoutException) {
                return Optional.of(new DependencyUnavailableException("broker",
                        "the broker did not answer in time: " + cause.getMessage(), failure));
            }
            // No connection to PostgreSQL (down, or every pooled connection busy past the pool's wait): the receipt index.
            if (cause instanceof DataAccessResourceFailureException || cause instanceof SQLTransientConnectionException) {
                return Optional.of(new DependencyUnavailableException("database",
                        "the receipt index's database is unavailable: " + cause.getMessage(), failure));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
