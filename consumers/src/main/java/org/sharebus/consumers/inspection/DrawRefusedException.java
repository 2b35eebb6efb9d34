package org.sharebus.consumers.inspection;

/**
 * A draw the rules do not allow: names the rule (a property of the rules table or the scope) and why. The message is
 * English for logs and the API; the details are the numbers the staff page puts into its own sentence for the rule
 * ({@code inspections.refused.<rule>}), so a Chinese page reads Chinese throughout.
 */
public class DrawRefusedException extends RuntimeException {

    private final String rule;
    private final Object[] details;

    public DrawRefusedException(String rule, String message, Object... details) {
        super(message);
        this.rule = rule;
        this.details = details.clone();
    }

    public String rule() {
        return rule;
    }

    public Object[] details() {
        return details.clone();
    }
}
