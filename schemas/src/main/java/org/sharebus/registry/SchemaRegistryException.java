package org.sharebus.registry;

/**
 * The schema registry refused a request or could not be reached. The message names the registry,
 * the subject or id and the reason; {@link #httpStatus()} and {@link #errorCode()} let callers
 * react to a particular refusal without parsing the message.
 */
public class SchemaRegistryException extends RuntimeException {

    /** Confluent error code: the subject does not exist. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent error code: the subject has no such version. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Confluent error code: no schema has this id (or the schema is not under the subject). */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Confluent error code: the schema breaks the subject's compatibility level. */
    public static final int INCOMPATIBLE_SCHEMA = 409;
    /** Confluent error code: the schema is not valid. */
    public static final int INVALID_SCHEMA = 42201;
    /** Confluent error code: the compatibility level is not one the registry knows. */
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;

    private final int httpStatus;
    private final int errorCode;

    /**
     * @param httpStatus the HTTP status of the answer; 0 when the registry did not answer
     * @param errorCode  the Confluent error code (e.g. 40401); the HTTP status when the registry
     *                   gave none; 0 when it did not answer
     */
    public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        this(message, httpStatus, errorCode, null);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }
}
