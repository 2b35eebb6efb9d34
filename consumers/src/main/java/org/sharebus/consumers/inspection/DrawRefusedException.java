package org.sharebus.consumers.inspection;

/** A draw the rules do not allow: names the rule (a property of the rules table or the scope) and why. */
public class DrawRefusedException extends RuntimeException {

    private final String rule;

    public DrawRefusedException(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
