package org.sharebus.consumers.inspection;

/**
 * Staff input the rules refuse: names the form field and the rule. The message is English, for the
 * API and the log; the pages say it in the staff's language from {@code invalid.<field>.<rule>},
 * with {@link #value()} (the refused part of the input) where the sentence needs it.
 */
public class InvalidInspectionInputException extends RuntimeException {

    private final String field;
    private final String rule;
    private final String value;

    public InvalidInspectionInputException(String field, String rule, String message) {
        this(field, rule, message, null);
    }

    public InvalidInspectionInputException(String field, String rule, String message, String value) {
        super(message);
        this.field = field;
        this.rule = rule;
        this.value = value;
    }

    /** The refused part of the input, e.g. the unknown certificate numbers; null when the rule says enough. */
    public String value() {
        return value;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
