package org.sharebus.gateway.publish;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.sharebus.gateway.Violation;

/**
 * What became of one event of a request.
 *
 * @param outcome ACCEPTED (published now), DUPLICATE (published before: the original receipt) or REFUSED
 * @param status  the HTTP status this event alone would have got
 * @param receipt where the event is, unless refused
 * @param errors  why it was refused
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemResult(int index, String eventId, String eventType, Outcome outcome, int status, Receipt receipt,
                         List<Violation> errors, @JsonIgnore String reason, @JsonIgnore String sha256) {

    public enum Outcome { ACCEPTED, DUPLICATE, REFUSED }

    static ItemResult refused(int index, String eventId, String eventType, int status, String reason, List<Violation> errors,
                              String sha256) {
        return new ItemResult(index, eventId, eventType, Outcome.REFUSED, status, null, List.copyOf(errors), reason, sha256);
    }

    static ItemResult receipt(int index, Outcome outcome, Receipt receipt, String sha256) {
        return new ItemResult(index, receipt.eventId().toString(), receipt.eventType(), outcome,
                outcome == Outcome.ACCEPTED ? 201 : 200, receipt, null, null, sha256);
    }

    /** The same result for another position of the request. */
    ItemResult at(int otherIndex) {
        List<Violation> moved = errors == null ? null
                : errors.stream().map(v -> new Violation(otherIndex, v.field(), v.rule(), v.message())).toList();
        Outcome movedOutcome = outcome == Outcome.ACCEPTED ? Outcome.DUPLICATE : outcome;
        return new ItemResult(otherIndex, eventId, eventType, movedOutcome, movedOutcome == Outcome.DUPLICATE ? 200 : status,
                receipt, moved, reason, sha256);
    }

    public boolean refused() {
        return outcome == Outcome.REFUSED;
    }
}
