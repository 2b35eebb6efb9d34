package org.sharebus.schemas.evolution;

/**
 * One reason why the current schema of a subject may not be released: an incompatibility with
 * a released version, or a history that cannot be read.
 *
 * @param subject  the registry subject, {@code <topic>-value}
 * @param version  the released version the current schema was checked against; 0 when the
 *                 finding is about the subject's history as a whole
 * @param location where in the current (reader) schema, as a field path such as
 *                 {@code payload[CustomsPenaltyDecided].amount}
 * @param problem  what is wrong, with Avro's incompatibility type and message where Avro found it
 */
public record Finding(String subject, int version, String location, String problem) {

    @Override
    public String toString() {
        return subject + (version > 0 ? " v" + version : "") + " at " + location + ": " + problem;
    }
}
